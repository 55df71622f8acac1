package autoscale

import (
	"math"
	"time"
)

// AlarmConfig is a CloudWatch metric alarm (PutMetricAlarm's fields).
type AlarmConfig struct {
	AlarmName string
	// Metric is the series the alarm watches.
	Metric    MetricID
	Statistic Statistic
	// Period is the length of one alarm datapoint; a positive multiple of
	// the metric's period. Zero means the metric's period.
	Period             time.Duration
	EvaluationPeriods  int
	DatapointsToAlarm  int // M of N; zero means EvaluationPeriods
	Threshold          float64
	ComparisonOperator ComparisonOperator
	TreatMissingData   TreatMissingData
	// EvaluationRange is how many of the most recent datapoints CloudWatch
	// retrieves when datapoints are missing. Zero means EvaluationPeriods+2.
	// Modelling choice: AWS says the range "depends on the length of the
	// alarm period"; its worked tables use 5 for EvaluationPeriods 3.
	EvaluationRange int
}

// MetricAlarm is a CloudWatch alarm's configuration and state machine.
// It is a value type; keep it addressable (in a slice or struct) because
// Evaluate updates its state.
type MetricAlarm struct {
	metrics    *Metrics
	metric     MetricID
	stat       Statistic
	op         ComparisonOperator
	treat      TreatMissingData
	n, m, r    int32
	mul        int64         // alarm period / metric period
	period     time.Duration // alarm period
	delay      time.Duration // metric publish delay
	threshold  float64
	state      AlarmState
	invoked    bool
	lastInvoke time.Duration

	// Incremental evaluation (evaluation ranges up to 64 datapoints): bit i
	// of exist/breach describes datapoint last−i. Valid while cached and the
	// store's lateEpoch is unchanged.
	cached      bool
	epoch       uint64
	last        int64 // newest datapoint index the masks describe
	exist       uint64
	breach      uint64
	latestValue float64 // newest real datapoint read
}

// AlarmResult is the outcome of one alarm evaluation.
type AlarmResult struct {
	State   AlarmState
	Changed bool // the state differs from the previous evaluation's
	// Invoke says the alarm's Auto Scaling action runs now. ref §6.3 [S31]:
	// Auto Scaling actions are re-invoked every period while the alarm stays
	// in ALARM (other actions run only on transitions).
	Invoke bool
	// Datapoints is the number of real (not filled) datapoints evaluated and
	// Breaching the number of breaching ones after filling.
	Datapoints, Breaching int
	// Latest is the most recent real datapoint in the evaluation range
	// (valid when Datapoints > 0).
	Latest float64
}

// NewMetricAlarm validates cfg against the store and returns the alarm in
// INSUFFICIENT_DATA. It grows the store's ring to the alarm's window.
func NewMetricAlarm(metrics *Metrics, cfg AlarmConfig) (MetricAlarm, error) {
	if err := validateAlarm(metrics, &cfg); err != nil {
		return MetricAlarm{}, err
	}
	mc := metrics.Config(cfg.Metric)
	mp := metrics.Period()
	a := MetricAlarm{
		metrics: metrics, metric: cfg.Metric, stat: cfg.Statistic, op: cfg.ComparisonOperator,
		treat: cfg.TreatMissingData, n: int32(cfg.EvaluationPeriods), m: int32(cfg.DatapointsToAlarm),
		r: int32(cfg.EvaluationRange), mul: int64(cfg.Period / mp), period: cfg.Period,
		delay: mc.PublishDelay, threshold: cfg.Threshold,
	}
	// The ring must reach back over the evaluation range from the newest
	// visible datapoint, plus the unfinished alarm period, the periods still
	// unpublished (delay) and the one being filled now.
	unpublished := int((mc.PublishDelay + mp - 1) / mp)
	metrics.reserve(int(a.r)*int(a.mul) + int(a.mul) + unpublished + 1)
	return a, nil
}

// validateAlarm checks cfg and fills its defaults.
func validateAlarm(metrics *Metrics, cfg *AlarmConfig) error {
	var fe fieldErrors
	if cfg.Metric < 0 || int(cfg.Metric) >= metrics.Len() {
		fe.addf("metric", "unknown metric %d", cfg.Metric)
		return fe.err()
	}
	mp := metrics.Period()
	if cfg.Period == 0 {
		cfg.Period = mp
	}
	if cfg.Period < 0 || cfg.Period%mp != 0 {
		fe.addf("period", "%v is not a positive multiple of the metric period %v", cfg.Period, mp)
	}
	if cfg.Statistic < Average || cfg.Statistic > SampleCount {
		fe.addf("statistic", "unknown statistic %v", cfg.Statistic)
	}
	if cfg.ComparisonOperator < GreaterThanOrEqualToThreshold || cfg.ComparisonOperator > LessThanOrEqualToThreshold {
		fe.addf("comparison_operator", "unknown comparison operator %v", cfg.ComparisonOperator)
	}
	if cfg.TreatMissingData > MissingDataNotBreaching {
		fe.addf("treat_missing_data", "unknown value %v", cfg.TreatMissingData)
	}
	if cfg.EvaluationPeriods < 1 {
		fe.addf("evaluation_periods", "%d is less than 1", cfg.EvaluationPeriods)
	}
	// CloudWatch [S31] (ref §6.3 sources): EvaluationPeriods × Period may not exceed one day.
	if cfg.Period > 0 && time.Duration(cfg.EvaluationPeriods)*cfg.Period > 24*time.Hour {
		fe.addf("evaluation_periods", "%d periods of %v exceed one day", cfg.EvaluationPeriods, cfg.Period)
	}
	if cfg.DatapointsToAlarm == 0 {
		cfg.DatapointsToAlarm = cfg.EvaluationPeriods
	}
	if cfg.DatapointsToAlarm < 1 || cfg.DatapointsToAlarm > cfg.EvaluationPeriods {
		fe.addf("datapoints_to_alarm", "%d is not within 1..evaluation_periods (%d)", cfg.DatapointsToAlarm, cfg.EvaluationPeriods)
	}
	if cfg.EvaluationRange == 0 {
		cfg.EvaluationRange = cfg.EvaluationPeriods + 2
	}
	if cfg.EvaluationRange < cfg.EvaluationPeriods {
		fe.addf("evaluation_range", "%d is less than evaluation_periods %d", cfg.EvaluationRange, cfg.EvaluationPeriods)
	}
	if math.IsNaN(cfg.Threshold) || math.IsInf(cfg.Threshold, 0) {
		fe.addf("threshold", "%v is not a finite number", cfg.Threshold)
	}
	return fe.err()
}

// State returns the alarm's current state.
func (a *MetricAlarm) State() AlarmState { return a.state }

// Threshold returns the alarm's threshold.
func (a *MetricAlarm) Threshold() float64 { return a.threshold }
