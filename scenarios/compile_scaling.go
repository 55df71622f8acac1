package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/autoscale/schedule"
	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/workload"
)

// Metric names a scaling policy may watch besides custom ones.
var (
	predefinedMetrics = []string{models.MetricCPU, models.MetricMemory, models.MetricALBRequests}
	derivedMetrics    = []string{models.MetricRequestsPerSec, models.MetricRunningTasks}
	workerMetrics     = []string{models.MetricBacklog, models.MetricBacklogPerTask, models.MetricQueueDelay}
)

// scaling checks and builds a service's scalable target and policies,
// validating them with the autoscale package's own rules too.
func (c *compiler) scaling(name string, s *Service, p keyPath) *models.ServiceScalingConfig {
	sc := s.Scaling
	if sc == nil {
		return nil
	}
	sp := p.key("scaling")
	if c.broken(sp.key("min_capacity")) || c.broken(sp.key("max_capacity")) || c.broken(p.key("desired_count")) {
		// bounds unknown: nothing to compare
	} else if sc.MinCapacity > sc.MaxCapacity {
		c.add(sp.key("min_capacity"), "%d is above max_capacity %d", sc.MinCapacity, sc.MaxCapacity)
	} else if s.SchedulingStrategy != "DAEMON" && (s.DesiredCount < sc.MinCapacity || s.DesiredCount > sc.MaxCapacity) {
		c.add(p.key("desired_count"), "need min_capacity ≤ desired_count ≤ max_capacity, got %d ≤ %d ≤ %d",
			sc.MinCapacity, s.DesiredCount, sc.MaxCapacity)
	}
	delay := sc.MetricPublishDelay.D()
	out := &models.ServiceScalingConfig{MinCapacity: sc.MinCapacity, MaxCapacity: sc.MaxCapacity, MetricPublishDelay: &delay,
		Suspended: autoscale.SuspendedState{DynamicScalingInSuspended: sc.DynamicScalingInSuspended,
			DynamicScalingOutSuspended: sc.DynamicScalingOutSuspended, ScheduledScalingSuspended: sc.ScheduledScalingSuspended}}
	if len(sc.CustomMetrics) > 0 {
		out.CustomMetrics = map[string]workload.Demand{}
		for _, m := range c.ordered(sp.key("custom_metrics")) {
			if slices.Contains(predefinedMetrics, m) || slices.Contains(derivedMetrics, m) || slices.Contains(workerMetrics, m) {
				c.add(sp.key("custom_metrics").key(m), "%s is a metric the world publishes; a custom metric needs another name", m)
			}
			if d := c.demand(sc.CustomMetrics[m], sp.key("custom_metrics").key(m), 1, "services/"+name+"/metric/"+m); d != nil {
				out.CustomMetrics[m] = d
			}
		}
	}
	// check holds the policies that passed the checks above, to be run
	// through autoscale's own rules (indexes kept for the key paths).
	check := policyCheck{tt: map[int]autoscale.TargetTrackingConfig{}, step: map[int]autoscale.StepScalingConfig{},
		sched: map[int]autoscale.ScheduledActionConfig{}}
	for i, tt := range sc.TargetTracking {
		cfg, ok := c.targetTracking(s, sc, sp.key("target_tracking").at(i), tt, i)
		out.TargetTracking = append(out.TargetTracking, cfg)
		if ok {
			check.tt[i] = cfg
		}
	}
	for i, st := range sc.Step {
		cfg, ok := c.stepPolicy(s, sc, sp.key("step").at(i), st, i)
		out.Step = append(out.Step, cfg)
		if ok {
			check.step[i] = cfg.Policy
		}
	}
	for i, sa := range sc.Scheduled {
		if cfg, ok := c.scheduledAction(sp.key("scheduled").at(i), sa, i); ok {
			out.Scheduled = append(out.Scheduled, cfg)
			check.sched[i] = cfg
		}
	}
	if sc.MinCapacity <= sc.MaxCapacity && !c.broken(sp) {
		c.autoscaleCheck(sp, sc.MinCapacity, sc.MaxCapacity, check)
	}
	return out
}

// checkMetric reports a metric the service does not publish.
func (c *compiler) checkMetric(s *Service, sc *Scaling, p keyPath, m string) {
	switch {
	case slices.Contains(predefinedMetrics, m), slices.Contains(derivedMetrics, m):
		if m == models.MetricALBRequests && s.LoadBalancer == nil {
			c.add(p, "%s needs a load_balancer on the service", m)
		}
	case slices.Contains(workerMetrics, m):
		if s.Worker == nil {
			c.add(p, "%s is published for queue-driven worker services only (give the service a worker)", m)
		}
	case sc.CustomMetrics[m] == nil:
		known := append(append(slices.Clone(predefinedMetrics), derivedMetrics...), workerMetrics...)
		for name := range sc.CustomMetrics {
			known = append(known, name)
		}
		c.add(p, "%q is neither predefined, derived by the world, nor in custom_metrics%s", m, didYouMean(m, known))
	}
}

