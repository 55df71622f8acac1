package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/autoscale"
)

// ScalingPolicy is an imported Application Auto Scaling policy of an ECS
// service. Exactly one of TargetTracking and Step is set. A step policy's
// alarm is a separate CloudWatch alarm: AlarmNames names it, and
// describe-alarms output (Alarm) supplies it.
type ScalingPolicy struct {
	Name string
	// Service and Cluster come from the ResourceId; both are empty for a
	// bare policy configuration.
	Service, Cluster string
	TargetTracking   *autoscale.TargetTrackingConfig
	Step             *autoscale.StepScalingConfig
	AlarmNames       []string
}

// ScheduledAction is an imported scheduled action of an ECS service.
type ScheduledAction struct {
	Service, Cluster string
	Action           autoscale.ScheduledActionConfig
}

var policyFields = []string{"PolicyName", "ServiceNamespace", "ResourceId", "ScalableDimension", "PolicyType",
	"TargetTrackingScalingPolicyConfiguration", "StepScalingPolicyConfiguration", "PredictiveScalingPolicyConfiguration",
	"PolicyARN", "Alarms", "CreationTime"}

func scalingPolicies(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	var objs []*obj
	switch {
	case top.has("ScalingPolicies"):
		objs = top.objects("ScalingPolicies")
		top.skip("not modelled", "NextToken")
		top.finish("ScalingPolicies", "NextToken")
	case top.has("TargetValue"):
		tt := targetTracking(top)
		f.ScalingPolicies = append(f.ScalingPolicies, ScalingPolicy{TargetTracking: tt})
		r.warn("", "a bare target tracking configuration: it names no service")
		return
	case top.has("StepAdjustments"):
		sp := stepConfig(top)
		f.ScalingPolicies = append(f.ScalingPolicies, ScalingPolicy{Step: sp})
		r.warn("", "a bare step scaling configuration: it names no service and no alarm")
		return
	default:
		objs = []*obj{top}
	}
	for _, o := range objs {
		if p, ok := scalingPolicy(o); ok {
			f.ScalingPolicies = append(f.ScalingPolicies, p)
		}
	}
	if len(f.ScalingPolicies) == 0 {
		r.refuse("", "no scaling policy of an ECS service in the file")
	}
}

func scalingPolicy(o *obj) (ScalingPolicy, bool) {
	p := ScalingPolicy{}
	p.Name, _ = o.str("PolicyName")
	ns, _ := o.str("ServiceNamespace")
	dim, _ := o.str("ScalableDimension")
	rid, _ := o.str("ResourceId")
	o.skip("read-only state of a describe output, not imported", "PolicyARN", "CreationTime")
	defer o.finish(policyFields...)
	if (ns != "" && ns != "ecs") || (dim != "" && dim != "ecs:service:DesiredCount") {
		o.r.warn(o.path, fmt.Sprintf("policy %q scales %s %s, not an ECS service's desired count: skipped", p.Name, ns, dim))
		return p, false
	}
	p.Cluster, p.Service = serviceResource(rid)
	typ, _ := o.str("PolicyType")
	for _, a := range o.objects("Alarms") {
		if n, ok := a.str("AlarmName"); ok {
			p.AlarmNames = append(p.AlarmNames, n)
		}
		a.skip("read-only state of a describe output, not imported", "AlarmARN")
		a.finish("AlarmName", "AlarmARN")
	}
	if c, ok := o.object("TargetTrackingScalingPolicyConfiguration"); ok {
		p.TargetTracking = targetTracking(c)
		p.TargetTracking.PolicyName = p.Name
		p.AlarmNames = nil // the alarms AWS created for the policy; ecsim creates its own
	}
	if c, ok := o.object("StepScalingPolicyConfiguration"); ok {
		p.Step = stepConfig(c)
		p.Step.PolicyName = p.Name
	}
	if _, ok := o.get("PredictiveScalingPolicyConfiguration"); ok || typ == "PredictiveScaling" {
		o.r.warn(o.path, fmt.Sprintf("policy %q: predictive scaling is not modelled: skipped", p.Name))
		return p, false
	}
	if (p.TargetTracking == nil) == (p.Step == nil) {
		o.r.refuse(o.path, "a policy needs exactly one of TargetTrackingScalingPolicyConfiguration and StepScalingPolicyConfiguration")
		return p, false
	}
	return p, true
}

