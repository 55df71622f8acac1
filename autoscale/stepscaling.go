package autoscale

import (
	"time"
)

// StepScalingConfig is a StepScaling policy
// (StepScalingPolicyConfiguration) together with the CloudWatch alarm that
// invokes it. ref §6.4.
type StepScalingConfig struct {
	PolicyName      string
	AdjustmentType  AdjustmentType
	StepAdjustments []StepAdjustment
	// MinAdjustmentMagnitude applies to PercentChangeInCapacity only; 0 = unset.
	MinAdjustmentMagnitude int
	// Cooldown: nil means DefaultCooldown (ref §6.4 [S27]).
	Cooldown *time.Duration
	// MetricAggregationType is Average (the default, also for 0), Minimum or
	// Maximum, applied to the datapoints the alarm evaluated (modelling
	// choice for AWS's "aggregated metric").
	MetricAggregationType Statistic
	// Alarm is the user-managed alarm whose Auto Scaling action is this policy.
	Alarm AlarmConfig
}

// stepPolicy is a compiled step scaling policy and its state.
type stepPolicy struct {
	name       string
	alarm      MetricAlarm
	adjType    AdjustmentType
	steps      []step
	minMag     int
	cool       time.Duration
	agg        Statistic
	aboveAlarm bool // the alarm breaches above its threshold

	until        time.Duration // cooldown ends (exclusive)
	lastWasOut   bool          // the cooldown follows a scale-out
	lastOutDelta int           // change of the last scale-out
	lastOutCap   int           // capacity set by the last scale-out
}

// compileStepScaling validates c and builds the policy with its alarm.
func compileStepScaling(metrics *Metrics, c StepScalingConfig) (stepPolicy, error) {
	var fe fieldErrors
	switch c.AdjustmentType {
	case ChangeInCapacity, ExactCapacity:
		if c.MinAdjustmentMagnitude != 0 {
			fe.addf("min_adjustment_magnitude", "only valid with PercentChangeInCapacity")
		}
	case PercentChangeInCapacity:
		if c.MinAdjustmentMagnitude < 0 {
			fe.addf("min_adjustment_magnitude", "%d is negative", c.MinAdjustmentMagnitude)
		}
	default:
		fe.addf("adjustment_type", "unknown adjustment type %v (want ChangeInCapacity, PercentChangeInCapacity or ExactCapacity)", c.AdjustmentType)
	}
	steps := compileSteps(&fe, c.StepAdjustments, c.AdjustmentType == ExactCapacity)
	cool := cooldown(&fe, "cooldown", c.Cooldown)
	agg := c.MetricAggregationType
	switch agg {
	case 0:
		agg = Average
	case Average, Minimum, Maximum:
	default:
		fe.addf("metric_aggregation_type", "%v is not Average, Minimum or Maximum", agg)
	}
	alarm, err := NewMetricAlarm(metrics, c.Alarm)
	fe.nest("alarm", err)
	if err := fe.err(); err != nil {
		return stepPolicy{}, err
	}
	op := c.Alarm.ComparisonOperator
	return stepPolicy{
		name: c.PolicyName, alarm: alarm, adjType: c.AdjustmentType, steps: steps,
		minMag: c.MinAdjustmentMagnitude, cool: cool, agg: agg,
		aboveAlarm: op == GreaterThanThreshold || op == GreaterThanOrEqualToThreshold,
	}, nil
}

// propose evaluates the policy's alarm and returns its wish.
func (p *stepPolicy) propose(now time.Duration, in TargetInput, lo, hi int) wish {
	r := p.alarm.Evaluate(now)
	if !r.Invoke || r.Datapoints == 0 {
		// Modelling choice: an alarm in ALARM only through
		// TreatMissingData=breaching has no metric value to place in a
		// step, so it adjusts nothing.
		return wish{}
	}
	v, ok := p.alarm.Aggregate(now, p.agg)
	if !ok {
		return wish{}
	}
	breach := v - p.alarm.Threshold()
	above := breach > 0 || (breach == 0 && p.aboveAlarm)
	s, ok := findStep(p.steps, breach, above)
	if !ok {
		return wish{}
	}
	// The adjustment's direction is the policy's wish; clamping may leave
	// nothing to do (ref §6.1: a scale-out above max does nothing).
	raw := applyAdjustment(p.adjType, s.adj, p.minMag, in.Running, lo, hi)
	c := clamp(raw, lo, hi)
	switch {
	case raw > in.Running:
		return p.outWish(now, c, c-max(in.Running, lo), lo, hi)
	case raw < in.Running:
		if now < p.until { // ref §6.4 [S25]: scale-in waits for the cooldown
			return wish{dir: ScaleIn, capacity: -1, blocked: BlockedCooldown}
		}
		return wish{dir: ScaleIn, capacity: c}
	}
	return wish{}
}

// outWish applies the step scale-out cooldown. ref §6.4 [S25][S27]: a
// further alarm during it adds only the difference when its step is larger
// (last +2, now +3 ⇒ +1); a smaller or equal one does nothing.
func (p *stepPolicy) outWish(now time.Duration, c, delta, lo, hi int) wish {
	if now < p.until && p.lastWasOut {
		if delta <= p.lastOutDelta {
			return wish{dir: ScaleOut, capacity: -1, blocked: BlockedCooldown}
		}
		c = clamp(p.lastOutCap+delta-p.lastOutDelta, lo, hi)
	}
	return wish{dir: ScaleOut, capacity: c, delta: delta}
}
