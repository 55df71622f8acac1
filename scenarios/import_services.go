package scenarios

import (
	"slices"
	"strings"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/scenarios/importer"
)

// writeServices writes the imported services, or one service per task
// definition when no service was imported.
func (w *writer) writeServices() {
	n := 0
	for _, f := range w.files {
		for _, s := range f.Services {
			w.service(s)
			n++
		}
	}
	if n == 0 {
		w.servicesForDefinitions()
	}
}

func (w *writer) service(s importer.Service) {
	c := s.Config
	if w.svcCluster == "" {
		w.svcCluster = s.Cluster
	}
	t := map[string]any{"task_definition": w.resolveRef(c.Name, c.TaskDef)}
	if c.Daemon {
		t["scheduling_strategy"] = "DAEMON"
	} else {
		t["desired_count"] = int64(c.DesiredCount)
	}
	switch {
	case c.LaunchType != "":
		t["launch_type"] = c.LaunchType
		w.needLaunchType(c.LaunchType)
	case len(c.CapacityProviderStrategy) > 0:
		var items []map[string]any
		for _, it := range c.CapacityProviderStrategy {
			items = append(items, strategyTree(it))
			if it.Provider == "FARGATE" || it.Provider == "FARGATE_SPOT" {
				w.addProvider(it.Provider, orEmpty(w.providers[it.Provider]))
			}
		}
		t["capacity_provider_strategy"] = items
	default:
		w.needDefault(c.Name)
	}
	if len(c.PlacementStrategy) > 0 {
		var ps []map[string]any
		for _, p := range c.PlacementStrategy {
			m := map[string]any{"type": p.Type}
			if p.Field != "" {
				m["field"] = p.Field
			}
			ps = append(ps, m)
		}
		t["placement_strategy"] = ps
	}
	if len(c.PlacementConstraints) > 0 {
		t["placement_constraints"] = constraintsTree(c.PlacementConstraints)
	}
	if d := c.Deployment; d.MaximumPercent > 0 || d.CircuitBreaker {
		dep := map[string]any{"circuit_breaker": d.CircuitBreaker, "rollback": d.Rollback}
		if d.MaximumPercent > 0 {
			dep["maximum_percent"], dep["minimum_healthy_percent"] = int64(d.MaximumPercent), int64(d.MinimumHealthyPercent)
		}
		t["deployment"] = dep
	}
	if c.HealthCheckGracePeriod > 0 {
		t["health_check_grace_period"] = durationString(c.HealthCheckGracePeriod)
	}
	if c.AZRebalancing != nil {
		t["availability_zone_rebalancing"] = map[bool]string{true: "ENABLED", false: "DISABLED"}[*c.AZRebalancing]
	}
	if c.LoadBalancer != nil {
		t["load_balancer"] = map[string]any{}
	}
	w.services[c.Name] = t
	w.note("service %s has no workload: its tasks are idle until you add [services.%s.workload]", c.Name, c.Name)
}

