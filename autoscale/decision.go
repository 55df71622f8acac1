package autoscale

import "strconv"

// TargetInput is what the caller knows about the scalable target (an ECS
// service) at an evaluation.
type TargetInput struct {
	// Running is the number of RUNNING tasks. ref §6.1 [S26]: it, not the
	// desired count, is the starting point of a scaling calculation.
	Running int
	// Desired is the service's current desiredCount.
	Desired int
	// DeploymentInProgress suspends dynamic scale-in. ref §6.1 [S26].
	DeploymentInProgress bool
}

// Action is what a decision does to the desired count.
type Action uint8

// The actions.
const (
	NoAction Action = iota
	ScaleOut
	ScaleIn
)

// String returns a lower-case name.
func (a Action) String() string {
	switch a {
	case NoAction:
		return "none"
	case ScaleOut:
		return "scale-out"
	case ScaleIn:
		return "scale-in"
	}
	return "Action(" + strconv.Itoa(int(a)) + ")"
}

// Cause names the kind of policy behind a decision.
type Cause uint8

// The causes.
const (
	CauseNone Cause = iota
	CauseTargetTracking
	CauseStepScaling
	CauseScheduled
)

// String returns a lower-case name.
func (c Cause) String() string {
	switch c {
	case CauseNone:
		return "none"
	case CauseTargetTracking:
		return "target-tracking"
	case CauseStepScaling:
		return "step-scaling"
	case CauseScheduled:
		return "scheduled"
	}
	return "Cause(" + strconv.Itoa(int(c)) + ")"
}

// Blocked says why a policy's wish did not become an action.
type Blocked uint8

// The reasons a wish is not acted on.
const (
	NotBlocked           Blocked = iota
	BlockedCooldown              // a cooldown is in effect (ref §6.3, §6.4)
	BlockedDeployment            // scale-in during a deployment (ref §6.1)
	BlockedSuspended             // DynamicScalingIn/OutSuspended (ref §6.1)
	BlockedByScaleOut            // scale-in vetoed: a policy asks for scale-out (ref §6.3)
	BlockedBounds                // min/max or the current count leave nothing to do (ref §6.1)
	BlockedInvalidBounds         // a scheduled action would set min > max (modelling choice)
	BlockedWarmup                // cluster scale-out waits for instance warm-up (ref §5.4)
)

// String returns a lower-case name.
func (b Blocked) String() string {
	names := [...]string{"", "cooldown", "deployment", "suspended", "scale-out-veto", "bounds", "invalid-bounds", "warm-up"}
	if int(b) < len(names) {
		return names[b]
	}
	return "Blocked(" + strconv.Itoa(int(b)) + ")"
}

// Decision is the outcome of an evaluation: the desired count the caller
// should set and why.
type Decision struct {
	Action Action
	// Desired is the new desired count; equal to the input's when Action is
	// NoAction.
	Desired int
	Cause   Cause
	// Policy is the index (in the order added, within its Cause's kind) of
	// the policy or scheduled action that decided, or -1.
	Policy int
	// Blocked is set when a policy wanted to act and could not.
	Blocked Blocked
	// MinCapacity and MaxCapacity are the bounds after the evaluation
	// (scheduled actions change them).
	MinCapacity, MaxCapacity int
}
