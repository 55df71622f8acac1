package placement

import (
	"math/rand/v2"

	"github.com/ecsim/ecsim/placement/query"
)

// Index is the fast engine. It keeps, incrementally as instances and tasks
// come and go:
//   - per partition of the instances by the values of the attributes a chain
//     spreads over (for example per availability zone) and per class of the
//     other resource, ordered sets of the ACTIVE instances passing the
//     policy's static filters, keyed by remaining memory or CPU, with
//     per-block bounds of the remaining resources (binpack and searches);
//   - per task group, running-task counts per instance, per attribute value
//     and per partition cell, and (on first need) the instances bucketed by
//     their count (spread);
//   - per constraint expression, a bitset of the instances satisfying it,
//     re-evaluated for one instance when its attributes, status or (for
//     expressions on runningTasksCount or task:group) tasks change;
//   - per group, from its first scale-in, indexed max-heaps per partition
//     cell of the instances hosting its tasks, keyed by the stop rank.
//
// A placement walks the cells of the best spread level, seeks the binpack
// band in the classes that can hold the task, and resolves ties with
// membership tests and at most a short listing or one ordered seek; it does
// not allocate in steady state. Chains the fast paths do not cover (custom
// strategies, unusual orders) are decided by a scan with the same semantics.
// Index returns exactly what Reference returns.
type Index struct {
	cfg   Config
	seed  uint64
	seq   uint64
	trace Trace

	space int32       // one more than the largest instance ID ever added
	ok    []bool      // present, ACTIVE and agent connected
	rem   []Resources // remaining resources
	meta  []ixInstance

	tasks   []ixTask
	taskIDs idAlloc
	// tcand[t] is the group of task t while it is a running
	// normal-priority task (a scale-in candidate), −1 otherwise.
	tcand []int32

	groups      []*ixGroup
	groupByName map[string]int32
	scaled      []bool // [group] has scale-in state

	attrs     attrTable
	parts     []*partition
	partByKey map[string]*partition
	views     []*view
	viewByKey map[string]*view
	exprs     []*exprCache
	dynExprs  []*exprCache // the exprs depending on tasks
	exprByKey map[string]*exprCache
	plans     map[string]*plan
	caps      []capCount
	byPolicy  map[*Policy]*plan // fast path in front of plans
	// scaleViews counts the groups' scale views; zero lets changes skip them.
	scaleViews int

	portBuf []uint32
	env     ixEnv
	s       scratch
}

// ixInstance is the per-instance state besides ok and rem; the fields every
// task change touches come first so that they share cache lines.
type ixInstance struct {
	present   bool
	status    Status
	connected bool
	running   int32
	groups    []gEntry // groups with at least one running task here
	tasks     []TaskID // held tasks, running or stopping
	ports     []uint32 // sorted: reserved and held static ports
	regAt     int64
	spec      InstanceSpec
}

// gEntry counts one group's running tasks on one instance.
type gEntry struct {
	group   int32
	running int32 // g(i): running tasks of the group
	normal  int32 // running tasks with PriorityNormal
	bpos    int32 // position in the group's byCount[running] bucket
	lid     int32 // group-local handle of this entry (scale-view heaps)
	head    int32 // first of the group's running tasks here (ixTask.gnext links the rest)
	// maxNormal is the per-dimension maximum of the resources of the
	// running normal tasks (binpack stop ranks); atMax counts, per
	// dimension, the tasks reaching it.
	maxNormal Resources
	atMax     [4]int32
}

type ixTask struct {
	live     bool
	stopping bool
	prio     Priority
	inst     InstanceID
	group    int32
	fpos     int32 // position in the group's stop-first list
	// gprev and gnext link the running tasks of the group on the instance
	// (the list of its gEntry), −1 at the ends.
	gprev, gnext int32
	res          Resources
	ports        []uint32
}

var _ Engine = (*Index)(nil)

// NewIndex returns an empty indexed engine. The tie-break seed is drawn once
// from rng, as NewReference does, so both engines agree for equal rng states.
func NewIndex(cfg Config, rng *rand.Rand) *Index {
	e := &Index{
		cfg:         cfg,
		seed:        rng.Uint64(),
		groupByName: map[string]int32{},
		partByKey:   map[string]*partition{},
		viewByKey:   map[string]*view{},
		exprByKey:   map[string]*exprCache{},
		plans:       map[string]*plan{},
		byPolicy:    map[*Policy]*plan{},
	}
	e.attrs.byName = map[string]int32{}
	e.env.e = e
	e.s.lastGi = -1
	return e
}

// SetTrace implements Engine.
func (e *Index) SetTrace(t Trace) { e.trace = t }

// Instance implements Engine.
func (e *Index) Instance(id InstanceID) (InstanceInfo, bool) {
	if !e.present(id) {
		return InstanceInfo{}, false
	}
	m := &e.meta[id]
	return InstanceInfo{Capacity: m.spec.Capacity, Remaining: e.rem[id], Status: m.status,
		Connected: m.connected, Tasks: len(m.tasks), Running: int(m.running)}, true
}

// Task implements Engine.
func (e *Index) Task(t TaskID) (TaskInfo, bool) {
	if t < 0 || int(t) >= len(e.tasks) || !e.tasks[t].live {
		return TaskInfo{}, false
	}
	return e.taskInfo(t), true
}

func (e *Index) taskInfo(t TaskID) TaskInfo {
	tk := &e.tasks[t]
	return TaskInfo{ID: t, Instance: tk.inst, Group: e.groups[tk.group].name, Resources: tk.res,
		Stopping: tk.stopping, Priority: tk.prio}
}

func (e *Index) present(id InstanceID) bool {
	return id >= 0 && int(id) < len(e.meta) && e.meta[id].present
}

// Remaining implements View.
func (e *Index) Remaining(id InstanceID) Resources { return e.rem[id] }

// GroupCount implements View.
func (e *Index) GroupCount(id InstanceID, group string) int {
	gi, ok := e.groupByName[group]
	if !ok {
		return 0
	}
	return int(e.groupCount(id, gi))
}

// SpreadCount implements View.
func (e *Index) SpreadCount(id InstanceID, group, attribute string) int {
	gi, ok := e.groupByName[group]
	if !ok {
		return 0
	}
	a := e.attrIndex(attribute)
	return int(e.groups[gi].valueCount(a, e.attrs.vals[a][id]))
}

// Env implements View.
func (e *Index) Env(id InstanceID) query.Env {
	e.env.id = id
	return &e.env
}

// ixEnv shows one instance to the query language.
type ixEnv struct {
	e  *Index
	id InstanceID
}

func (v *ixEnv) m() *ixInstance { return &v.e.meta[v.id] }

// The methods below implement query.Env.

func (v *ixEnv) Attribute(name string) (string, bool) { return attrValue(v.m().spec.Attributes, name) }
func (v *ixEnv) EC2InstanceID() string                { return v.m().spec.EC2InstanceID }
func (v *ixEnv) AgentConnected() bool                 { return v.m().connected }
func (v *ixEnv) AgentVersion() string                 { return v.m().spec.AgentVersion }
func (v *ixEnv) RegisteredAt() int64                  { return v.m().regAt }
func (v *ixEnv) RunningTasksCount() int               { return int(v.m().running) }
func (v *ixEnv) NumTaskGroups() int                   { return len(v.m().groups) }
func (v *ixEnv) TaskGroup(i int) string               { return v.e.groups[v.m().groups[i].group].name }
