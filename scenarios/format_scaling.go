package scenarios

import "time"

// Scaling is a service's scalable target with its policies (ref §6).
type Scaling struct {
	MinCapacity                int      `toml:"min_capacity" required:"true" min:"0" doc:"Lowest desired count scaling may set."`
	MaxCapacity                int      `toml:"max_capacity" required:"true" min:"0" doc:"Highest desired count scaling may set."`
	DynamicScalingInSuspended  bool     `toml:"dynamic_scaling_in_suspended" default:"false" doc:"Suspend scale-in by policies."`
	DynamicScalingOutSuspended bool     `toml:"dynamic_scaling_out_suspended" default:"false" doc:"Suspend scale-out by policies."`
	ScheduledScalingSuspended  bool     `toml:"scheduled_scaling_suspended" default:"false" doc:"Suspend scheduled actions."`
	MetricPublishDelay         Duration `toml:"metric_publish_delay" default:"60s" min:"0s" max:"10m" doc:"How late a 1-minute datapoint becomes visible to alarms (ref §6.2: 60–120 s)."`

	TargetTracking []TargetTracking   `toml:"target_tracking,omitempty" doc:"Target tracking policies."`
	Step           []StepPolicy       `toml:"step,omitempty" doc:"Step scaling policies, each with its alarm."`
	Scheduled      []ScheduledAction  `toml:"scheduled,omitempty" doc:"Scheduled actions changing min and max capacity."`
	CustomMetrics  map[string]*Demand `toml:"custom_metrics,omitempty" doc:"Custom metrics by name: the demand's value each minute is the datapoint (usually a replay of a CloudWatch export)."`
}

// TargetTracking is a target tracking policy.
type TargetTracking struct {
	PolicyName       string   `toml:"policy_name,omitempty" defaultdoc:"<metric>-target" doc:"Policy name, for reports."`
	TargetValue      float64  `toml:"target_value" required:"true" min:"0.000001" doc:"Target of the metric."`
	Metric           string   `toml:"metric" default:"ECSServiceAverageCPUUtilization" doc:"A predefined metric (ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget), one the world derives (RequestsPerSecond, RunningTaskCount; for workers ApproximateNumberOfMessagesVisible, BacklogPerTask, QueueDelaySeconds) or a name in custom_metrics."`
	Statistic        string   `toml:"statistic" default:"Average" enum:"Average,Sum,Minimum,Maximum,SampleCount" doc:"Statistic of a customised metric."`
	ScaleOutCooldown Duration `toml:"scale_out_cooldown" default:"300s" min:"0s" max:"24h" doc:"ScaleOutCooldown."`
	ScaleInCooldown  Duration `toml:"scale_in_cooldown" default:"300s" min:"0s" max:"24h" doc:"ScaleInCooldown."`
	DisableScaleIn   bool     `toml:"disable_scale_in" default:"false" doc:"Never scale in."`

	HighEvaluationPeriods int      `toml:"high_evaluation_periods" default:"3" min:"1" max:"60" doc:"AlarmHigh periods (modelling choice, ref §10b)."`
	HighDatapointsToAlarm int      `toml:"high_datapoints_to_alarm" default:"3" min:"1" max:"60" doc:"AlarmHigh datapoints of those periods that must breach."`
	LowEvaluationPeriods  int      `toml:"low_evaluation_periods" default:"15" min:"1" max:"60" doc:"AlarmLow periods."`
	LowDatapointsToAlarm  int      `toml:"low_datapoints_to_alarm" default:"15" min:"1" max:"60" doc:"AlarmLow datapoints that must breach."`
	LowTargetRatio        float64  `toml:"low_target_ratio" default:"0.9" min:"0.01" max:"1" doc:"AlarmLow threshold as a fraction of the target (ref §6.3)."`
	AlarmPeriod           Duration `toml:"alarm_period" default:"1m" min:"1m" max:"1h" doc:"Period of both alarms."`
	Rounding              string   `toml:"rounding" default:"up" enum:"up,nearest" doc:"How the proportional capacity becomes a task count (ref §11 modelling choice)."`
}

