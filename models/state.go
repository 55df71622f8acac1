package models

import "fmt"

// TaskState is a task's lastStatus, in lifecycle order (ref §3.1).
type TaskState uint8

const (
	// Provisioning: ENI attachment, or waiting for capacity from a
	// managed-scaling capacity provider.
	Provisioning TaskState = iota
	// Pending: image pull and container start.
	Pending
	// Activating: load balancer / service discovery registration.
	Activating
	// Running: serving.
	Running
	// Deactivating: load balancer deregistration (deregistration delay).
	Deactivating
	// Stopping: SIGTERM, then SIGKILL after stopTimeout.
	Stopping
	// Deprovisioning: ENI detach.
	Deprovisioning
	// Stopped: resources released.
	Stopped
	numTaskStates
)

var taskStateNames = [numTaskStates]string{
	"PROVISIONING", "PENDING", "ACTIVATING", "RUNNING",
	"DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED",
}

func (s TaskState) String() string {
	if s < numTaskStates {
		return taskStateNames[s]
	}
	return fmt.Sprintf("TaskState(%d)", uint8(s))
}

// TaskStates lists every state in lifecycle order.
func TaskStates() []TaskState {
	out := make([]TaskState, numTaskStates)
	for i := range out {
		out[i] = TaskState(i)
	}
	return out
}

// canMove reports whether a task may go from s to next. Tasks move forward
// only; any state before Stopped may jump ahead into the stop path (a
// task stopped while pending skips what it never reached).
func (s TaskState) canMove(next TaskState) bool {
	return next > s && s < Stopped
}

// InstanceState is a container instance's status as the world tracks it.
type InstanceState uint8

const (
	// Launching: the ASG has asked EC2 for it; it is booting and the agent
	// has not registered.
	Launching InstanceState = iota
	// Active: registered, receives tasks.
	Active
	// Draining: registered, receives no new tasks; service tasks move off.
	Draining
	// Terminated: gone.
	Terminated
)

var instanceStateNames = [...]string{"LAUNCHING", "ACTIVE", "DRAINING", "TERMINATED"}

func (s InstanceState) String() string {
	if int(s) < len(instanceStateNames) {
		return instanceStateNames[s]
	}
	return fmt.Sprintf("InstanceState(%d)", uint8(s))
}
