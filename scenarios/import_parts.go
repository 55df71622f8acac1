package scenarios

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/scenarios/importer"
	"github.com/ecsim/ecsim/scenarios/internal/units"
)

// writeProviders writes capacity providers, Auto Scaling groups, container
// instances and the cluster's default strategy.
func (w *writer) writeProviders() {
	asgs := map[string]importer.AutoScalingGroup{}
	used := map[string]bool{}
	var ci *importer.ContainerInstances
	for _, f := range w.files {
		for _, g := range f.AutoScalingGroups {
			asgs[g.Name] = g
		}
		if f.ContainerInstances != nil {
			ci = f.ContainerInstances
		}
	}
	for _, f := range w.files {
		for _, cp := range f.CapacityProviders {
			w.capacityProvider(cp, asgs, used, &ci)
		}
		if c := f.Cluster; c != nil {
			w.clusterProviders(c)
		}
	}
	for _, name := range sortedGroupNames(asgs) {
		if !used[name] {
			p := map[string]any{}
			groupTree(p, asgs[name])
			w.addProvider(name, p)
			w.note("Auto Scaling group %s is imported as a provider without managed scaling", name)
		}
	}
	if ci != nil {
		p := map[string]any{}
		w.instancesTree(p, ci)
		w.addProvider("ec2", p)
	}
}

// capacityProvider writes one imported provider, with its group's shape
// from the imported groups or, failing that, the container instances.
func (w *writer) capacityProvider(cp importer.CapacityProvider, asgs map[string]importer.AutoScalingGroup, used map[string]bool, ci **importer.ContainerInstances) {
	if cp.Kind == models.ProviderFargate || cp.Kind == models.ProviderFargateSpot {
		w.addProvider(cp.Name, map[string]any{})
		return
	}
	p := map[string]any{"managed_termination_protection": cp.ManagedTerminationProtection, "managed_draining": cp.ManagedDraining}
	if ms := cp.ManagedScaling; ms != nil {
		p["managed_scaling"] = managedScalingTree(ms)
	}
	if g, ok := asgs[cp.ASGName]; ok {
		used[g.Name] = true
		groupTree(p, g)
	} else if *ci != nil {
		w.instancesTree(p, *ci)
		*ci = nil
	} else {
		w.note("provider %s: its Auto Scaling group %s was not imported: instance types and sizes are missing (import `aws autoscaling describe-auto-scaling-groups` output)", cp.Name, cp.ASGName)
	}
	w.addProvider(cp.Name, p)
}

// clusterProviders takes the cluster's name, providers and default strategy.
func (w *writer) clusterProviders(c *importer.Cluster) {
	w.cluster = c.Name
	for _, n := range c.CapacityProviders {
		if n == "FARGATE" || n == "FARGATE_SPOT" {
			w.addProvider(n, map[string]any{})
		} else if _, ok := w.providers[n]; !ok {
			w.note("the cluster uses capacity provider %s, which was not imported (import `aws ecs describe-capacity-providers` output)", n)
		}
	}
	for _, it := range c.DefaultStrategy {
		w.defaults = append(w.defaults, strategyTree(it))
	}
}

func sortedGroupNames(m map[string]importer.AutoScalingGroup) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func managedScalingTree(ms *models.ManagedScalingConfig) map[string]any {
	t := map[string]any{}
	if ms.TargetCapacity > 0 {
		t["target_capacity"] = int64(ms.TargetCapacity)
	}
	if ms.MinimumScalingStepSize > 0 {
		t["minimum_scaling_step_size"] = int64(ms.MinimumScalingStepSize)
	}
	if ms.MaximumScalingStepSize > 0 {
		t["maximum_scaling_step_size"] = int64(ms.MaximumScalingStepSize)
	}
	if ms.InstanceWarmupPeriod != nil {
		t["instance_warmup_period"] = units.FormatDuration(*ms.InstanceWarmupPeriod)
	}
	return t
}

func groupTree(p map[string]any, g importer.AutoScalingGroup) {
	p["instance_types"] = g.InstanceTypes
	p["min_size"], p["max_size"], p["desired_size"] = int64(g.MinSize), int64(g.MaxSize), int64(g.DesiredCapacity)
	if g.Mixed != nil {
		p["mixed_instances"] = map[string]any{"on_demand_base": int64(g.Mixed.OnDemandBase),
			"on_demand_percent_above_base": int64(g.Mixed.OnDemandPercentAboveBase)}
	}
	if g.ProtectedAtLaunch {
		p["scale_in_protected_at_launch"] = true
	}
	if g.CapacityRebalance {
		p["capacity_rebalance"] = true
	}
	if wp := g.WarmPool; wp != nil {
		t := map[string]any{"min_size": int64(wp.MinSize), "pool_state": wp.PoolState}
		if m := wp.MaxGroupPreparedCapacity; m != nil {
			t["max_group_prepared_capacity"] = int64(*m)
		}
		p["warm_pool"] = t
	}
}

