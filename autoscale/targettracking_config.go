package autoscale

import (
	"math"
	"time"
)

// withDefaults fills the zero fields of m with the reference defaults.
func (m TargetTrackingModel) withDefaults() TargetTrackingModel {
	// ref §6.3 [S29][S30]: AlarmHigh 3 of 3, AlarmLow 15 of 15 one-minute
	// periods; AlarmLow threshold 0.9 × target (modelling choice, §11).
	if m.HighEvaluationPeriods == 0 {
		m.HighEvaluationPeriods = 3
	}
	if m.HighDatapointsToAlarm == 0 {
		m.HighDatapointsToAlarm = m.HighEvaluationPeriods
	}
	if m.LowEvaluationPeriods == 0 {
		m.LowEvaluationPeriods = 15
	}
	if m.LowDatapointsToAlarm == 0 {
		m.LowDatapointsToAlarm = m.LowEvaluationPeriods
	}
	if m.LowTargetRatio == 0 {
		m.LowTargetRatio = 0.9
	}
	return m
}

// metricStatistic validates the metric specification and returns the
// statistic its alarms use. ref §6.2: the ECS utilisation metrics are
// averages; ALBRequestCountPerTarget is a per-minute Sum.
func (c *TargetTrackingConfig) metricStatistic(fe *fieldErrors) Statistic {
	pre, cust := c.PredefinedMetricSpecification, c.CustomizedMetricSpecification
	switch {
	case pre != nil && cust != nil:
		fe.addf("predefined_metric_specification", "give either a predefined or a customized metric, not both")
	case pre != nil:
		const f = "predefined_metric_specification."
		switch pre.PredefinedMetricType {
		case ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization:
			return Average
		case ALBRequestCountPerTarget:
			if pre.ResourceLabel == "" {
				fe.addf(f+"resource_label", "ALBRequestCountPerTarget needs the target group's resource label")
			}
			return Sum
		default:
			fe.addf(f+"predefined_metric_type", "unknown metric %q (want %s, %s or %s)", pre.PredefinedMetricType,
				ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget)
		}
	case cust != nil:
		const f = "customized_metric_specification."
		if cust.MetricName == "" {
			fe.addf(f+"metric_name", "required")
		}
		if cust.Namespace == "" {
			fe.addf(f+"namespace", "required")
		}
		if cust.Statistic < Average || cust.Statistic > SampleCount {
			fe.addf(f+"statistic", "unknown statistic %v", cust.Statistic)
		}
		return cust.Statistic
	default:
		fe.addf("predefined_metric_specification", "a predefined or a customized metric is required")
	}
	return Average
}

// compileTargetTracking validates c and builds the policy with its alarm pair.
func compileTargetTracking(metrics *Metrics, c TargetTrackingConfig) (ttPolicy, error) {
	var fe fieldErrors
	stat := c.metricStatistic(&fe)
	if c.TargetValue <= 0 || math.IsNaN(c.TargetValue) || math.IsInf(c.TargetValue, 0) {
		// The proportional capacity divides by the target (modelling choice).
		fe.addf("target_value", "%v is not a positive number", c.TargetValue)
	}
	outCool := cooldown(&fe, "scale_out_cooldown", c.ScaleOutCooldown)
	inCool := cooldown(&fe, "scale_in_cooldown", c.ScaleInCooldown)
	model := c.Model.withDefaults()
	if model.LowTargetRatio <= 0 || model.LowTargetRatio > 1 {
		fe.addf("model.low_target_ratio", "%v is not within (0, 1]", model.LowTargetRatio)
	}
	if model.Rounding > RoundNearest {
		fe.addf("model.rounding", "unknown rounding %d", model.Rounding)
	}
	if err := fe.err(); err != nil {
		return ttPolicy{}, err
	}
	// ref §6.3 [S25][S29]: the AlarmHigh/AlarmLow pair AWS creates.
	high, err := NewMetricAlarm(metrics, AlarmConfig{
		AlarmName: "TargetTracking-" + c.PolicyName + "-AlarmHigh", Metric: c.Metric, Statistic: stat,
		Period: model.AlarmPeriod, EvaluationPeriods: model.HighEvaluationPeriods, DatapointsToAlarm: model.HighDatapointsToAlarm,
		Threshold: c.TargetValue, ComparisonOperator: GreaterThanThreshold,
	})
	fe.nest("model.alarm_high", err)
	low, err := NewMetricAlarm(metrics, AlarmConfig{
		AlarmName: "TargetTracking-" + c.PolicyName + "-AlarmLow", Metric: c.Metric, Statistic: stat,
		Period: model.AlarmPeriod, EvaluationPeriods: model.LowEvaluationPeriods, DatapointsToAlarm: model.LowDatapointsToAlarm,
		Threshold: model.LowTargetRatio * c.TargetValue, ComparisonOperator: LessThanThreshold,
	})
	fe.nest("model.alarm_low", err)
	if err := fe.err(); err != nil {
		return ttPolicy{}, err
	}
	return ttPolicy{
		name: c.PolicyName, target: c.TargetValue, high: high, low: low, outCool: outCool, inCool: inCool,
		noScaleIn: c.DisableScaleIn, rounding: model.Rounding,
	}, nil
}

// cooldown validates an optional cooldown and applies the default.
func cooldown(fe *fieldErrors, field string, d *time.Duration) time.Duration {
	if d == nil {
		return DefaultCooldown
	}
	if *d < 0 {
		fe.addf(field, "%v is negative", *d)
	}
	return *d
}
