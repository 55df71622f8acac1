package importer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
)

// CapacityProvider is an imported capacity provider. An Auto Scaling group
// provider names its group; the group's instance types and sizes come from
// describe-auto-scaling-groups output (AutoScalingGroup).
type CapacityProvider struct {
	Name string
	Kind models.ProviderKind
	// ASGName is the Auto Scaling group an EC2 provider scales.
	ASGName                      string
	ManagedScaling               *models.ManagedScalingConfig
	ManagedTerminationProtection bool
	ManagedDraining              bool
}

// Cluster is the capacity setup of a cluster (put-cluster-capacity-providers
// or describe-clusters output).
type Cluster struct {
	Name              string
	CapacityProviders []string
	DefaultStrategy   []models.StrategyItem
}

// AutoScalingGroup is an imported EC2 Auto Scaling group.
type AutoScalingGroup struct {
	Name                              string
	MinSize, MaxSize, DesiredCapacity int
	// InstanceTypes from a mixed instances policy's overrides, else from
	// the running instances (most common first).
	InstanceTypes     []string
	Mixed             *models.MixedInstances
	Spot              bool // every instance is Spot (OnDemandPercentAboveBase 0, base 0)
	ProtectedAtLaunch bool
	AZs               []string
	// WarmPool is the group's WarmPoolConfiguration, when it has one.
	WarmPool *models.WarmPoolConfig
	// CapacityRebalance is the group's Capacity Rebalancing setting.
	CapacityRebalance bool
}

// ContainerInstances is a describe-container-instances listing: what the
// registered instances offer, to infer their instance types.
type ContainerInstances struct {
	InstanceTypes []string // from the ecs.instance-type attribute, when present
	// Registered holds each instance's registered CPU units and MiB.
	Registered []Registered
}

// Registered is what one container instance registered with ECS.
type Registered struct {
	CPU, MemoryMiB int
}

func capacityProviders(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	var objs []*obj
	switch {
	case top.has("capacityProviders"):
		objs = top.objects("capacityProviders")
		top.skip("not modelled", "failures", "nextToken")
		top.finish("capacityProviders", "failures", "nextToken")
	case top.has("capacityProvider"):
		o, _ := top.object("capacityProvider")
		objs = []*obj{o}
		top.finish("capacityProvider")
	default:
		objs = []*obj{top}
	}
	for _, o := range objs {
		if o != nil {
			f.CapacityProviders = append(f.CapacityProviders, capacityProvider(o))
		}
	}
	if len(objs) == 0 {
		r.refuse("capacityProviders", "the list holds no capacity provider")
	}
}

func capacityProvider(o *obj) CapacityProvider {
	cp := CapacityProvider{ManagedDraining: true} // ref §5.5: ENABLED at creation
	cp.Name, _ = o.str("name")
	switch cp.Name {
	case "FARGATE":
		cp.Kind = models.ProviderFargate
	case "FARGATE_SPOT":
		cp.Kind = models.ProviderFargateSpot
	case "":
		o.r.refuse(o.field("name"), "name is empty")
	}
	if asg, ok := o.object("autoScalingGroupProvider"); ok {
		readASGProvider(asg, &cp)
	} else if cp.Kind == models.ProviderEC2 && cp.Name != "" {
		o.r.refuse(o.path, fmt.Sprintf("%s is neither FARGATE, FARGATE_SPOT nor an Auto Scaling group provider", cp.Name))
	}
	o.skip("not modelled", "tags", "managedInstancesProvider", "cluster", "type")
	o.skip("read-only state of a describe output, not imported", "capacityProviderArn", "status", "updateStatus", "updateStatusReason")
	o.finish("name", "autoScalingGroupProvider", "tags", "managedInstancesProvider", "cluster", "type",
		"capacityProviderArn", "status", "updateStatus", "updateStatusReason")
	return cp
}

