package autoscale

import (
	"math"
	"time"
)

// The predefined metrics of ECS services. ref §6.2 [S25][S26].
const (
	ECSServiceAverageCPUUtilization    = "ECSServiceAverageCPUUtilization"
	ECSServiceAverageMemoryUtilization = "ECSServiceAverageMemoryUtilization"
	ALBRequestCountPerTarget           = "ALBRequestCountPerTarget"
)

// DefaultCooldown is the default ScaleOutCooldown, ScaleInCooldown and step
// Cooldown for ECS services. ref §6.3 [S28], §6.4 [S27].
const DefaultCooldown = 300 * time.Second

// PredefinedMetricSpecification names a predefined metric.
type PredefinedMetricSpecification struct {
	PredefinedMetricType string
	// ResourceLabel identifies the target group (ALBRequestCountPerTarget only).
	ResourceLabel string
}

// MetricDimension is a CloudWatch dimension.
type MetricDimension struct {
	Name, Value string
}

// CustomizedMetricSpecification names a custom CloudWatch metric.
type CustomizedMetricSpecification struct {
	MetricName string
	Namespace  string
	Dimensions []MetricDimension
	Statistic  Statistic
	Unit       string
}

// CapacityRounding is how target tracking turns a proportional capacity
// into a task count. ref §6.3/§11: AWS documents no formula.
type CapacityRounding uint8

// The roundings.
const (
	// RoundUp is ceil(running × metric / target) in both directions: the
	// reference's modelling choice; it never scales in so far that the
	// metric would exceed the target.
	RoundUp CapacityRounding = iota
	// RoundNearest rounds to the nearest count (ties away from zero).
	RoundNearest
)

// TargetTrackingModel holds target tracking's modelling choices. The zero
// value means the reference defaults (ref §6.3, §10b).
type TargetTrackingModel struct {
	// HighEvaluationPeriods / HighDatapointsToAlarm: AlarmHigh, default 3 of 3.
	HighEvaluationPeriods, HighDatapointsToAlarm int
	// LowEvaluationPeriods / LowDatapointsToAlarm: AlarmLow, default 15 of 15.
	LowEvaluationPeriods, LowDatapointsToAlarm int
	// LowTargetRatio puts AlarmLow's threshold at ratio × target; default 0.9.
	LowTargetRatio float64
	// AlarmPeriod is both alarms' period; zero means the metric's period.
	AlarmPeriod time.Duration
	// Rounding defaults to RoundUp.
	Rounding CapacityRounding
}

// TargetTrackingConfig is a TargetTrackingScaling policy
// (TargetTrackingScalingPolicyConfiguration plus the series it reads).
type TargetTrackingConfig struct {
	PolicyName                    string
	TargetValue                   float64
	PredefinedMetricSpecification *PredefinedMetricSpecification
	CustomizedMetricSpecification *CustomizedMetricSpecification
	// ScaleOutCooldown and ScaleInCooldown: nil means DefaultCooldown.
	ScaleOutCooldown, ScaleInCooldown *time.Duration
	DisableScaleIn                    bool
	// Metric is the store series the caller feeds with the specified metric
	// (autoscale does not know what a task is; the caller computes it).
	Metric MetricID
	Model  TargetTrackingModel
}

// Seconds returns a pointer to a duration of n seconds, for the optional
// cooldown fields (AWS gives them in seconds).
func Seconds(n int) *time.Duration {
	d := time.Duration(n) * time.Second
	return &d
}

// ttPolicy is a compiled target-tracking policy and its state.
type ttPolicy struct {
	name          string
	target        float64
	high, low     MetricAlarm
	outCool       time.Duration
	inCool        time.Duration
	noScaleIn     bool
	rounding      CapacityRounding
	outUntil      time.Duration // scale-out cooldown ends (exclusive)
	inUntil       time.Duration // scale-in cooldown ends
	lastOutTarget int           // capacity set by this policy's last scale-out
}

// wish is one policy's proposal at an evaluation.
type wish struct {
	dir      Action
	capacity int // clamped to [min, max]; -1 when blocked
	blocked  Blocked
	delta    int // step scale-out: the step's change, recorded for the cooldown rule
}

// propose evaluates the policy's alarms and returns its wish.
func (p *ttPolicy) propose(now time.Duration, in TargetInput, lo, hi int) wish {
	var high, low AlarmResult
	evaluatePair(&p.high, &p.low, now, &high, &low)
	switch {
	case high.Invoke:
		return p.outWish(now, clamp(p.capacity(in.Running, high.Latest), lo, hi))
	case in.Running == 0 && high.Datapoints > 0 && high.Latest > p.target:
		// ref §6.3 [S26] scale from zero: with no running tasks one
		// datapoint above target scales out by the minimum amount (1),
		// without waiting for AlarmHigh (modelling choice of "waits for one
		// datapoint").
		return p.outWish(now, clamp(1, lo, hi))
	case low.Invoke && !p.noScaleIn:
		if now < p.inUntil { // ref §6.3: the scale-in cooldown blocks scale-in
			return wish{dir: ScaleIn, capacity: -1, blocked: BlockedCooldown}
		}
		return wish{dir: ScaleIn, capacity: clamp(p.capacity(in.Running, low.Latest), lo, hi)}
	}
	return wish{}
}

// outWish applies the scale-out cooldown. ref §6.3 [S25]: during it only a
// larger scale-out proceeds, and the capacity added by the last one counts.
func (p *ttPolicy) outWish(now time.Duration, c int) wish {
	if now < p.outUntil && c <= p.lastOutTarget {
		return wish{dir: ScaleOut, capacity: -1, blocked: BlockedCooldown}
	}
	return wish{dir: ScaleOut, capacity: c}
}

// capacity is the proportional capacity for metric value v.
// ref §6.3 (modelling choice): ceil(running × metric / target); from zero
// running tasks the minimum amount, 1.
func (p *ttPolicy) capacity(running int, v float64) int {
	if running == 0 {
		return 1
	}
	x := float64(running) * v / p.target
	if p.rounding == RoundNearest {
		x = math.Round(x)
	} else {
		// Guard against x = 4.000000000000001 from float error turning
		// "exactly at target" into one task more.
		x = math.Ceil(x - 1e-9*max(1, x))
	}
	return int(min(x, math.MaxInt32))
}
