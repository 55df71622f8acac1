package autoscale

import (
	"fmt"
	"time"
)

// ManagedScalingConfig is an ASG capacity provider's managedScaling block
// plus what cluster auto scaling needs to know about its Auto Scaling group.
// Zero fields take the AWS defaults. ref §5.2 [S22].
type ManagedScalingConfig struct {
	// TargetCapacity is the CPR target in percent, 1–100 (default 100).
	TargetCapacity int
	// MinimumScalingStepSize / MaximumScalingStepSize bound the instances
	// added at once, 1–10000 (defaults 1 and 10000).
	MinimumScalingStepSize, MaximumScalingStepSize int
	// InstanceWarmupPeriod, 0–10000 s; nil means 300 s.
	InstanceWarmupPeriod *time.Duration
	// MinSize and MaxSize are the Auto Scaling group's; ECS never changes
	// them and MaxSize must be positive (ref §5.2 [S17]).
	MinSize, MaxSize int
	// InstanceTypes are the group's instance types as fresh instances
	// offer them to tasks.
	InstanceTypes []InstanceShape
	Model         ManagedScalingModel
}

// ManagedScalingModel holds cluster auto scaling's modelling choices; the
// zero value means the reference defaults (ref §5.2–§5.4, §10b).
type ManagedScalingModel struct {
	// AlarmHigh: CPR > target for 1 of 1 periods; AlarmLow: CPR < target
	// for 15 of 15 (ref §5.2 [S24 #638], not configurable in AWS).
	HighEvaluationPeriods, LowEvaluationPeriods int
	// Period is the CPR publication period (1 minute, ref §5.3 [S17]);
	// PublishDelay its CloudWatch delay (default 0).
	Period, PublishDelay time.Duration
	// ScaleInHold is the wait after a scale-out before any scale-in
	// (15 minutes, ref §5.4 [S18]).
	ScaleInHold time.Duration
	// ScaleInFraction caps the instances removed per period at
	// max(1, floor(fraction × N)) (0.5, ref §5.4 modelling choice).
	ScaleInFraction float64
	// InitialScaleOut is the desired capacity of the first scale-out from
	// zero instances (2, ref §5.3 [S18]).
	InitialScaleOut int
}

func (m ManagedScalingModel) withDefaults() ManagedScalingModel {
	if m.HighEvaluationPeriods == 0 {
		m.HighEvaluationPeriods = 1
	}
	if m.LowEvaluationPeriods == 0 {
		m.LowEvaluationPeriods = 15
	}
	if m.Period == 0 {
		m.Period = DefaultMetricPeriod
	}
	if m.ScaleInHold == 0 {
		m.ScaleInHold = 15 * time.Minute
	}
	if m.ScaleInFraction == 0 {
		m.ScaleInFraction = 0.5
	}
	if m.InitialScaleOut == 0 {
		m.InitialScaleOut = 2
	}
	return m
}

// ManagedScaling is cluster auto scaling for one ASG capacity provider:
// each period it computes CapacityProviderReservation, feeds the ASG's
// target-tracking alarms and returns the desired capacity to set.
type ManagedScaling struct {
	target, minStep, maxStep int
	warmup                   time.Duration
	minSize, maxSize         int
	small, large             Resources
	model                    ManagedScalingModel

	metrics      *Metrics // a private store holding the CPR series
	cpr          MetricID
	high, low    MetricAlarm
	scaledOut    bool
	lastScaleOut time.Duration
}