func readASGProvider(asg *obj, cp *CapacityProvider) {
	arn, _ := asg.str("autoScalingGroupArn")
	cp.ASGName = arn
	if i := strings.LastIndex(arn, "autoScalingGroupName/"); i >= 0 {
		cp.ASGName = arn[i+len("autoScalingGroupName/"):]
	}
	if cp.ASGName == "" {
		asg.r.refuse(asg.field("autoScalingGroupArn"), "an Auto Scaling group provider needs its group")
	}
	if ms, ok := asg.object("managedScaling"); ok {
		cp.ManagedScaling = readManagedScaling(ms)
	}
	if v, ok := asg.str("managedTerminationProtection"); ok {
		cp.ManagedTerminationProtection = v == "ENABLED"
	}
	if v, ok := asg.str("managedDraining"); ok {
		cp.ManagedDraining = v != "DISABLED"
	}
	asg.finish("autoScalingGroupArn", "managedScaling", "managedTerminationProtection", "managedDraining")
}

func readManagedScaling(ms *obj) *models.ManagedScalingConfig {
	status, _ := ms.str("status")
	c := &models.ManagedScalingConfig{}
	c.TargetCapacity, _ = ms.integer("targetCapacity")
	c.MinimumScalingStepSize, _ = ms.integer("minimumScalingStepSize")
	c.MaximumScalingStepSize, _ = ms.integer("maximumScalingStepSize")
	if w, ok := ms.integer("instanceWarmupPeriod"); ok {
		d := time.Duration(w) * time.Second
		c.InstanceWarmupPeriod = &d
	}
	ms.finish("status", "targetCapacity", "minimumScalingStepSize", "maximumScalingStepSize", "instanceWarmupPeriod")
	if status == "DISABLED" {
		ms.r.warn(ms.path, "managed scaling is DISABLED: the group keeps its desired capacity")
		return nil
	}
	return c
}

func cluster(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	o, ok := top.object("cluster")
	top.finish("cluster")
	if !ok {
		return
	}
	c := &Cluster{}
	c.Name, _ = o.str("clusterName")
	c.CapacityProviders = o.strings("capacityProviders")
	c.DefaultStrategy = readStrategy(o, "defaultCapacityProviderStrategy")
	if len(c.CapacityProviders) == 0 {
		r.warn(o.field("capacityProviders"), "the cluster has no capacity providers")
	}
	o.skip("not modelled", "settings", "configuration", "tags", "serviceConnectDefaults")
	o.skip("read-only state of a describe output, not imported", "clusterArn", "status", "registeredContainerInstancesCount",
		"runningTasksCount", "pendingTasksCount", "activeServicesCount", "statistics", "attachments", "attachmentsStatus")
	o.finish("clusterName", "capacityProviders", "defaultCapacityProviderStrategy", "settings", "configuration", "tags",
		"serviceConnectDefaults", "clusterArn", "status", "registeredContainerInstancesCount", "runningTasksCount",
		"pendingTasksCount", "activeServicesCount", "statistics", "attachments", "attachmentsStatus")
	f.Cluster = c
}

func autoScalingGroups(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	groups := top.objects("AutoScalingGroups")
	top.skip("not modelled", "NextToken")
	top.finish("AutoScalingGroups", "NextToken")
	if len(groups) == 0 {
		r.refuse("AutoScalingGroups", "the list holds no Auto Scaling group")
	}
	for _, g := range groups {
		f.AutoScalingGroups = append(f.AutoScalingGroups, autoScalingGroup(g))
	}
}

var asgNotModelled = []string{"AutoScalingGroupARN", "LaunchTemplate", "LaunchConfigurationName", "DefaultCooldown",
	"LoadBalancerNames", "TargetGroupARNs", "HealthCheckType", "HealthCheckGracePeriod", "CreatedTime",
	"SuspendedProcesses", "VPCZoneIdentifier", "EnabledMetrics", "Tags", "TerminationPolicies",
	"ServiceLinkedRoleARN", "TrafficSources", "Status", "WarmPoolSize",
	"PredictedCapacity", "Context", "DesiredCapacityType", "DefaultInstanceWarmup", "MaxInstanceLifetime",
	"PlacementGroup", "AvailabilityZoneDistribution", "AvailabilityZoneImpairmentPolicy", "CapacityReservationSpecification",
	"InstanceMaintenancePolicy"}