func (c *compiler) targetTracking(s *Service, sc *Scaling, p keyPath, tt TargetTracking, i int) (autoscale.TargetTrackingConfig, bool) {
	c.checkMetric(s, sc, p.key("metric"), tt.Metric) // independent of autoscale's own checks
	ok := true
	if tt.HighDatapointsToAlarm > tt.HighEvaluationPeriods {
		c.add(p.key("high_datapoints_to_alarm"), "%d is above high_evaluation_periods %d", tt.HighDatapointsToAlarm, tt.HighEvaluationPeriods)
		ok = false
	}
	if tt.LowDatapointsToAlarm > tt.LowEvaluationPeriods {
		c.add(p.key("low_datapoints_to_alarm"), "%d is above low_evaluation_periods %d", tt.LowDatapointsToAlarm, tt.LowEvaluationPeriods)
		ok = false
	}
	if tt.AlarmPeriod.D()%time.Minute != 0 {
		c.add(p.key("alarm_period"), "%s is not a whole number of minutes (the metric period)", tt.AlarmPeriod.text())
		ok = false
	}
	name := tt.PolicyName
	if name == "" {
		name = fmt.Sprintf("%s-target-%d", tt.Metric, i)
	}
	out, in := tt.ScaleOutCooldown.D(), tt.ScaleInCooldown.D()
	cfg := autoscale.TargetTrackingConfig{PolicyName: name, TargetValue: tt.TargetValue, ScaleOutCooldown: &out,
		ScaleInCooldown: &in, DisableScaleIn: tt.DisableScaleIn,
		Model: autoscale.TargetTrackingModel{HighEvaluationPeriods: tt.HighEvaluationPeriods, HighDatapointsToAlarm: tt.HighDatapointsToAlarm,
			LowEvaluationPeriods: tt.LowEvaluationPeriods, LowDatapointsToAlarm: tt.LowDatapointsToAlarm,
			LowTargetRatio: tt.LowTargetRatio, AlarmPeriod: tt.AlarmPeriod.D()}}
	if tt.Rounding == "nearest" {
		cfg.Model.Rounding = autoscale.RoundNearest
	}
	if slices.Contains(predefinedMetrics, tt.Metric) {
		cfg.PredefinedMetricSpecification = &autoscale.PredefinedMetricSpecification{PredefinedMetricType: tt.Metric}
		if tt.Metric == models.MetricALBRequests {
			// The label names the target group; the world has one per service.
			cfg.PredefinedMetricSpecification.ResourceLabel = "app/ecsim/0/targetgroup/" + name + "/0"
		}
		if c.has(p.key("statistic")) {
			c.add(p.key("statistic"), "applies to customised metrics only; %s is predefined", tt.Metric)
		}
	} else {
		stat, _ := autoscale.ParseStatistic(tt.Statistic)
		cfg.CustomizedMetricSpecification = &autoscale.CustomizedMetricSpecification{MetricName: tt.Metric,
			Namespace: models.NamespaceECSim, Statistic: stat}
	}
	return cfg, ok
}

func (c *compiler) stepPolicy(s *Service, sc *Scaling, p keyPath, st StepPolicy, i int) (models.StepPolicyConfig, bool) {
	a := st.Alarm
	c.checkMetric(s, sc, p.key("alarm").key("metric"), a.Metric)
	ok := true
	if a.Period.D()%time.Minute != 0 {
		c.add(p.key("alarm").key("period"), "%s is not a whole number of minutes (the metric period)", a.Period.text())
		ok = false
	}
	dta := a.EvaluationPeriods
	if a.DatapointsToAlarm != nil {
		dta = *a.DatapointsToAlarm
		if dta > a.EvaluationPeriods {
			c.add(p.key("alarm").key("datapoints_to_alarm"), "%d is above evaluation_periods %d", dta, a.EvaluationPeriods)
			ok = false
		}
	}
	name := st.PolicyName
	if name == "" {
		name = fmt.Sprintf("step-%d", i)
	}
	adj, _ := autoscale.ParseAdjustmentType(st.AdjustmentType)
	agg, _ := autoscale.ParseStatistic(st.MetricAggregationType)
	stat, _ := autoscale.ParseStatistic(a.Statistic)
	cmp, _ := autoscale.ParseComparisonOperator(a.ComparisonOperator)
	tmd, _ := autoscale.ParseTreatMissingData(a.TreatMissingData)
	cool := st.Cooldown.D()
	cfg := autoscale.StepScalingConfig{PolicyName: name, AdjustmentType: adj, MinAdjustmentMagnitude: st.MinAdjustmentMagnitude,
		Cooldown: &cool, MetricAggregationType: agg,
		Alarm: autoscale.AlarmConfig{AlarmName: name + "-alarm", Statistic: stat, Period: a.Period.D(), EvaluationPeriods: a.EvaluationPeriods,
			DatapointsToAlarm: dta, Threshold: a.Threshold, ComparisonOperator: cmp, TreatMissingData: tmd}}
	for _, sa := range st.StepAdjustments {
		cfg.StepAdjustments = append(cfg.StepAdjustments, autoscale.StepAdjustment{MetricIntervalLowerBound: sa.LowerBound,
			MetricIntervalUpperBound: sa.UpperBound, ScalingAdjustment: sa.ScalingAdjustment})
	}
	if st.MinAdjustmentMagnitude > 0 && adj != autoscale.PercentChangeInCapacity {
		c.add(p.key("min_adjustment_magnitude"), "applies to PercentChangeInCapacity only")
		ok = false
	}
	return models.StepPolicyConfig{MetricName: a.Metric, Policy: cfg}, ok
}

