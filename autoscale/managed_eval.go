package autoscale

import "time"

// CapacityInput is what the caller knows about one ASG capacity provider
// at a managed scaling evaluation.
type CapacityInput struct {
	// Instances is N: the group's instances that are InService, registered
	// or still booting (ref §5.3 modelling choice).
	Instances int
	// BusyInstances counts instances running at least one non-daemon task
	// in any state but STOPPED; the rest are empty. ref §5.3 [S17][S18].
	BusyInstances int
	// DesiredCapacity is the group's current desired capacity.
	DesiredCapacity int
	// NewestLaunch is the simulation time the youngest instance launched
	// (ignored when Instances is 0): a further scale-out waits until every
	// instance is older than the warm-up period. ref §5.4 [S18]. For
	// instances that exist when the simulation starts, pass a time at least
	// the warm-up period before 0.
	NewestLaunch time.Duration
	// Provisioning holds the provider's PROVISIONING tasks grouped by
	// identical resource needs. ref §5.3 step 1.
	Provisioning []TaskGroup
}

// CapacityDecision is the outcome of a managed scaling evaluation.
type CapacityDecision struct {
	Reservation
	// AlarmHigh and AlarmLow are the states of the CPR alarms.
	AlarmHigh, AlarmLow AlarmState
	// Action and DesiredCapacity: the group's desired capacity to set
	// (equal to the input's when Action is NoAction).
	Action          Action
	DesiredCapacity int
	// Blocked says why a wanted change did not happen.
	Blocked Blocked
}

// Evaluate runs one managed scaling period at simulation time now (call it
// once per Period): it publishes CPR for the period ending at now, evaluates
// the alarms and returns the desired capacity. It does not allocate.
func (ms *ManagedScaling) Evaluate(now time.Duration, in CapacityInput) CapacityDecision {
	d := CapacityDecision{Reservation: ms.reserve(in), DesiredCapacity: in.DesiredCapacity}
	// ref §5.3 [S17]: ECS publishes CPR every minute; modelling choice: the
	// value computed at now is the datapoint of the period [now−P, now).
	ms.metrics.Push(ms.cpr, now-ms.model.Period, d.CPR)
	high := ms.high.Evaluate(now)
	low := ms.low.Evaluate(now)
	d.AlarmHigh, d.AlarmLow = high.State, low.State
	switch {
	case high.Invoke:
		ms.scaleOut(now, in, &d)
	case low.Invoke:
		ms.scaleIn(now, in, &d)
	}
	return d
}

// scaleOut applies the ASG target-tracking scale-out on AlarmHigh.
func (ms *ManagedScaling) scaleOut(now time.Duration, in CapacityInput, d *CapacityDecision) {
	// ref §5.3: desired = ceil(N × CPR / t) = ceil(100 × M / t); from zero
	// instances ECS "always scales-out to two instances initially".
	raw := ceilDiv(100*d.M, ms.target)
	if in.Instances == 0 && d.M > 0 {
		raw = ms.model.InitialScaleOut
	}
	want := clamp(raw, ms.minSize, ms.maxSize)
	switch {
	case want <= in.DesiredCapacity:
		if raw > in.DesiredCapacity {
			d.Blocked = BlockedBounds // the group is at MaxSize
		}
		return
	case ms.warmingUp(now, in):
		// ref §5.4 [S18]: a further scale-out waits for every instance to
		// pass instanceWarmupPeriod (modelling choice: also counted from
		// the last scale-out request, for instances not yet launched).
		d.Blocked = BlockedWarmup
		return
	}
	d.Action, d.DesiredCapacity = ScaleOut, want
	ms.scaledOut, ms.lastScaleOut = true, now
}

func (ms *ManagedScaling) warmingUp(now time.Duration, in CapacityInput) bool {
	if in.Instances > 0 && now < in.NewestLaunch+ms.warmup {
		return true
	}
	return ms.scaledOut && now < ms.lastScaleOut+ms.warmup
}

// scaleIn applies the paced scale-in on AlarmLow.
func (ms *ManagedScaling) scaleIn(now time.Duration, in CapacityInput, d *CapacityDecision) {
	if ms.scaledOut && now < ms.lastScaleOut+ms.model.ScaleInHold {
		// ref §5.4 [S18]: ECS waits 15 minutes after a scale-out before
		// starting scale-in.
		d.Blocked = BlockedCooldown
		return
	}
	// ref §5.4 modelling choice: remove between 1 and floor(50 % of N) per
	// minute, never below ceil(100 × M / t); M counts busy instances, so
	// only empty instances go.
	floor := clamp(ceilDiv(100*d.M, ms.target), ms.minSize, ms.maxSize)
	step := max(1, int(ms.model.ScaleInFraction*float64(in.Instances)))
	want := max(floor, in.DesiredCapacity-step)
	if want >= in.DesiredCapacity {
		return
	}
	d.Action, d.DesiredCapacity = ScaleIn, want
}

// ceilDiv is ceil(a / b) for a ≥ 0, b > 0.
func ceilDiv(a, b int) int { return (a + b - 1) / b }

// Reserve computes CapacityProviderReservation for in without publishing
// it or changing any state (for reports and tests).
func (ms *ManagedScaling) Reserve(in CapacityInput) Reservation { return ms.reserve(in) }

// TargetCapacity returns the configured targetCapacity percentage.
func (ms *ManagedScaling) TargetCapacity() int { return ms.target }