func autoScalingGroup(g *obj) AutoScalingGroup {
	a := AutoScalingGroup{}
	a.Name, _ = g.str("AutoScalingGroupName")
	a.MinSize, _ = g.integer("MinSize")
	a.MaxSize, _ = g.integer("MaxSize")
	a.DesiredCapacity, _ = g.integer("DesiredCapacity")
	if a.MinSize < 0 || a.MaxSize < a.MinSize || a.DesiredCapacity < a.MinSize || a.DesiredCapacity > a.MaxSize {
		g.r.refuse(g.path, fmt.Sprintf("need 0 ≤ MinSize ≤ DesiredCapacity ≤ MaxSize, got %d, %d, %d", a.MinSize, a.DesiredCapacity, a.MaxSize))
	}
	a.AZs = g.strings("AvailabilityZones")
	a.ProtectedAtLaunch, _ = g.boolean("NewInstancesProtectedFromScaleIn")
	if mip, ok := g.object("MixedInstancesPolicy"); ok {
		readMixedPolicy(mip, &a)
	}
	if wp, ok := g.object("WarmPoolConfiguration"); ok {
		a.WarmPool = readWarmPool(wp)
	}
	a.CapacityRebalance, _ = g.boolean("CapacityRebalance")
	counts := map[string]int{}
	for _, in := range g.objects("Instances") {
		if t, ok := in.str("InstanceType"); ok {
			counts[t]++
		}
		in.skip("not modelled (instance state is recreated by the simulation)", "InstanceId", "AvailabilityZone",
			"HealthStatus", "LifecycleState", "ProtectedFromScaleIn", "LaunchTemplate", "LaunchConfigurationName", "WeightedCapacity")
		in.finish("InstanceType", "InstanceId", "AvailabilityZone", "HealthStatus", "LifecycleState", "ProtectedFromScaleIn",
			"LaunchTemplate", "LaunchConfigurationName", "WeightedCapacity")
	}
	if len(a.InstanceTypes) == 0 {
		a.InstanceTypes = byCount(counts)
	}
	if len(a.InstanceTypes) == 0 {
		g.r.warn(g.path, "no instance type found (neither MixedInstancesPolicy overrides nor running instances): the launch template holds it")
	}
	g.skip("not modelled", asgNotModelled...)
	g.finish(append([]string{"AutoScalingGroupName", "MinSize", "MaxSize", "DesiredCapacity", "AvailabilityZones",
		"NewInstancesProtectedFromScaleIn", "MixedInstancesPolicy", "Instances", "WarmPoolConfiguration", "CapacityRebalance"}, asgNotModelled...)...)
	return a
}

