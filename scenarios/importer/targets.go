package importer

import (
	"fmt"

	"github.com/ecsim/ecsim/autoscale"
)

// ScalableTarget is an imported Application Auto Scaling scalable target of
// an ECS service (describe-scalable-targets output, register-scalable-target
// input): the bounds its policies scale within.
type ScalableTarget struct {
	Service, Cluster         string
	MinCapacity, MaxCapacity int
	Suspended                autoscale.SuspendedState
}

func scalableTargets(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	objs := []*obj{top}
	if top.has("ScalableTargets") {
		objs = top.objects("ScalableTargets")
		top.skip("not modelled", "NextToken")
		top.finish("ScalableTargets", "NextToken")
	}
	for _, o := range objs {
		if t, ok := scalableTarget(o); ok {
			f.ScalableTargets = append(f.ScalableTargets, t)
		}
	}
	if len(f.ScalableTargets) == 0 {
		r.refuse("", "no scalable target of an ECS service's desired count in the file")
	}
}

func scalableTarget(o *obj) (ScalableTarget, bool) {
	t := ScalableTarget{}
	ns, _ := o.str("ServiceNamespace")
	dim, _ := o.str("ScalableDimension")
	rid, _ := o.str("ResourceId")
	t.MinCapacity, _ = o.integer("MinCapacity")
	t.MaxCapacity, _ = o.integer("MaxCapacity")
	if s, ok := o.object("SuspendedState"); ok {
		t.Suspended.DynamicScalingInSuspended, _ = s.boolean("DynamicScalingInSuspended")
		t.Suspended.DynamicScalingOutSuspended, _ = s.boolean("DynamicScalingOutSuspended")
		t.Suspended.ScheduledScalingSuspended, _ = s.boolean("ScheduledScalingSuspended")
		s.finish("DynamicScalingInSuspended", "DynamicScalingOutSuspended", "ScheduledScalingSuspended")
	}
	o.skip("not modelled", "RoleARN", "Tags", "PredictedCapacity")
	o.skip("read-only state of a describe output, not imported", "CreationTime", "ScalableTargetARN")
	o.finish("ServiceNamespace", "ScalableDimension", "ResourceId", "MinCapacity", "MaxCapacity", "SuspendedState",
		"RoleARN", "Tags", "PredictedCapacity", "CreationTime", "ScalableTargetARN")
	if ns != "ecs" || dim != "ecs:service:DesiredCount" {
		o.r.warn(o.path, fmt.Sprintf("target %s scales %s %s, not an ECS service's desired count: skipped", rid, ns, dim))
		return t, false
	}
	t.Cluster, t.Service = serviceResource(rid)
	if t.MinCapacity < 0 || t.MaxCapacity < t.MinCapacity {
		o.r.refuse(o.path, fmt.Sprintf("need 0 ≤ MinCapacity ≤ MaxCapacity, got %d and %d", t.MinCapacity, t.MaxCapacity))
	}
	return t, true
}
