package scenarios

import (
	"strings"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
)

// providers builds the capacity providers in file order.
func (c *compiler) providers() {
	table := root.key("providers")
	for _, name := range c.ordered(table) {
		p := c.f.Providers[name]
		path := table.key(name)
		c.checkName(path, name)
		pc, info := c.provider(name, p, path)
		c.provs[name] = info
		c.cfg.Providers = append(c.cfg.Providers, pc)
	}
	c.cfg.DefaultStrategy = c.strategyItems(root.key("default_capacity_provider_strategy"), c.f.DefaultStrategy)
}

func (c *compiler) provider(name string, p *Provider, path keyPath) (models.ProviderConfig, *provInfo) {
	kind := p.Kind
	if kind == "" {
		kind = KindEC2
		if name == KindFargate || name == KindFargateSpot {
			kind = name
		}
	}
	if (name == KindFargate || name == KindFargateSpot) && kind != name {
		c.add(path.key("kind"), "the names FARGATE and FARGATE_SPOT belong to the built-in providers of that kind")
	}
	pc := models.ProviderConfig{Name: name, FargateStartLatency: p.FargateStartLatency.Dist}
	info := &provInfo{path: path}
	switch kind {
	case KindFargate, KindFargateSpot:
		pc.Kind, info.kind = models.ProviderFargate, models.ProviderFargate
		if kind == KindFargateSpot {
			pc.Kind, info.kind = models.ProviderFargateSpot, models.ProviderFargateSpot
		}
		for _, k := range ec2OnlyKeys {
			if c.has(path.key(k)) {
				c.add(path.key(k), "applies to EC2 providers only (this provider is %s)", kind)
			}
		}
		if p.SpotInterruptions != nil && kind == KindFargate {
			c.add(path.key("spot_interruptions"), "FARGATE tasks are On-Demand and never interrupted (use FARGATE_SPOT)")
		}
	default:
		pc.Kind, info.kind = models.ProviderEC2, models.ProviderEC2
		c.ec2Provider(p, path, &pc, info)
	}
	if si := p.SpotInterruptions; si != nil {
		pc.SpotInterruptions = models.SpotInterruptions{RatePerHour: si.RatePerHour, All: si.All, RebalanceLead: si.RebalanceLead.Dist}
		for i, at := range si.At {
			c.checkOffset(path.key("spot_interruptions").key("at").at(i), at)
			pc.SpotInterruptions.At = append(pc.SpotInterruptions.At, at.D())
		}
	}
	return pc, info
}