// serviceResource splits "service/<cluster>/<service>".
func serviceResource(rid string) (cluster, service string) {
	parts := strings.Split(rid, "/")
	if len(parts) == 3 && parts[0] == "service" {
		return parts[1], parts[2]
	}
	return "", ""
}

func seconds(o *obj, k string) *time.Duration {
	v, ok := o.integer(k)
	if !ok {
		return nil
	}
	if v < 0 {
		o.r.refuse(o.field(k), "must not be negative")
	}
	d := time.Duration(v) * time.Second
	return &d
}

func targetTracking(c *obj) *autoscale.TargetTrackingConfig {
	tt := &autoscale.TargetTrackingConfig{}
	tt.TargetValue, _ = c.num("TargetValue")
	if tt.TargetValue <= 0 {
		c.r.refuse(c.field("TargetValue"), "TargetValue must be positive")
	}
	if pm, ok := c.object("PredefinedMetricSpecification"); ok {
		typ, _ := pm.str("PredefinedMetricType")
		switch typ {
		case autoscale.ECSServiceAverageCPUUtilization, autoscale.ECSServiceAverageMemoryUtilization, autoscale.ALBRequestCountPerTarget:
		default:
			pm.r.refuse(pm.field("PredefinedMetricType"), fmt.Sprintf("%q is not a predefined metric of ECS services", typ))
		}
		label, _ := pm.str("ResourceLabel")
		tt.PredefinedMetricSpecification = &autoscale.PredefinedMetricSpecification{PredefinedMetricType: typ, ResourceLabel: label}
		pm.finish("PredefinedMetricType", "ResourceLabel")
	}
	if cm, ok := c.object("CustomizedMetricSpecification"); ok {
		tt.CustomizedMetricSpecification = customMetric(cm)
	}
	if (tt.PredefinedMetricSpecification == nil) == (tt.CustomizedMetricSpecification == nil) {
		c.r.refuse(c.path, "give exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification")
	}
	tt.ScaleOutCooldown = seconds(c, "ScaleOutCooldown")
	tt.ScaleInCooldown = seconds(c, "ScaleInCooldown")
	tt.DisableScaleIn, _ = c.boolean("DisableScaleIn")
	c.finish("TargetValue", "PredefinedMetricSpecification", "CustomizedMetricSpecification", "ScaleOutCooldown",
		"ScaleInCooldown", "DisableScaleIn")
	return tt
}

func customMetric(cm *obj) *autoscale.CustomizedMetricSpecification {
	s := &autoscale.CustomizedMetricSpecification{}
	s.MetricName, _ = cm.str("MetricName")
	s.Namespace, _ = cm.str("Namespace")
	s.Unit, _ = cm.str("Unit")
	s.Statistic = autoscale.Average
	if st, ok := cm.str("Statistic"); ok {
		var err error
		if s.Statistic, err = autoscale.ParseStatistic(st); err != nil {
			cm.r.refuse(cm.field("Statistic"), err.Error())
		}
	}
	for _, d := range cm.objects("Dimensions") {
		md := autoscale.MetricDimension{}
		md.Name, _ = d.str("Name")
		md.Value, _ = d.str("Value")
		s.Dimensions = append(s.Dimensions, md)
		d.finish("Name", "Value")
	}
	if s.MetricName == "" {
		cm.r.refuse(cm.field("MetricName"), "MetricName is empty")
	}
	if cm.has("Metrics") {
		cm.skip("metric math is not modelled", "Metrics")
		cm.r.refuse(cm.field("Metrics"), "metric math target tracking is not supported: give a single MetricName")
	}
	cm.finish("MetricName", "Namespace", "Unit", "Statistic", "Dimensions", "Metrics")
	return s
}