func orEmpty(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// resolveRef finds the imported definition a service names: the exact
// revision, else the family's imported revision.
func (w *writer) resolveRef(service, ref string) string {
	if slices.Contains(w.defRefs, ref) {
		return ref
	}
	fam, _, _ := strings.Cut(ref, ":")
	for _, r := range w.defRefs {
		if strings.HasPrefix(r, fam+":") {
			if ref != fam {
				w.note("service %s uses %s; the imported revision %s is used instead", service, ref, r)
			}
			return r
		}
	}
	w.note("service %s uses task definition %s, which was not imported (import `aws ecs describe-task-definition --task-definition %s` output)", service, ref, ref)
	return ref
}

// needLaunchType makes sure a provider exists for a launch type.
func (w *writer) needLaunchType(lt string) {
	if lt == "FARGATE" {
		w.addProvider("FARGATE", orEmpty(w.providers["FARGATE"]))
		return
	}
	for _, p := range w.providers {
		if m := p.(map[string]any); m["instance_types"] != nil {
			return
		}
	}
	w.note("a service uses launch type EC2 but no Auto Scaling group or container instances were imported")
}

// needDefault gives a service without launch type or strategy the
// cluster's default, or the only provider.
func (w *writer) needDefault(service string) {
	if len(w.defaults) > 0 {
		return
	}
	if len(w.provOrder) == 1 {
		w.defaults = []map[string]any{{"capacity_provider": w.provOrder[0], "base": int64(0), "weight": int64(1)}}
		w.note("service %s names no launch type or strategy: the only provider, %s, is made the cluster default", service, w.provOrder[0])
		return
	}
	w.note("service %s names no launch type or strategy and the cluster's default strategy was not imported", service)
}

// servicesForDefinitions runs each imported task definition as a service
// of two tasks: on Fargate when it can run there, else on an assumed group.
func (w *writer) servicesForDefinitions() {
	for _, f := range w.files {
		for _, td := range f.TaskDefinitions {
			d := td.Def
			t := map[string]any{"task_definition": d.Ref(), "desired_count": int64(2)}
			fargate := d.CPU > 0 && d.Memory > 0 && (d.NetworkMode == "" || d.NetworkMode == models.NetworkAwsvpc)
			if slices.Contains(td.RequiresCompatibilities, "FARGATE") || fargate && !slices.Contains(td.RequiresCompatibilities, "EC2") {
				t["launch_type"] = "FARGATE"
				w.addProvider("FARGATE", orEmpty(w.providers["FARGATE"]))
			} else {
				if _, ok := w.providers["ec2"]; !ok && len(w.provOrder) == 0 {
					w.addProvider("ec2", map[string]any{"instance_types": []string{"m6i.xlarge"}, "max_size": int64(10),
						"desired_size": int64(1), "managed_scaling": map[string]any{}, "managed_termination_protection": true})
					w.note("no capacity was imported: an Auto Scaling group of m6i.xlarge (0–10 instances, managed scaling) is assumed")
				}
				t["capacity_provider_strategy"] = []map[string]any{{"capacity_provider": w.provOrder[0], "weight": int64(1)}}
			}
			w.services[d.Family] = t
			w.note("no service was imported: task definition %s runs as service %s with 2 tasks", d.Ref(), d.Family)
		}
	}
}

// writeScaling attaches scalable targets, policies and scheduled actions
// to their services.
func (w *writer) writeScaling() {
	var targets []importer.ScalableTarget
	var alarms []importer.Alarm
	for _, f := range w.files {
		targets = append(targets, f.ScalableTargets...)
		alarms = append(alarms, f.Alarms...)
	}
	for _, f := range w.files {
		for _, p := range f.ScalingPolicies {
			if sc := w.scalingOf(p.Service, targets); sc != nil {
				w.policy(sc, p, alarms)
			}
		}
		for _, a := range f.ScheduledActions {
			if sc := w.scalingOf(a.Service, targets); sc != nil {
				sc["scheduled"] = append(listOf(sc["scheduled"]), scheduledTree(a.Action))
			}
		}
	}
}

func listOf(v any) []map[string]any {
	l, _ := v.([]map[string]any)
	return l
}

// scalingOf returns the scaling table of a service (the only service when
// the policy names none), creating it with the imported scalable target's
// bounds or assumed ones.
func (w *writer) scalingOf(service string, targets []importer.ScalableTarget) map[string]any {
	if service == "" {
		if len(w.services) != 1 {
			w.note("a scaling policy names no service and %d services were imported: it is skipped", len(w.services))
			return nil
		}
		service = sortedNames(w.services)[0]
	}
	svc, ok := w.services[service].(map[string]any)
	if !ok {
		w.note("scaling of service %s, which was not imported: skipped", service)
		return nil
	}
	if sc, ok := svc["scaling"].(map[string]any); ok {
		return sc
	}
	sc := map[string]any{}
	for _, t := range targets {
		if t.Service == service {
			sc["min_capacity"], sc["max_capacity"] = int64(t.MinCapacity), int64(t.MaxCapacity)
		}
	}
	if _, ok := sc["min_capacity"]; !ok {
		d, _ := svc["desired_count"].(int64)
		sc["min_capacity"], sc["max_capacity"] = d, max(4*d, 10)
		w.note("service %s: no scalable target imported: min_capacity %d and max_capacity %d assumed", service, d, max(4*d, 10))
	}
	svc["scaling"] = sc
	return sc
}

func (w *writer) policy(sc map[string]any, p importer.ScalingPolicy, alarms []importer.Alarm) {
	if tt := p.TargetTracking; tt != nil {
		t := map[string]any{"target_value": tt.TargetValue, "scale_out_cooldown": cooldownString(tt.ScaleOutCooldown),
			"scale_in_cooldown": cooldownString(tt.ScaleInCooldown), "disable_scale_in": tt.DisableScaleIn}
		if p.Name != "" {
			t["policy_name"] = p.Name
		}
		if pm := tt.PredefinedMetricSpecification; pm != nil {
			t["metric"] = pm.PredefinedMetricType
		} else if cm := tt.CustomizedMetricSpecification; cm != nil {
			t["metric"], t["statistic"] = cm.MetricName, cm.Statistic.String()
			w.note("policy %s tracks custom metric %s/%s: add its series under scaling.custom_metrics.%s (a replay of a CloudWatch export)", p.Name, cm.Namespace, cm.MetricName, cm.MetricName)
		}
		sc["target_tracking"] = append(listOf(sc["target_tracking"]), t)
		return
	}
	st := p.Step
	t := map[string]any{"adjustment_type": st.AdjustmentType.String(), "cooldown": cooldownString(st.Cooldown)}
	if p.Name != "" {
		t["policy_name"] = p.Name
	}
	if st.MinAdjustmentMagnitude > 0 {
		t["min_adjustment_magnitude"] = int64(st.MinAdjustmentMagnitude)
	}
	if st.MetricAggregationType != 0 {
		t["metric_aggregation_type"] = st.MetricAggregationType.String()
	}
	var steps []map[string]any
	for _, a := range st.StepAdjustments {
		s := map[string]any{"scaling_adjustment": int64(a.ScalingAdjustment)}
		if a.MetricIntervalLowerBound != nil {
			s["lower_bound"] = *a.MetricIntervalLowerBound
		}
		if a.MetricIntervalUpperBound != nil {
			s["upper_bound"] = *a.MetricIntervalUpperBound
		}
		steps = append(steps, s)
	}
	t["step_adjustments"] = steps
	t["alarm"] = w.alarmFor(p, alarms)
	sc["step"] = append(listOf(sc["step"]), t)
}

// alarmFor finds a step policy's CloudWatch alarm among the imported ones.
func (w *writer) alarmFor(p importer.ScalingPolicy, alarms []importer.Alarm) map[string]any {
	for _, a := range alarms {
		if slices.Contains(p.AlarmNames, a.Name) || slices.Contains(a.PolicyNames, p.Name) {
			t := map[string]any{"metric": alarmMetric(a), "statistic": a.Statistic.String(), "threshold": a.Threshold,
				"comparison_operator": a.ComparisonOperator.String(), "evaluation_periods": int64(a.EvaluationPeriods),
				"treat_missing_data": a.TreatMissingData.String()}
			if a.Period > 0 {
				t["period"] = durationString(a.Period)
			}
			if a.DatapointsToAlarm > 0 {
				t["datapoints_to_alarm"] = int64(a.DatapointsToAlarm)
			}
			return t
		}
	}
	w.note("step policy %s: its alarm %v was not imported: threshold and comparison_operator are missing (import `aws cloudwatch describe-alarms` output)", p.Name, p.AlarmNames)
	return map[string]any{}
}

// alarmMetric maps an alarm's CloudWatch metric to the name ecsim
// publishes: the service's CPU and memory utilisation, else the name.
func alarmMetric(a importer.Alarm) string {
	if a.Namespace == "AWS/ECS" {
		switch a.MetricName {
		case "CPUUtilization":
			return models.MetricCPU
		case "MemoryUtilization":
			return models.MetricMemory
		}
	}
	return a.MetricName
}

func scheduledTree(a autoscale.ScheduledActionConfig) map[string]any {
	t := map[string]any{"schedule": a.Schedule}
	if a.ScheduledActionName != "" {
		t["name"] = a.ScheduledActionName
	}
	if a.Timezone != "" {
		t["time_zone"] = a.Timezone
	}
	if !a.StartTime.IsZero() {
		t["start_time"] = a.StartTime
	}
	if !a.EndTime.IsZero() {
		t["end_time"] = a.EndTime
	}
	if a.ScalableTargetAction.MinCapacity != nil {
		t["min_capacity"] = int64(*a.ScalableTargetAction.MinCapacity)
	}
	if a.ScalableTargetAction.MaxCapacity != nil {
		t["max_capacity"] = int64(*a.ScalableTargetAction.MaxCapacity)
	}
	return t
}
