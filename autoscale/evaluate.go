package autoscale

import "time"

// Evaluate runs one evaluation of every dynamic scaling policy at
// simulation time now (call it once per metric period, after pushing the
// period's samples) and returns the desired count the caller should set.
// It does not allocate.
//
// Combination rules (ref §6.3 [S25]): scale out when any policy asks, to
// the largest capacity asked; scale in only when no policy asks for
// scale-out and every target-tracking policy with scale-in enabled agrees
// (step scale-in is not held back by target tracking), to the largest
// capacity asked. ref §6.1: capacities are computed from in.Running and
// clamped to [min, max]; a scale-out acts only above in.Desired and a
// scale-in only below both in.Desired and in.Running.
//
// The decision and the per-direction bests are passed by pointer below:
// copying these small structs right after writing them field by field
// stalls store forwarding, which showed in the simulator's profile.
func (t *ScalableTarget) Evaluate(now time.Duration, in TargetInput) Decision {
	d := Decision{Desired: in.Desired, Policy: -1, MinCapacity: t.min, MaxCapacity: t.max}
	var out, tin, sin best
	wantOut := false
	ttAgree, ttAsked := true, false
	for i := range t.tt {
		p := &t.tt[i]
		w := p.propose(now, in, t.min, t.max)
		switch w.dir {
		case ScaleOut:
			wantOut = true
			out.offer(&w, CauseTargetTracking, i)
		case ScaleIn:
			ttAsked = true
			ttAgree = ttAgree && w.blocked == NotBlocked
			tin.offer(&w, CauseTargetTracking, i)
		default:
			ttAgree = ttAgree && p.noScaleIn // a policy with scale-in disabled abstains
		}
	}
	for i := range t.steps {
		w := t.steps[i].propose(now, in, t.min, t.max)
		switch w.dir {
		case ScaleOut:
			wantOut = true
			out.offer(&w, CauseStepScaling, i)
		case ScaleIn:
			sin.offer(&w, CauseStepScaling, i)
		}
	}
	if wantOut {
		t.scaleOut(now, &in, &d, &out)
		if d.Action == NoAction && (ttAsked || sin.cause != CauseNone) {
			d.Blocked = BlockedByScaleOut // ref §6.3: no scale-in while a policy asks for scale-out
		}
		return d
	}
	if ttAsked && ttAgree {
		sin.offerBest(&tin)
	}
	if sin.cause == CauseNone {
		d.Blocked = max(tin.blocked, sin.blocked)
		return d
	}
	t.scaleIn(now, &in, &d, &sin)
	return d
}

// best tracks the largest capacity offered in one direction.
type best struct {
	capacity int
	cause    Cause
	policy   int
	delta    int
	blocked  Blocked
}

// offer keeps w if it asks for more than the current best. For scale-in
// too the largest capacity (the smallest reduction) wins, ref §6.3.
func (b *best) offer(w *wish, c Cause, i int) {
	if w.blocked != NotBlocked {
		b.blocked = w.blocked
		return
	}
	if b.cause == CauseNone || w.capacity > b.capacity {
		*b = best{capacity: w.capacity, cause: c, policy: i, delta: w.delta}
	}
}

// offerBest folds another best into b.
func (b *best) offerBest(o *best) {
	if o.cause != CauseNone {
		b.offer(&wish{capacity: o.capacity, delta: o.delta}, o.cause, o.policy)
	}
}

// scaleOut applies the winning scale-out and its cooldown bookkeeping.
func (t *ScalableTarget) scaleOut(now time.Duration, in *TargetInput, d *Decision, out *best) {
	switch {
	case out.cause == CauseNone:
		d.Blocked = out.blocked
		return
	case t.suspended.DynamicScalingOutSuspended:
		d.Blocked = BlockedSuspended
		return
	case out.capacity <= in.Desired:
		d.Blocked = BlockedBounds
		return
	}
	d.Action, d.Desired, d.Cause, d.Policy = ScaleOut, out.capacity, out.cause, out.policy
	if out.cause == CauseTargetTracking {
		p := &t.tt[out.policy]
		p.outUntil, p.lastOutTarget = now+p.outCool, out.capacity
	} else {
		p := &t.steps[out.policy]
		p.until, p.lastWasOut, p.lastOutDelta, p.lastOutCap = now+p.cool, true, out.delta, out.capacity
	}
	// ref §6.3/§6.4 [S25]: a scale-out cancels every scale-in cooldown.
	for i := range t.tt {
		t.tt[i].inUntil = 0
	}
	for i := range t.steps {
		if p := &t.steps[i]; !p.lastWasOut {
			p.until = 0
		}
	}
}

// scaleIn applies the winning scale-in and starts the cooldowns.
func (t *ScalableTarget) scaleIn(now time.Duration, in *TargetInput, d *Decision, sin *best) {
	switch {
	case t.suspended.DynamicScalingInSuspended:
		d.Blocked = BlockedSuspended
		return
	case in.DeploymentInProgress: // ref §6.1 [S26]
		d.Blocked = BlockedDeployment
		return
	case sin.capacity >= in.Desired || sin.capacity >= in.Running:
		d.Blocked = BlockedBounds
		return
	}
	d.Action, d.Desired, d.Cause, d.Policy = ScaleIn, sin.capacity, sin.cause, sin.policy
	if sin.cause == CauseTargetTracking {
		// All target-tracking policies with scale-in enabled agreed; each
		// starts its own scale-in cooldown (modelling choice: per policy).
		for i := range t.tt {
			if p := &t.tt[i]; !p.noScaleIn {
				p.inUntil = now + p.inCool
			}
		}
	} else {
		p := &t.steps[sin.policy]
		p.until, p.lastWasOut = now+p.cool, false
	}
}
