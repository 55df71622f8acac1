package autoscale

import (
	"time"

	"github.com/ecsim/ecsim/autoscale/schedule"
)

// ScalableTargetAction is the new bounds a scheduled action sets; nil
// leaves a bound unchanged.
type ScalableTargetAction struct {
	MinCapacity, MaxCapacity *int
}

// Capacity returns a pointer to n, for ScalableTargetAction literals.
func Capacity(n int) *int { return &n }

// ScheduledActionConfig is an Application Auto Scaling scheduled action
// (PutScheduledAction). ref §6.5.
type ScheduledActionConfig struct {
	ScheduledActionName string
	// Schedule is cron(...), rate(...) or at(...); see package schedule.
	Schedule string
	// Timezone is an IANA zone name; empty means UTC.
	Timezone string
	// StartTime and EndTime bound the occurrences; zero means unbounded.
	// A rate schedule's first occurrence is StartTime, or the target's Epoch.
	StartTime, EndTime   time.Time
	ScalableTargetAction ScalableTargetAction
}

// scheduledAction is a compiled scheduled action and its next occurrence.
type scheduledAction struct {
	name       string
	sched      schedule.Schedule
	start, end time.Time
	min, max   int // -1: unchanged
	next       time.Duration
	pending    bool
}

// AddScheduledAction validates and attaches a scheduled action; it returns
// the action's index. Errors are FieldErrors relative to the action.
func (t *ScalableTarget) AddScheduledAction(c ScheduledActionConfig) (int, error) {
	var fe fieldErrors
	if len(t.sched) >= maxScheduled {
		fe.addf("scheduled_actions", "more than the quota of %d scheduled actions per scalable target", maxScheduled)
	}
	if c.ScheduledActionName == "" {
		fe.addf("scheduled_action_name", "required")
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		fe.addf("timezone", "unknown time zone %q", c.Timezone)
		loc = time.UTC
	}
	sched, err := schedule.Parse(c.Schedule, loc)
	if err != nil {
		fe.addf("schedule", "%v", err)
	}
	a := scheduledAction{name: c.ScheduledActionName, start: c.StartTime, end: c.EndTime, min: -1, max: -1}
	checkTargetAction(&fe, c.ScalableTargetAction, &a)
	if !c.StartTime.IsZero() && !c.EndTime.IsZero() && !c.EndTime.After(c.StartTime) {
		fe.addf("end_time", "%s is not after start_time %s", c.EndTime.Format(time.RFC3339), c.StartTime.Format(time.RFC3339))
	}
	if err := fe.err(); err != nil {
		return -1, err
	}
	anchor := c.StartTime
	if anchor.IsZero() {
		anchor = t.epoch // the action is created when the scenario starts
	}
	a.sched = sched.WithStart(anchor)
	a.next, a.pending = t.nextFire(&a, -1)
	t.sched = append(t.sched, a)
	return len(t.sched) - 1, nil
}

// checkTargetAction validates the new bounds into a.
func checkTargetAction(fe *fieldErrors, s ScalableTargetAction, a *scheduledAction) {
	const f = "scalable_target_action."
	if s.MinCapacity == nil && s.MaxCapacity == nil {
		fe.addf(f+"min_capacity", "at least one of min_capacity and max_capacity is required")
	}
	if s.MinCapacity != nil {
		if a.min = *s.MinCapacity; a.min < 0 {
			fe.addf(f+"min_capacity", "%d is negative", a.min)
		}
	}
	if s.MaxCapacity != nil {
		if a.max = *s.MaxCapacity; a.max < 0 {
			fe.addf(f+"max_capacity", "%d is negative", a.max)
		}
	}
	if s.MinCapacity != nil && s.MaxCapacity != nil && a.max < a.min {
		fe.addf(f+"max_capacity", "%d is less than min_capacity %d", a.max, a.min)
	}
}

// nextFire returns a's first occurrence strictly after simulation time
// after, within [StartTime, EndTime].
func (t *ScalableTarget) nextFire(a *scheduledAction, after time.Duration) (time.Duration, bool) {
	w := a.sched.Next(t.epoch.Add(after))
	if !a.start.IsZero() && w.Before(a.start) {
		w = a.sched.Next(a.start.Add(-time.Nanosecond))
	}
	if w.IsZero() || (!a.end.IsZero() && w.After(a.end)) {
		return 0, false
	}
	return w.Sub(t.epoch), true
}

// NextScheduledAction returns the simulation time of the earliest pending
// scheduled action occurrence.
func (t *ScalableTarget) NextScheduledAction() (at time.Duration, ok bool) {
	for i := range t.sched {
		if a := &t.sched[i]; a.pending && (!ok || a.next < at) {
			at, ok = a.next, true
		}
	}
	return at, ok
}

// RunScheduledActions applies every scheduled action due at or before now,
// in time order (ties in the order added; ref §6.5: ordering is guaranteed
// per target), and returns the resulting decision. ref §6.5 [S25]: the new
// bounds apply; a desired count below the new min scales out to it, above
// the new max scales in to it; cooldowns do not apply. Modelling choices:
// the current count compared is in.Desired; an action that would leave
// min > max is skipped (Blocked = BlockedInvalidBounds).
func (t *ScalableTarget) RunScheduledActions(now time.Duration, in TargetInput) Decision {
	d := Decision{Desired: in.Desired, Policy: -1}
	for {
		i := t.dueAction(now)
		if i < 0 {
			break
		}
		a := &t.sched[i]
		if !t.suspended.ScheduledScalingSuspended { // ref §6.1 [S26]
			lo, hi := t.min, t.max
			if a.min >= 0 {
				lo = a.min
			}
			if a.max >= 0 {
				hi = a.max
			}
			if lo > hi {
				d.Blocked = BlockedInvalidBounds
			} else {
				t.min, t.max, d.Cause, d.Policy = lo, hi, CauseScheduled, i
			}
		}
		a.next, a.pending = t.nextFire(a, now)
	}
	d.MinCapacity, d.MaxCapacity = t.min, t.max
	if d.Cause == CauseScheduled {
		switch {
		case in.Desired < t.min:
			d.Action, d.Desired = ScaleOut, t.min
		case in.Desired > t.max:
			d.Action, d.Desired = ScaleIn, t.max
		}
	}
	return d
}

// dueAction returns the pending action with the earliest occurrence at or
// before now (lowest index on ties), or -1.
func (t *ScalableTarget) dueAction(now time.Duration) int {
	best := -1
	for i := range t.sched {
		a := &t.sched[i]
		if a.pending && a.next <= now && (best < 0 || a.next < t.sched[best].next) {
			best = i
		}
	}
	return best
}
