package placement

import (
	"fmt"
	"time"
)

// InstanceID is the caller's small integer handle for a container instance.
// IDs should be dense (reuse the IDs of deregistered instances): engines keep
// per-ID arrays, and the tie-break draws IDs uniformly from [0, largest ID].
type InstanceID int32

// TaskID is an engine-assigned handle for a placed task. Released IDs are
// reused, most recently released first, identically in every engine.
type TaskID int32

// NoInstance and NoTask are the "none" handles.
const (
	NoInstance InstanceID = -1
	NoTask     TaskID     = -1
)

// MaxInstanceID is the largest InstanceID an engine accepts.
const MaxInstanceID InstanceID = 1<<24 - 1

// CPUUnits is CPU in ECS units (1024 per vCPU).
type CPUUnits int32

// MiB is memory in mebibytes.
type MiB int32

// GPUs is a number of physical GPUs.
type GPUs int32

// ENIs is a number of task elastic network interfaces (awsvpc tasks).
type ENIs int32

// Resources is a fixed-size vector of the resources placement checks.
// For an instance it is what the instance registered (capacity) or what is
// left (remaining); for a task, what it reserves.
type Resources struct {
	CPU    CPUUnits
	Memory MiB
	GPU    GPUs
	// ENI is the number of task ENIs: for an instance, max ENIs − 1 without
	// trunking or the trunk limit (see ENICapacity); a task uses one in awsvpc mode.
	ENI ENIs
}

// Add returns r + o.
func (r Resources) Add(o Resources) Resources {
	return Resources{r.CPU + o.CPU, r.Memory + o.Memory, r.GPU + o.GPU, r.ENI + o.ENI}
}

// Sub returns r − o.
func (r Resources) Sub(o Resources) Resources {
	return Resources{r.CPU - o.CPU, r.Memory - o.Memory, r.GPU - o.GPU, r.ENI - o.ENI}
}

// Covers reports whether r has at least o in every dimension.
func (r Resources) Covers(o Resources) bool {
	return r.CPU >= o.CPU && r.Memory >= o.Memory && r.GPU >= o.GPU && r.ENI >= o.ENI
}

func (r Resources) negative() bool { return r.CPU < 0 || r.Memory < 0 || r.GPU < 0 || r.ENI < 0 }

// String formats r as "cpu=256 mem=512MiB gpu=0 eni=0".
func (r Resources) String() string {
	return fmt.Sprintf("cpu=%d mem=%dMiB gpu=%d eni=%d", r.CPU, r.Memory, r.GPU, r.ENI)
}

// ENICapacity returns the number of awsvpc tasks an instance can run: the trunk
// limit when trunking is enabled and the type supports it (trunkLimit > 0),
// otherwise maxENIs − 1 because the primary ENI is not available to tasks.
func ENICapacity(maxENIs int, trunkLimit int, trunking bool) ENIs {
	if trunking && trunkLimit > 0 {
		return ENIs(trunkLimit)
	}
	if maxENIs < 1 {
		return 0
	}
	return ENIs(maxENIs - 1)
}

// Status is a container instance's ECS status.
type Status uint8

const (
	// StatusActive instances receive new tasks.
	StatusActive Status = iota
	// StatusDraining instances receive no new tasks; their tasks keep running
	// and still count for spread and task:group.
	StatusDraining
)

// String returns the ECS status name.
func (s Status) String() string {
	if s == StatusDraining {
		return "DRAINING"
	}
	return "ACTIVE"
}

// Attribute is a built-in (ecs.availability-zone, ecs.instance-type, …) or
// custom container instance attribute.
type Attribute struct {
	Name  string
	Value string
}

// Well-known attribute names.
const (
	AttrAvailabilityZone = "ecs.availability-zone"
	AttrInstanceType     = "ecs.instance-type"
	AttrCPUArchitecture  = "ecs.cpu-architecture"
	AttrOSType           = "ecs.os-type"
	AttrSubnetID         = "ecs.subnet-id"
)

// InstanceSpec describes a container instance when it registers.
type InstanceSpec struct {
	EC2InstanceID string
	// Capacity is what the instance registered (CPU units, MiB after the
	// kernel overhead and ECS_RESERVED_MEMORY, GPUs, task ENIs).
	Capacity   Resources
	Attributes []Attribute
	// ReservedPorts are host ports the agent reserves. Nil means the Linux
	// defaults (DefaultReservedPorts); use an empty non-nil slice for none.
	ReservedPorts []Port
	AgentVersion  string
	RegisteredAt  time.Time
	Status        Status
	// AgentDisconnected marks an instance whose agent is not connected; it
	// receives no tasks (failure reason AGENT).
	AgentDisconnected bool
}

// DefaultReservedPorts returns the TCP ports the ECS agent reserves on Linux by
// default: 22, 2375, 2376, 51678 and 51679.
func DefaultReservedPorts() []Port {
	return []Port{{22, TCP}, {2375, TCP}, {2376, TCP}, {51678, TCP}, {51679, TCP}}
}

// Priority orders a group's tasks for scale-in.
type Priority uint8

const (
	// PriorityNormal tasks are chosen by the strategy chain.
	PriorityNormal Priority = iota
	// PriorityStopFirst tasks are chosen before any normal task of their group
	// (for example tasks not yet RUNNING); the chain orders them among themselves.
	PriorityStopFirst
	// PriorityProtected tasks are never chosen (task scale-in protection).
	PriorityProtected
)

// String returns "normal", "stop-first" or "protected".
func (p Priority) String() string {
	switch p {
	case PriorityStopFirst:
		return "stop-first"
	case PriorityProtected:
		return "protected"
	}
	return "normal"
}

// Placement is one placed task.
type Placement struct {
	Task     TaskID
	Instance InstanceID
}

// InstanceInfo is a snapshot of an instance's placement state.
type InstanceInfo struct {
	Capacity  Resources
	Remaining Resources
	Status    Status
	Connected bool
	// Tasks counts every task held (including stopping ones); Running counts
	// the tasks that are not stopping (runningTasksCount).
	Tasks, Running int
}

// TaskInfo is a snapshot of a placed task.
type TaskInfo struct {
	ID        TaskID
	Instance  InstanceID
	Group     string
	Resources Resources
	Stopping  bool
	Priority  Priority
}
