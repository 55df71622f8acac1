package placement

import (
	"errors"
	"fmt"
)

// NetworkMode is a task definition's networkMode.
type NetworkMode uint8

// Network modes. awsvpc tasks use one task ENI each; static host ports of
// bridge and host tasks conflict per instance and protocol [S8].
const (
	NetworkBridge NetworkMode = iota
	NetworkHost
	NetworkAWSVPC
	NetworkNone
)

// String returns the ECS networkMode value.
func (n NetworkMode) String() string {
	switch n {
	case NetworkHost:
		return "host"
	case NetworkAWSVPC:
		return "awsvpc"
	case NetworkNone:
		return "none"
	}
	return "bridge"
}

// Request asks for tasks of one group to be placed.
type Request struct {
	// Group is the task group: "service:<name>" for service tasks,
	// "family:<family>" by default for standalone tasks [S5].
	Group string
	// Resources is what each task reserves (see TaskReservation). ENI must be
	// zero: it follows from Network.
	Resources Resources
	Network   NetworkMode
	// Ports are the static host ports each task binds (bridge or host mode).
	Ports []Port
	// Policy holds strategies, constraints and requirements; required.
	Policy *Policy
}

// ScaleInRequest asks which tasks of a group to stop.
type ScaleInRequest struct {
	Group string
	// Policy supplies the strategy chain (constraints are not used).
	Policy *Policy
}

// MaxGroupLength is the longest task group name ECS accepts [S5].
const MaxGroupLength = 255

// taskNeeds is a validated request in the form the engines check.
type taskNeeds struct {
	group      string
	need       Resources
	ports      []uint32 // engine-owned scratch; copy before keeping
	portReason Reason   // reason when the 100-port limit is hit
	policy     *Policy
}

func validGroup(field, g string) error {
	if g == "" {
		return fmt.Errorf("%s: task group is empty", field)
	}
	if len(g) > MaxGroupLength {
		return fmt.Errorf("%s: task group is %d characters, at most %d allowed", field, len(g), MaxGroupLength)
	}
	return nil
}

// compile validates r; ports are appended to buf[:0].
func (r *Request) compile(buf []uint32) (taskNeeds, error) {
	if r == nil {
		return taskNeeds{}, errors.New("placement: nil Request")
	}
	if err := validGroup("Request.Group", r.Group); err != nil {
		return taskNeeds{}, err
	}
	if r.Policy == nil {
		return taskNeeds{}, errors.New("Request.Policy is nil (use NewPolicy(PolicySpec{}) for the RunTask defaults)")
	}
	res := r.Resources
	switch {
	case res.negative():
		return taskNeeds{}, fmt.Errorf("Request.Resources: negative value in %v", res)
	case res.Memory <= 0:
		return taskNeeds{}, fmt.Errorf("Request.Resources.Memory: %d MiB, a task must reserve memory on EC2", res.Memory)
	case res.ENI != 0:
		return taskNeeds{}, fmt.Errorf("Request.Resources.ENI: %d, leave it zero and set Network to awsvpc", res.ENI)
	case r.Network > NetworkNone:
		return taskNeeds{}, fmt.Errorf("Request.Network: unknown network mode %d", r.Network)
	}
	if r.Network == NetworkAWSVPC {
		res.ENI = 1
		if len(r.Ports) > 0 {
			return taskNeeds{}, errors.New("Request.Ports: awsvpc tasks have their own ENI and bind no instance host ports")
		}
	}
	if r.Network == NetworkNone && len(r.Ports) > 0 {
		return taskNeeds{}, errors.New("Request.Ports: network mode none has no port mappings")
	}
	ports, err := appendPorts(buf[:0], "Request.Ports", r.Ports)
	if err != nil {
		return taskNeeds{}, err
	}
	pr := ReasonPortsTCP
	if len(r.Ports) > 0 && r.Ports[0].Protocol == UDP {
		pr = ReasonPortsUDP
	}
	return taskNeeds{group: r.Group, need: res, ports: ports, portReason: pr, policy: r.Policy}, nil
}

func (r *ScaleInRequest) validate() error {
	if r == nil {
		return errors.New("placement: nil ScaleInRequest")
	}
	if err := validGroup("ScaleInRequest.Group", r.Group); err != nil {
		return err
	}
	if r.Policy == nil {
		return errors.New("ScaleInRequest.Policy is nil")
	}
	return nil
}