func (c *compiler) scheduledAction(p keyPath, sa ScheduledAction, i int) (autoscale.ScheduledActionConfig, bool) {
	if !c.checkZone(p.key("time_zone"), sa.TimeZone) {
		return autoscale.ScheduledActionConfig{}, false
	}
	loc, _ := time.LoadLocation(sa.TimeZone)
	if _, err := schedule.Parse(sa.Schedule, loc); err != nil {
		c.add(p.key("schedule"), "%v", scheduleMsg(err))
		return autoscale.ScheduledActionConfig{}, false
	}
	if sa.MinCapacity == nil && sa.MaxCapacity == nil {
		c.add(p, "give min_capacity, max_capacity or both")
		return autoscale.ScheduledActionConfig{}, false
	}
	if sa.MinCapacity != nil && sa.MaxCapacity != nil && *sa.MinCapacity > *sa.MaxCapacity {
		c.add(p.key("min_capacity"), "%d is above max_capacity %d", *sa.MinCapacity, *sa.MaxCapacity)
	}
	if !sa.EndTime.IsZero() && !sa.EndTime.After(sa.StartTime) {
		c.add(p.key("end_time"), "is not after start_time")
	}
	name := sa.Name
	if name == "" {
		name = fmt.Sprintf("scheduled-%d", i)
	}
	return autoscale.ScheduledActionConfig{ScheduledActionName: name, Schedule: sa.Schedule, Timezone: sa.TimeZone,
		StartTime: sa.StartTime, EndTime: sa.EndTime,
		ScalableTargetAction: autoscale.ScalableTargetAction{MinCapacity: sa.MinCapacity, MaxCapacity: sa.MaxCapacity}}, true
}

func scheduleMsg(err error) string {
	var se *schedule.SyntaxError
	if errors.As(err, &se) {
		return strings.TrimPrefix(se.Error(), "schedule: ")
	}
	return err.Error()
}

// policyCheck holds policies by index for autoscaleCheck.
type policyCheck struct {
	tt    map[int]autoscale.TargetTrackingConfig
	step  map[int]autoscale.StepScalingConfig
	sched map[int]autoscale.ScheduledActionConfig
}

// autoscaleCheck runs the policies through autoscale's own validation,
// mapping its FieldErrors (snake_case AWS paths) under the policy's key.
func (c *compiler) autoscaleCheck(p keyPath, minCap, maxCap int, pc policyCheck) {
	m := autoscale.NewMetrics(0)
	id, err := m.Add(autoscale.MetricConfig{Name: "check"})
	if err != nil {
		panic("scenarios: " + err.Error())
	}
	t, err := autoscale.NewScalableTarget(m, autoscale.ScalableTargetConfig{MinCapacity: minCap, MaxCapacity: maxCap})
	if err != nil {
		c.fieldErrors(p, err)
		return
	}
	for _, i := range sortedInts(pc.tt) {
		tt := pc.tt[i]
		tt.Metric = id
		if _, err := t.AddTargetTracking(tt); err != nil {
			c.fieldErrors(p.key("target_tracking").at(i), err)
		}
	}
	for _, i := range sortedInts(pc.step) {
		st := pc.step[i]
		st.Alarm.Metric = id
		if _, err := t.AddStepScaling(st); err != nil {
			c.fieldErrors(p.key("step").at(i), err)
		}
	}
	for _, i := range sortedInts(pc.sched) {
		if _, err := t.AddScheduledAction(pc.sched[i]); err != nil {
			c.fieldErrors(p.key("scheduled").at(i), err)
		}
	}
}

func sortedInts[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fieldErrors adds autoscale's joined FieldErrors under p.
func (c *compiler) fieldErrors(p keyPath, err error) {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var fe *autoscale.FieldError
		if errors.As(e, &fe) {
			fp := p
			if sub, ok := parseDotted(fe.Field); ok {
				fp = append(slices.Clone(p), sub...)
			}
			c.add(fp, "%s", fe.Rule)
			continue
		}
		c.add(p, "%v", e)
	}
}