// StepPolicy is a step scaling policy and its CloudWatch alarm.
type StepPolicy struct {
	PolicyName             string           `toml:"policy_name,omitempty" defaultdoc:"step-<index>" doc:"Policy name, for reports."`
	AdjustmentType         string           `toml:"adjustment_type" required:"true" enum:"ChangeInCapacity,PercentChangeInCapacity,ExactCapacity" doc:"How adjustments apply."`
	StepAdjustments        []StepAdjustment `toml:"step_adjustments" required:"true" doc:"The steps, bounds relative to the alarm threshold."`
	MinAdjustmentMagnitude int              `toml:"min_adjustment_magnitude" default:"0" min:"0" doc:"PercentChangeInCapacity: smallest change (0 = unset)."`
	Cooldown               Duration         `toml:"cooldown" default:"300s" min:"0s" max:"24h" doc:"Cooldown after an action."`
	MetricAggregationType  string           `toml:"metric_aggregation_type" default:"Average" enum:"Average,Minimum,Maximum" doc:"How the evaluated datapoints are aggregated."`
	Alarm                  Alarm            `toml:"alarm" required:"true" doc:"The alarm whose action the policy is."`
}

// StepAdjustment is one step.
type StepAdjustment struct {
	LowerBound        *float64 `toml:"lower_bound,omitempty" defaultdoc:"−∞" doc:"MetricIntervalLowerBound (breach = metric − threshold)."`
	UpperBound        *float64 `toml:"upper_bound,omitempty" defaultdoc:"+∞" doc:"MetricIntervalUpperBound."`
	ScalingAdjustment int      `toml:"scaling_adjustment" required:"true" doc:"Change, percent or exact capacity."`
}

// Alarm is a CloudWatch metric alarm.
type Alarm struct {
	Metric             string   `toml:"metric" default:"ECSServiceAverageCPUUtilization" doc:"Metric watched (same names as target_tracking.metric)."`
	Statistic          string   `toml:"statistic" default:"Average" enum:"Average,Sum,Minimum,Maximum,SampleCount" doc:"Statistic per period."`
	Period             Duration `toml:"period" default:"1m" min:"1m" max:"1d" doc:"Datapoint period."`
	EvaluationPeriods  int      `toml:"evaluation_periods" default:"1" min:"1" max:"1440" doc:"N of M of N."`
	DatapointsToAlarm  *int     `toml:"datapoints_to_alarm,omitempty" min:"1" defaultdoc:"evaluation_periods" doc:"M of M of N."`
	Threshold          float64  `toml:"threshold" required:"true" doc:"Threshold compared with the datapoints."`
	ComparisonOperator string   `toml:"comparison_operator" required:"true" enum:"GreaterThanOrEqualToThreshold,GreaterThanThreshold,LessThanThreshold,LessThanOrEqualToThreshold" doc:"Comparison."`
	TreatMissingData   string   `toml:"treat_missing_data" default:"missing" enum:"missing,ignore,breaching,notBreaching" doc:"How missing datapoints count."`
}

// ScheduledAction changes the capacity bounds on a schedule (ref §6.5).
type ScheduledAction struct {
	Name        string    `toml:"name,omitempty" defaultdoc:"scheduled-<index>" doc:"Action name."`
	Schedule    string    `toml:"schedule" required:"true" doc:"cron(Minutes Hours Day-of-month Month Day-of-week Year), rate(…) or at(yyyy-mm-ddThh:mm:ss)."`
	TimeZone    string    `toml:"time_zone" default:"UTC" doc:"IANA time zone of the schedule."`
	StartTime   time.Time `toml:"start_time,omitempty" doc:"No occurrence before this date-time."`
	EndTime     time.Time `toml:"end_time,omitempty" doc:"No occurrence after this date-time."`
	MinCapacity *int      `toml:"min_capacity,omitempty" min:"0" doc:"New min_capacity (unchanged if not given)."`
	MaxCapacity *int      `toml:"max_capacity,omitempty" min:"0" doc:"New max_capacity (unchanged if not given)."`
}