// instancesTree infers an EC2 group from registered container instances:
// the instance type from the ecs.instance-type attribute, or the catalogue
// type whose registration is closest to what the instances registered.
func (w *writer) instancesTree(p map[string]any, ci *importer.ContainerInstances) {
	types := ci.InstanceTypes
	if len(types) == 0 {
		for _, r := range ci.Registered {
			t := closestType(r)
			if t == "" {
				continue
			}
			w.note("a container instance registering %d CPU units and %d MiB is taken as %s, the catalogue type registering the closest amounts", r.CPU, r.MemoryMiB, t)
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
	}
	n := int64(len(ci.Registered))
	p["instance_types"] = types
	p["min_size"], p["desired_size"], p["max_size"] = int64(0), n, 2*n
	w.note("%d container instance(s): min_size 0, desired_size %d and max_size %d assumed", n, n, 2*n)
}

// closestType returns the catalogue type with the same registered CPU and
// the nearest registered memory.
func closestType(r importer.Registered) string {
	best, bestD := "", math.Inf(1)
	for _, it := range catalog.Default().InstanceTypes() {
		reg, err := it.Register(0)
		if err != nil || int(reg.CPU) != r.CPU {
			continue
		}
		if d := math.Abs(float64(int(reg.Memory) - r.MemoryMiB)); d < bestD {
			best, bestD = it.Name, d
		}
	}
	return best
}

func strategyTree(it models.StrategyItem) map[string]any {
	return map[string]any{"capacity_provider": it.Provider, "base": int64(it.Base), "weight": int64(it.Weight)}
}

// writeTaskDefinitions writes each imported task definition inline.
func (w *writer) writeTaskDefinitions() {
	for _, f := range w.files {
		for _, td := range f.TaskDefinitions {
			d := td.Def
			key := d.Family
			if _, dup := w.defs[key]; dup {
				key = fmt.Sprintf("%s-%d", d.Family, d.Revision)
			}
			w.defs[key] = taskDefTree(d, key)
			w.defRefs = append(w.defRefs, d.Ref())
			if w.family == "" {
				w.family = d.Family
			}
		}
	}
}

func taskDefTree(d models.TaskDef, key string) map[string]any {
	t := map[string]any{}
	if key != d.Family {
		t["family"] = d.Family
	}
	if d.Revision > 1 {
		t["revision"] = int64(d.Revision)
	}
	if d.CPU > 0 {
		t["cpu"] = units.FormatCPU(int64(d.CPU))
	}
	if d.Memory > 0 {
		t["memory"] = units.FormatMemory(int64(d.Memory))
	}
	if d.NetworkMode != "" {
		t["network_mode"] = string(d.NetworkMode)
	}
	if d.OS != "" {
		t["os"] = string(d.OS)
	}
	if d.Arch != "" {
		t["arch"] = string(d.Arch)
	}
	if d.EphemeralStorageGiB > 20 {
		t["ephemeral_storage_gib"] = int64(d.EphemeralStorageGiB)
	}
	if d.StopTimeout > 0 {
		t["stop_timeout"] = units.FormatDuration(d.StopTimeout)
	}
	if h := d.HealthCheck; h != nil {
		t["health_check"] = map[string]any{"interval": units.FormatDuration(h.Interval), "retries": int64(h.Retries),
			"start_period": units.FormatDuration(h.StartPeriod)}
	}
	if len(d.Constraints) > 0 {
		t["placement_constraints"] = constraintsTree(d.Constraints)
	}
	t["containers"] = containersTree(d.Containers)
	return t
}

func containersTree(containers []models.ContainerDef) []map[string]any {
	var cs []map[string]any
	for _, c := range containers {
		ct := map[string]any{"name": c.Name, "cpu": int64(c.CPU), "memory": int64(c.Memory),
			"memory_reservation": int64(c.MemoryReservation), "essential": c.Essential}
		if c.GPUs > 0 {
			ct["gpus"] = int64(c.GPUs)
		}
		var ports []map[string]any
		for _, pm := range c.Ports {
			pt := map[string]any{"container_port": int64(pm.ContainerPort), "host_port": int64(pm.HostPort)}
			if pm.Protocol != "" {
				pt["protocol"] = pm.Protocol
			}
			ports = append(ports, pt)
		}
		if ports != nil {
			ct["port_mappings"] = ports
		}
		cs = append(cs, ct)
	}
	return cs
}

func constraintsTree(cs []models.PlacementConstraint) []map[string]any {
	var out []map[string]any
	for _, c := range cs {
		m := map[string]any{"type": c.Type}
		if c.Expression != "" {
			m["expression"] = c.Expression
		}
		out = append(out, m)
	}
	return out
}

func durationString(d time.Duration) string { return units.FormatDuration(d) }

func cooldownString(d *time.Duration) string {
	if d == nil {
		return units.FormatDuration(autoscale.DefaultCooldown)
	}
	return units.FormatDuration(*d)
}