// ec2Provider checks and fills an Auto Scaling group provider.
func (c *compiler) ec2Provider(p *Provider, path keyPath, pc *models.ProviderConfig, info *provInfo) {
	pc.InstanceTypes = p.InstanceTypes
	pc.MinSize, pc.MaxSize, pc.DesiredSize = p.MinSize, p.MaxSize, p.MinSize
	if p.DesiredSize != nil {
		pc.DesiredSize = *p.DesiredSize
	}
	pc.ManagedTerminationProtection, pc.ManagedDraining = p.ManagedTerminationProtection, p.ManagedDraining
	pc.DaemonOnlyProtectionBug = p.DaemonOnlyProtectionBug
	pc.CapacityRebalance = p.CapacityRebalance
	if p.DaemonOnlyProtectionBug > 0 && !p.ManagedTerminationProtection {
		c.add(path.key("daemon_only_protection_bug"), "the bug is in managed termination protection, which is off")
	}
	pc.ScaleInProtectedAtLaunch = p.ManagedTerminationProtection
	if p.ScaleInProtectedAtLaunch != nil {
		pc.ScaleInProtectedAtLaunch = *p.ScaleInProtectedAtLaunch
	}
	pc.LaunchLatency, pc.RegistrationLatency = p.LaunchLatency.Dist, p.RegistrationLatency.Dist
	pc.ENITrunking, pc.ReservedMemory, pc.SpotDraining = p.ENITrunking, p.ReservedMemory.MiB(), p.SpotDraining
	pc.RootVolumeGiB, pc.Attributes = p.RootVolumeGiB, p.Attributes
	info.trunk = p.ENITrunking
	c.instanceTypes(p, path, info)
	if p.MaxSize < 1 {
		c.add(path.key("max_size"), "an EC2 provider needs max_size of at least 1")
	} else if pc.MinSize > pc.MaxSize || pc.DesiredSize < pc.MinSize || pc.DesiredSize > pc.MaxSize {
		c.add(path.key("desired_size"), "need min_size ≤ desired_size ≤ max_size, got %d ≤ %d ≤ %d", pc.MinSize, pc.DesiredSize, pc.MaxSize)
	}
	spot := p.Purchase == "spot"
	if m := p.MixedInstances; m != nil {
		if c.has(path.key("purchase")) {
			c.add(path.key("purchase"), "give purchase or mixed_instances, not both")
		}
		pc.Mixed = &models.MixedInstances{OnDemandBase: m.OnDemandBase, OnDemandPercentAboveBase: m.OnDemandPercentAboveBase}
		spot = m.OnDemandPercentAboveBase < 100
	} else if spot {
		pc.Purchase = models.Spot
	}
	if p.SpotInterruptions != nil && !spot {
		c.add(path.key("spot_interruptions"), "the provider buys only On-Demand instances, which are never interrupted (set purchase = \"spot\" or mixed_instances)")
	}
	if ms := p.ManagedScaling; ms != nil {
		if ms.MinimumScalingStepSize > ms.MaximumScalingStepSize {
			c.add(path.key("managed_scaling").key("minimum_scaling_step_size"), "%d is above maximum_scaling_step_size %d",
				ms.MinimumScalingStepSize, ms.MaximumScalingStepSize)
		}
		warm := ms.InstanceWarmupPeriod.D()
		pc.ManagedScaling = &models.ManagedScalingConfig{TargetCapacity: ms.TargetCapacity,
			MinimumScalingStepSize: ms.MinimumScalingStepSize, MaximumScalingStepSize: ms.MaximumScalingStepSize,
			InstanceWarmupPeriod: &warm}
		pc.ManagedScaling.Model.HighEvaluationPeriods = ms.HighEvaluationPeriods
		pc.ManagedScaling.Model.LowEvaluationPeriods = ms.LowEvaluationPeriods
		pc.ManagedScaling.Model.PublishDelay = ms.PublishDelay.D()
		pc.ManagedScaling.Model.ScaleInHold = ms.ScaleInHold.D()
		pc.ManagedScaling.Model.ScaleInFraction = ms.ScaleInFraction
		pc.ManagedScaling.Model.InitialScaleOut = ms.InitialScaleOut
	} else if p.ManagedTerminationProtection {
		c.add(path.key("managed_termination_protection"), "needs managed_scaling (ref §5.5)")
	}
	if wp := p.WarmPool; wp != nil {
		if spot || p.MixedInstances != nil {
			c.add(path.key("warm_pool"), "a warm pool cannot serve a group with Spot instances or a mixed instances policy (EC2 Auto Scaling)")
		}
		pc.WarmPool = &models.WarmPoolConfig{MinSize: wp.MinSize, MaxGroupPreparedCapacity: wp.MaxGroupPreparedCapacity,
			PoolState: wp.PoolState, StartLatency: wp.StartLatency.Dist}
	}
	if p.ManagedTerminationProtection && !pc.ScaleInProtectedAtLaunch {
		c.add(path.key("scale_in_protected_at_launch"), "managed termination protection needs instances protected from scale-in at launch (ref §5.5)")
	}
}

// catalogMsg drops the catalogue's package prefix: the key says where.
func catalogMsg(err error) string { return strings.TrimPrefix(err.Error(), "catalog: ") }

// instanceTypes resolves the group's instance types in the catalogue.
func (c *compiler) instanceTypes(p *Provider, path keyPath, info *provInfo) {
	if len(p.InstanceTypes) == 0 {
		c.add(path.key("instance_types"), "an EC2 provider needs at least one instance type, e.g. [\"m6i.large\"]")
	}
	for i, name := range p.InstanceTypes {
		ip := path.key("instance_types").at(i)
		it, err := c.cat.Lookup(name)
		if err != nil {
			c.add(ip, "%s", catalogMsg(err))
			continue
		}
		if _, err := c.cat.Price(name, c.f.Region); err != nil {
			c.add(ip, "%s", catalogMsg(err))
			continue
		}
		reg, err := it.Register(catalog.MiB(p.ReservedMemory))
		if err != nil {
			c.add(path.key("reserved_memory"), "%v", err)
			continue
		}
		info.types = append(info.types, it)
		info.regs = append(info.regs, reg)
	}
}
