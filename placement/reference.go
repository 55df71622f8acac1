package placement

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/ecsim/ecsim/placement/query"
)

// Reference is the specification of placement in code: every decision scans
// every instance (or task), filters, and applies the strategy chain stage by
// stage, exactly as the package documentation describes. It is slow (O(n) per
// task) and simple; Index must always agree with it.
type Reference struct {
	cfg     Config
	seed    uint64
	seq     uint64
	trace   Trace
	insts   []refInstance
	space   int32 // one more than the largest instance ID ever added
	tasks   []refTask
	ids     idAlloc
	portBuf []uint32
	memo    map[[2]string]map[string]int
	env     refEnv
}

type refInstance struct {
	present   bool
	spec      InstanceSpec
	status    Status
	connected bool
	regAt     int64
	used      Resources
	ports     []uint32 // sorted: reserved ports and static ports of held tasks
	tasks     []TaskID // held tasks, running or stopping
}

type refTask struct {
	live  bool
	info  TaskInfo
	ports []uint32
}

var _ Engine = (*Reference)(nil)

// NewReference returns an empty reference engine. The tie-break seed is drawn
// once from rng.
func NewReference(cfg Config, rng *rand.Rand) *Reference {
	r := &Reference{cfg: cfg, seed: rng.Uint64()}
	r.env.r = r
	return r
}

// SetTrace implements Engine.
func (r *Reference) SetTrace(t Trace) { r.trace = t }

func (r *Reference) inst(id InstanceID) (*refInstance, error) {
	if id < 0 || int(id) >= len(r.insts) || !r.insts[id].present {
		return nil, fmt.Errorf("instance %d is not registered", id)
	}
	return &r.insts[id], nil
}

// AddInstance implements Engine.
func (r *Reference) AddInstance(id InstanceID, spec InstanceSpec) error {
	if err := checkInstanceID(id); err != nil {
		return fmt.Errorf("add instance: %w", err)
	}
	ports, err := checkSpec(&spec)
	if err != nil {
		return fmt.Errorf("add instance %d: %w", id, err)
	}
	for int(id) >= len(r.insts) {
		r.insts = append(r.insts, refInstance{})
	}
	if r.insts[id].present {
		return fmt.Errorf("add instance: instance %d is already registered", id)
	}
	spec.Attributes = slices.Clone(spec.Attributes)
	r.insts[id] = refInstance{present: true, spec: spec, status: spec.Status,
		connected: !spec.AgentDisconnected, regAt: spec.RegisteredAt.Unix(), ports: ports}
	r.space = max(r.space, int32(id)+1)
	return nil
}

// RemoveInstance implements Engine.
func (r *Reference) RemoveInstance(id InstanceID) error {
	in, err := r.inst(id)
	if err != nil {
		return fmt.Errorf("remove instance: %w", err)
	}
	if len(in.tasks) > 0 {
		return fmt.Errorf("remove instance %d: it still holds %d tasks", id, len(in.tasks))
	}
	*in = refInstance{}
	return nil
}

// SetStatus implements Engine.
func (r *Reference) SetStatus(id InstanceID, s Status) error {
	in, err := r.inst(id)
	if err != nil {
		return fmt.Errorf("set status: %w", err)
	}
	if s > StatusDraining {
		return fmt.Errorf("set status of instance %d: unknown status %d", id, s)
	}
	in.status = s
	return nil
}

// SetAgentConnected implements Engine.
func (r *Reference) SetAgentConnected(id InstanceID, connected bool) error {
	in, err := r.inst(id)
	if err != nil {
		return fmt.Errorf("set agent connected: %w", err)
	}
	in.connected = connected
	return nil
}

// SetAttributes implements Engine.
func (r *Reference) SetAttributes(id InstanceID, attrs []Attribute) error {
	in, err := r.inst(id)
	if err != nil {
		return fmt.Errorf("set attributes: %w", err)
	}
	if err := checkAttributes("attrs", attrs); err != nil {
		return fmt.Errorf("set attributes of instance %d: %w", id, err)
	}
	in.spec.Attributes = slices.Clone(attrs)
	return nil
}

// Instance implements Engine.
func (r *Reference) Instance(id InstanceID) (InstanceInfo, bool) {
	in, err := r.inst(id)
	if err != nil {
		return InstanceInfo{}, false
	}
	info := InstanceInfo{Capacity: in.spec.Capacity, Remaining: in.spec.Capacity.Sub(in.used),
		Status: in.status, Connected: in.connected, Tasks: len(in.tasks)}
	for _, t := range in.tasks {
		if !r.tasks[t].info.Stopping {
			info.Running++
		}
	}
	return info, true
}

// Task implements Engine.
func (r *Reference) Task(t TaskID) (TaskInfo, bool) {
	if t < 0 || int(t) >= len(r.tasks) || !r.tasks[t].live {
		return TaskInfo{}, false
	}
	return r.tasks[t].info, true
}

// Remaining implements View.
func (r *Reference) Remaining(id InstanceID) Resources {
	in := &r.insts[id]
	return in.spec.Capacity.Sub(in.used)
}

// GroupCount implements View.
func (r *Reference) GroupCount(id InstanceID, group string) int {
	n := 0
	for _, t := range r.insts[id].tasks {
		if ti := &r.tasks[t].info; !ti.Stopping && ti.Group == group {
			n++
		}
	}
	return n
}

const missingValue = "\x00missing"

func attrValue(attrs []Attribute, name string) (string, bool) {
	for _, a := range attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// SpreadCount implements View. Counts are computed by one scan of the
// cluster per (group, attribute) and decision.
func (r *Reference) SpreadCount(id InstanceID, group, attribute string) int {
	key := [2]string{group, attribute}
	counts, ok := r.memo[key]
	if !ok {
		counts = map[string]int{}
		for i := range r.insts {
			if !r.insts[i].present {
				continue
			}
			v, has := attrValue(r.insts[i].spec.Attributes, attribute)
			if !has {
				v = missingValue
			}
			counts[v] += r.GroupCount(InstanceID(i), group)
		}
		if r.memo == nil {
			r.memo = map[[2]string]map[string]int{}
		}
		r.memo[key] = counts
	}
	v, has := attrValue(r.insts[id].spec.Attributes, attribute)
	if !has {
		v = missingValue
	}
	return counts[v]
}

// Env implements View.
func (r *Reference) Env(id InstanceID) query.Env {
	r.env.id = id
	return &r.env
}

// refEnv shows one instance to the query language.
type refEnv struct {
	r  *Reference
	id InstanceID
}

func (e *refEnv) in() *refInstance { return &e.r.insts[e.id] }

// The methods below implement query.Env.

func (e *refEnv) Attribute(name string) (string, bool) {
	return attrValue(e.in().spec.Attributes, name)
}
func (e *refEnv) EC2InstanceID() string  { return e.in().spec.EC2InstanceID }
func (e *refEnv) AgentConnected() bool   { return e.in().connected }
func (e *refEnv) AgentVersion() string   { return e.in().spec.AgentVersion }
func (e *refEnv) RegisteredAt() int64    { return e.in().regAt }
func (e *refEnv) RunningTasksCount() int { return len(e.running()) }
func (e *refEnv) NumTaskGroups() int     { return len(e.running()) }
func (e *refEnv) TaskGroup(i int) string { return e.r.tasks[e.running()[i]].info.Group }

// running lists the instance's tasks that are not stopping.
func (e *refEnv) running() []TaskID {
	var ts []TaskID
	for _, t := range e.in().tasks {
		if !e.r.tasks[t].info.Stopping {
			ts = append(ts, t)
		}
	}
	return ts
}