// byCount orders instance types by how many instances have them, then name.
func byCount(counts map[string]int) []string {
	out := make([]string, 0, len(counts))
	for t := range counts {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return out
}

// readWarmPool reads a WarmPoolConfiguration. MaxGroupPreparedCapacity −1
// means unset (the group's MaxSize).
func readWarmPool(wp *obj) *models.WarmPoolConfig {
	c := &models.WarmPoolConfig{PoolState: "Stopped"}
	c.MinSize, _ = wp.integer("MinSize")
	if m, ok := wp.integer("MaxGroupPreparedCapacity"); ok && m >= 0 {
		c.MaxGroupPreparedCapacity = &m
	}
	switch st, _ := wp.str("PoolState"); st {
	case "", "Stopped":
	case "Running":
		c.PoolState = "Running"
	case "Hibernated":
		wp.r.warn(wp.field("PoolState"), "Hibernated is not modelled: imported as Stopped (volumes billed, no instance charge)")
	default:
		wp.r.refuse(wp.field("PoolState"), fmt.Sprintf("%q: expected Stopped, Running or Hibernated", st))
	}
	if rp, ok := wp.object("InstanceReusePolicy"); ok {
		if reuse, _ := rp.boolean("ReuseOnScaleIn"); reuse {
			rp.r.warn(rp.field("ReuseOnScaleIn"), "ECS does not allow ReuseOnScaleIn: scaled-in instances are terminated")
		}
		rp.finish("ReuseOnScaleIn")
	}
	wp.skip("read-only state of a describe output, not imported", "Status")
	wp.finish("MinSize", "MaxGroupPreparedCapacity", "PoolState", "InstanceReusePolicy", "Status")
	return c
}

func readMixedPolicy(mip *obj, a *AutoScalingGroup) {
	if lt, ok := mip.object("LaunchTemplate"); ok {
		for _, ov := range lt.objects("Overrides") {
			if t, ok := ov.str("InstanceType"); ok {
				a.InstanceTypes = append(a.InstanceTypes, t)
			}
			ov.skip("not modelled", "WeightedCapacity", "LaunchTemplateSpecification", "InstanceRequirements")
			ov.finish("InstanceType", "WeightedCapacity", "LaunchTemplateSpecification", "InstanceRequirements")
		}
		lt.skip("not modelled", "LaunchTemplateSpecification")
		lt.finish("Overrides", "LaunchTemplateSpecification")
	}
	if dist, ok := mip.object("InstancesDistribution"); ok {
		m := &models.MixedInstances{OnDemandPercentAboveBase: 100}
		m.OnDemandBase, _ = dist.integer("OnDemandBaseCapacity")
		if p, ok := dist.integer("OnDemandPercentageAboveBaseCapacity"); ok {
			m.OnDemandPercentAboveBase = p
		}
		a.Mixed = m
		a.Spot = m.OnDemandBase == 0 && m.OnDemandPercentAboveBase == 0
		dist.skip("not modelled (Spot prices come from the catalogue)", "OnDemandAllocationStrategy", "SpotAllocationStrategy",
			"SpotInstancePools", "SpotMaxPrice")
		dist.finish("OnDemandBaseCapacity", "OnDemandPercentageAboveBaseCapacity", "OnDemandAllocationStrategy",
			"SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice")
	}
	mip.finish("LaunchTemplate", "InstancesDistribution")
}

func containerInstances(r *report, m map[string]any, f *File) {
	top := newObj(r, m, "")
	list := top.objects("containerInstances")
	top.skip("not modelled", "failures", "nextToken")
	top.finish("containerInstances", "failures", "nextToken")
	if len(list) == 0 {
		r.refuse("containerInstances", "the list holds no container instance")
		return
	}
	ci := &ContainerInstances{}
	for _, in := range list {
		reg := Registered{}
		for _, res := range in.objects("registeredResources") {
			name, _ := res.str("name")
			v, _ := res.integer("integerValue")
			switch name {
			case "CPU":
				reg.CPU = v
			case "MEMORY":
				reg.MemoryMiB = v
			}
			res.skip("not modelled", "longValue", "doubleValue", "stringSetValue", "type")
			res.finish("name", "integerValue", "longValue", "doubleValue", "stringSetValue", "type")
		}
		for _, at := range in.objects("attributes") {
			if n, _ := at.str("name"); n == "ecs.instance-type" {
				v, _ := at.str("value")
				ci.InstanceTypes = append(ci.InstanceTypes, v)
			}
			at.skip("not modelled", "value", "targetType", "targetId")
			at.finish("name", "value", "targetType", "targetId")
		}
		ci.Registered = append(ci.Registered, reg)
		in.skip("read-only state of a describe output, not imported", "status", "ec2InstanceId", "agentConnected",
			"containerInstanceArn", "pendingTasksCount", "remainingResources", "runningTasksCount", "versionInfo",
			"agentUpdateStatus", "registeredAt", "statusReason", "capacityProviderName", "tags", "attachments", "healthStatus", "version")
		in.finish("registeredResources", "attributes", "status", "ec2InstanceId", "agentConnected", "containerInstanceArn",
			"pendingTasksCount", "remainingResources", "runningTasksCount", "versionInfo", "agentUpdateStatus", "registeredAt",
			"statusReason", "capacityProviderName", "tags", "attachments", "healthStatus", "version")
	}
	slices.Sort(ci.InstanceTypes)
	ci.InstanceTypes = slices.Compact(ci.InstanceTypes)
	r.warn("containerInstances", fmt.Sprintf("%d registered instance(s) imported as one EC2 group; tasks on them are not imported", len(list)))
	f.ContainerInstances = ci
}