// NewManagedScaling validates cfg and returns the managed scaling state.
func NewManagedScaling(cfg ManagedScalingConfig) (*ManagedScaling, error) {
	ms, fe := validateManaged(cfg)
	if err := fe.err(); err != nil {
		return nil, err
	}
	ms.metrics = NewMetrics(ms.model.Period)
	ms.cpr, _ = ms.metrics.Add(MetricConfig{Name: "CapacityProviderReservation", PublishDelay: ms.model.PublishDelay})
	// ref §5.2 [S17][S24 #638]: the target-tracking alarms ECS creates on CPR.
	var err error
	ms.high, err = NewMetricAlarm(ms.metrics, AlarmConfig{AlarmName: "AlarmHigh", Metric: ms.cpr, Statistic: Average,
		EvaluationPeriods: ms.model.HighEvaluationPeriods, Threshold: float64(ms.target), ComparisonOperator: GreaterThanThreshold})
	fe.nest("model.alarm_high", err)
	ms.low, err = NewMetricAlarm(ms.metrics, AlarmConfig{AlarmName: "AlarmLow", Metric: ms.cpr, Statistic: Average,
		EvaluationPeriods: ms.model.LowEvaluationPeriods, Threshold: float64(ms.target), ComparisonOperator: LessThanThreshold})
	fe.nest("model.alarm_low", err)
	if err := fe.err(); err != nil {
		return nil, err
	}
	return ms, nil
}

// validateManaged checks cfg, applies defaults and returns the partly built value.
func validateManaged(cfg ManagedScalingConfig) (*ManagedScaling, *fieldErrors) {
	fe := &fieldErrors{}
	ms := &ManagedScaling{
		target: orDefault(cfg.TargetCapacity, 100), minStep: orDefault(cfg.MinimumScalingStepSize, 1),
		maxStep: orDefault(cfg.MaximumScalingStepSize, 10000), warmup: 300 * time.Second,
		minSize: cfg.MinSize, maxSize: cfg.MaxSize, model: cfg.Model.withDefaults(),
	}
	rangeCheck(fe, "target_capacity", ms.target, 1, 100)
	rangeCheck(fe, "minimum_scaling_step_size", ms.minStep, 1, 10000)
	rangeCheck(fe, "maximum_scaling_step_size", ms.maxStep, 1, 10000)
	if ms.maxStep < ms.minStep {
		fe.addf("maximum_scaling_step_size", "%d is less than minimum_scaling_step_size %d", ms.maxStep, ms.minStep)
	}
	if cfg.InstanceWarmupPeriod != nil {
		ms.warmup = *cfg.InstanceWarmupPeriod
		if ms.warmup < 0 || ms.warmup > 10000*time.Second {
			fe.addf("instance_warmup_period", "%v is not within 0–10000 s", ms.warmup)
		}
	}
	if cfg.MaxSize <= 0 {
		fe.addf("max_size", "%d: the Auto Scaling group's MaxSize must be positive", cfg.MaxSize)
	}
	if cfg.MinSize < 0 || cfg.MinSize > cfg.MaxSize {
		fe.addf("min_size", "%d is not within 0..max_size (%d)", cfg.MinSize, cfg.MaxSize)
	}
	if len(cfg.InstanceTypes) == 0 {
		fe.addf("instance_types", "at least one instance type is required")
	}
	for i, s := range cfg.InstanceTypes {
		if s.Offers.CPU <= 0 || s.Offers.Memory <= 0 || s.Offers.ENIs < 0 || s.Offers.GPUs < 0 || s.Offers.Ports < 0 {
			fe.addf(fmt.Sprintf("instance_types[%d]", i), "%q needs positive CPU and memory and no negative resources", s.InstanceType)
		}
	}
	if len(cfg.InstanceTypes) > 0 {
		ms.small, ms.large = shapeBounds(cfg.InstanceTypes)
	}
	m := ms.model
	if m.Period < 0 || m.PublishDelay < 0 || m.ScaleInHold < 0 || m.ScaleInFraction < 0 || m.ScaleInFraction > 1 || m.InitialScaleOut < 0 {
		fe.addf("model", "period, publish_delay and scale_in_hold must be non-negative and scale_in_fraction within [0, 1]")
	}
	return ms, fe
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func rangeCheck(fe *fieldErrors, field string, v, lo, hi int) {
	if v < lo || v > hi {
		fe.addf(field, "%d is not within %d–%d", v, lo, hi)
	}
}