func stepConfig(c *obj) *autoscale.StepScalingConfig {
	sp := &autoscale.StepScalingConfig{}
	if at, ok := c.str("AdjustmentType"); ok {
		var err error
		if sp.AdjustmentType, err = autoscale.ParseAdjustmentType(at); err != nil {
			c.r.refuse(c.field("AdjustmentType"), err.Error())
		}
	} else {
		c.r.refuse(c.field("AdjustmentType"), "AdjustmentType is required")
	}
	for _, a := range c.objects("StepAdjustments") {
		sa := autoscale.StepAdjustment{}
		if v, ok := a.num("MetricIntervalLowerBound"); ok {
			sa.MetricIntervalLowerBound = autoscale.Bound(v)
		}
		if v, ok := a.num("MetricIntervalUpperBound"); ok {
			sa.MetricIntervalUpperBound = autoscale.Bound(v)
		}
		sa.ScalingAdjustment, _ = a.integer("ScalingAdjustment")
		sp.StepAdjustments = append(sp.StepAdjustments, sa)
		a.finish("MetricIntervalLowerBound", "MetricIntervalUpperBound", "ScalingAdjustment")
	}
	if len(sp.StepAdjustments) == 0 {
		c.r.refuse(c.field("StepAdjustments"), "a step policy needs at least one step adjustment")
	}
	sp.MinAdjustmentMagnitude, _ = c.integer("MinAdjustmentMagnitude")
	sp.Cooldown = seconds(c, "Cooldown")
	if agg, ok := c.str("MetricAggregationType"); ok {
		var err error
		if sp.MetricAggregationType, err = autoscale.ParseStatistic(agg); err != nil {
			c.r.refuse(c.field("MetricAggregationType"), err.Error())
		}
	}
	c.finish("AdjustmentType", "StepAdjustments", "MinAdjustmentMagnitude", "Cooldown", "MetricAggregationType")
	return sp
}

func scheduledActions(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	list := top.objects("ScheduledActions")
	top.skip("not modelled", "NextToken")
	top.finish("ScheduledActions", "NextToken")
	var skipped []Issue
	for _, o := range list {
		a, why := scheduledAction(o)
		if why != "" {
			skipped = append(skipped, Issue{Field: o.path, Msg: why})
			continue
		}
		f.ScheduledActions = append(f.ScheduledActions, a)
	}
	switch {
	case len(list) == 0:
		r.refuse("ScheduledActions", "the list holds no scheduled action")
	case len(f.ScheduledActions) == 0:
		r.issues = append(r.issues, skipped...)
	default:
		for _, s := range skipped {
			r.warn(s.Field, s.Msg+": skipped")
		}
	}
}

// scheduledAction reads one action, or says why it is not an ECS one.
func scheduledAction(o *obj) (ScheduledAction, string) {
	sa := ScheduledAction{}
	a := &sa.Action
	a.ScheduledActionName, _ = o.str("ScheduledActionName")
	ns, _ := o.str("ServiceNamespace")
	dim, _ := o.str("ScalableDimension")
	rid, _ := o.str("ResourceId")
	a.Schedule, _ = o.str("Schedule")
	a.Timezone, _ = o.str("Timezone")
	a.StartTime, _ = o.timestamp("StartTime")
	a.EndTime, _ = o.timestamp("EndTime")
	if t, ok := o.object("ScalableTargetAction"); ok {
		if v, ok := t.integer("MinCapacity"); ok {
			a.ScalableTargetAction.MinCapacity = autoscale.Capacity(v)
		}
		if v, ok := t.integer("MaxCapacity"); ok {
			a.ScalableTargetAction.MaxCapacity = autoscale.Capacity(v)
		}
		t.finish("MinCapacity", "MaxCapacity")
	}
	o.skip("read-only state of a describe output, not imported", "ScheduledActionARN", "CreationTime")
	o.finish("ScheduledActionName", "ServiceNamespace", "ScalableDimension", "ResourceId", "Schedule", "Timezone",
		"StartTime", "EndTime", "ScalableTargetAction", "ScheduledActionARN", "CreationTime")
	if ns != "ecs" || dim != "ecs:service:DesiredCount" {
		return sa, fmt.Sprintf("action %q scales %s %s, not an ECS service's desired count (ecs:service:DesiredCount)", a.ScheduledActionName, ns, dim)
	}
	sa.Cluster, sa.Service = serviceResource(rid)
	if a.Schedule == "" {
		o.r.refuse(o.field("Schedule"), "Schedule is empty")
	}
	return sa, ""
}
