package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/autoscale"
)

// Alarm is an imported CloudWatch metric alarm (describe-alarms output):
// the alarm a step scaling policy is the action of.
type Alarm struct {
	Name               string
	MetricName         string
	Namespace          string
	Dimensions         []autoscale.MetricDimension
	Statistic          autoscale.Statistic
	Period             time.Duration
	EvaluationPeriods  int
	DatapointsToAlarm  int
	Threshold          float64
	ComparisonOperator autoscale.ComparisonOperator
	TreatMissingData   autoscale.TreatMissingData
	// PolicyNames are the scaling policies in the alarm's actions.
	PolicyNames []string
}

var alarmReadOnly = []string{"AlarmArn", "AlarmConfigurationUpdatedTimestamp", "StateValue", "StateReason",
	"StateReasonData", "StateUpdatedTimestamp", "StateTransitionedTimestamp"}

func alarms(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	list := top.objects("MetricAlarms")
	top.skip("not modelled", "CompositeAlarms", "NextToken")
	top.finish("MetricAlarms", "CompositeAlarms", "NextToken")
	for _, o := range list {
		f.Alarms = append(f.Alarms, alarm(o))
	}
	if len(list) == 0 {
		r.refuse("MetricAlarms", "the list holds no metric alarm")
	}
}

func alarm(o *obj) Alarm {
	a := Alarm{Statistic: autoscale.Average}
	a.Name, _ = o.str("AlarmName")
	a.MetricName, _ = o.str("MetricName")
	a.Namespace, _ = o.str("Namespace")
	if s, ok := o.str("Statistic"); ok {
		var err error
		if a.Statistic, err = autoscale.ParseStatistic(s); err != nil {
			o.r.refuse(o.field("Statistic"), err.Error())
		}
	}
	if p := seconds(o, "Period"); p != nil {
		a.Period = *p
	}
	a.EvaluationPeriods, _ = o.integer("EvaluationPeriods")
	a.DatapointsToAlarm, _ = o.integer("DatapointsToAlarm")
	a.Threshold, _ = o.num("Threshold")
	if c, ok := o.str("ComparisonOperator"); ok {
		var err error
		if a.ComparisonOperator, err = autoscale.ParseComparisonOperator(c); err != nil {
			o.r.refuse(o.field("ComparisonOperator"), err.Error())
		}
	}
	if t, ok := o.str("TreatMissingData"); ok {
		var err error
		if a.TreatMissingData, err = autoscale.ParseTreatMissingData(t); err != nil {
			o.r.refuse(o.field("TreatMissingData"), err.Error())
		}
	}
	for _, d := range o.objects("Dimensions") {
		md := autoscale.MetricDimension{}
		md.Name, _ = d.str("Name")
		md.Value, _ = d.str("Value")
		a.Dimensions = append(a.Dimensions, md)
		d.finish("Name", "Value")
	}
	for _, act := range o.strings("AlarmActions") {
		if i := strings.LastIndex(act, ":policyName/"); i >= 0 {
			a.PolicyNames = append(a.PolicyNames, act[i+len(":policyName/"):])
		}
	}
	if a.MetricName == "" || a.EvaluationPeriods <= 0 || a.ComparisonOperator == 0 {
		o.r.refuse(o.path, fmt.Sprintf("alarm %q needs MetricName, EvaluationPeriods and ComparisonOperator", a.Name))
	}
	o.skip("not modelled", "AlarmDescription", "ActionsEnabled", "OKActions", "InsufficientDataActions", "Unit",
		"ExtendedStatistic", "Metrics", "EvaluateLowSampleCountPercentile", "ThresholdMetricId")
	o.skip("read-only state of a describe output, not imported", alarmReadOnly...)
	o.finish(append([]string{"AlarmName", "MetricName", "Namespace", "Statistic", "Period", "EvaluationPeriods",
		"DatapointsToAlarm", "Threshold", "ComparisonOperator", "TreatMissingData", "Dimensions", "AlarmActions",
		"AlarmDescription", "ActionsEnabled", "OKActions", "InsufficientDataActions", "Unit", "ExtendedStatistic",
		"Metrics", "EvaluateLowSampleCountPercentile", "ThresholdMetricId"}, alarmReadOnly...)...)
	return a
}
