package autoscale

import (
	"fmt"
	"time"
)

// SuspendedState holds a scalable target's suspend flags. ref §6.1 [S26].
type SuspendedState struct {
	DynamicScalingInSuspended  bool
	DynamicScalingOutSuspended bool
	ScheduledScalingSuspended  bool
}

// ScalableTargetConfig is an Application Auto Scaling scalable target
// (RegisterScalableTarget), here an ECS service's desired count.
type ScalableTargetConfig struct {
	// ResourceId is informational ("service/<cluster>/<service>").
	ResourceId  string
	MinCapacity int
	MaxCapacity int
	SuspendedState
	// Epoch is the wall-clock time of simulation time 0; scheduled actions
	// convert between the two with it. The zero time means 1970-01-01 UTC.
	Epoch time.Time
}

// maxPolicies is the per-target quota of scaling policies (step + target
// tracking) and maxScheduled that of scheduled actions. ref §6.1/§10 [S25].
const (
	maxPolicies  = 50
	maxScheduled = 200
)

// ScalableTarget is one scalable target with its scaling policies and
// scheduled actions: the unit of service auto scaling decisions. Build it
// with NewScalableTarget and the Add methods, then call Evaluate every
// metric period and RunScheduledActions when NextScheduledAction is due.
type ScalableTarget struct {
	resourceID string
	min, max   int
	suspended  SuspendedState
	epoch      time.Time
	metrics    *Metrics
	tt         []ttPolicy
	steps      []stepPolicy
	sched      []scheduledAction
}

// NewScalableTarget validates cfg and returns a target with no policies.
// Its policies read their metrics from metrics.
func NewScalableTarget(metrics *Metrics, cfg ScalableTargetConfig) (*ScalableTarget, error) {
	if metrics == nil {
		panic("autoscale: NewScalableTarget with nil Metrics")
	}
	var fe fieldErrors
	if cfg.MinCapacity < 0 {
		fe.addf("min_capacity", "%d is negative", cfg.MinCapacity)
	}
	if cfg.MaxCapacity < cfg.MinCapacity {
		fe.addf("max_capacity", "%d is less than min_capacity %d", cfg.MaxCapacity, cfg.MinCapacity)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	epoch := cfg.Epoch
	if epoch.IsZero() {
		epoch = time.Unix(0, 0).UTC()
	}
	return &ScalableTarget{
		resourceID: cfg.ResourceId, min: cfg.MinCapacity, max: cfg.MaxCapacity,
		suspended: cfg.SuspendedState, epoch: epoch, metrics: metrics,
	}, nil
}

// AddTargetTracking validates and attaches a target-tracking policy; it
// returns the policy's index among the target-tracking policies. Errors are
// FieldErrors relative to the policy (see PrefixFieldErrors).
func (t *ScalableTarget) AddTargetTracking(c TargetTrackingConfig) (int, error) {
	if err := t.checkPolicyQuota(); err != nil {
		return -1, err
	}
	p, err := compileTargetTracking(t.metrics, c)
	if err != nil {
		return -1, err
	}
	t.tt = append(t.tt, p)
	return len(t.tt) - 1, nil
}

// AddStepScaling validates and attaches a step scaling policy; it returns
// the policy's index among the step scaling policies. Errors are
// FieldErrors relative to the policy (see PrefixFieldErrors).
func (t *ScalableTarget) AddStepScaling(c StepScalingConfig) (int, error) {
	if err := t.checkPolicyQuota(); err != nil {
		return -1, err
	}
	p, err := compileStepScaling(t.metrics, c)
	if err != nil {
		return -1, err
	}
	t.steps = append(t.steps, p)
	return len(t.steps) - 1, nil
}

func (t *ScalableTarget) checkPolicyQuota() error {
	if len(t.tt)+len(t.steps) >= maxPolicies {
		return &FieldError{Field: "scaling_policies", Rule: fmt.Sprintf("more than the quota of %d policies per scalable target", maxPolicies)}
	}
	return nil
}

// Bounds returns the current MinCapacity and MaxCapacity.
func (t *ScalableTarget) Bounds() (minCapacity, maxCapacity int) { return t.min, t.max }

// ResourceID returns the configured ResourceId.
func (t *ScalableTarget) ResourceID() string { return t.resourceID }

// SetSuspended replaces the suspend flags (RegisterScalableTarget again).
func (t *ScalableTarget) SetSuspended(s SuspendedState) { t.suspended = s }

// TargetTrackingAlarms returns the AlarmHigh and AlarmLow states of
// target-tracking policy i, for reports.
func (t *ScalableTarget) TargetTrackingAlarms(i int) (high, low AlarmState) {
	return t.tt[i].high.State(), t.tt[i].low.State()
}
