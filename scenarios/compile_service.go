package scenarios

import (
	"fmt"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/placement"
)

// services builds the services in file order.
func (c *compiler) services() {
	table := root.key("services")
	for _, name := range c.ordered(table) {
		p := table.key(name)
		c.checkName(p, name)
		c.cfg.Services = append(c.cfg.Services, c.service(name, c.f.Services[name], p, 1))
	}
}

// service checks and builds one service; demandScale multiplies its
// workload (service groups).
func (c *compiler) service(name string, s *Service, p keyPath, demandScale float64) models.ServiceConfig {
	sc := models.ServiceConfig{Name: name, DesiredCount: s.DesiredCount, LaunchType: s.LaunchType,
		HealthCheckGracePeriod: s.HealthCheckGracePeriod.D(), FailureRatePerHour: s.FailureRatePerHour,
		StartFailureProbability: s.StartFailureProbability}
	def, defOK := c.resolveDef(p, s.TaskDefinition, s.TaskDefinitionFile)
	if defOK {
		sc.TaskDef = def.def.Ref()
	}
	sc.Daemon = s.SchedulingStrategy == "DAEMON"
	sc.CapacityProviderStrategy = c.strategyItems(p.key("capacity_provider_strategy"), s.CapacityProviderStrategy)
	targets := c.targets(p, s.LaunchType, sc.CapacityProviderStrategy)
	sc.PlacementStrategy, sc.PlacementConstraints = c.placement(p, s.PlacementStrategy, s.PlacementConstraints, def, targets)
	sc.Deployment = c.deployment(p, s, sc.Daemon)
	if v := s.AvailabilityZoneRebalancing; v != "" {
		on := v == "ENABLED"
		sc.AZRebalancing = &on
		if on && sc.Daemon {
			c.add(p.key("availability_zone_rebalancing"), "DAEMON services are not rebalanced across AZs (ref §1.10)")
		}
	}
	if sc.Daemon {
		c.daemonRules(p, s, targets)
	}
	if lb := s.LoadBalancer; lb != nil {
		sc.LoadBalancer = &models.LoadBalancerConfig{DeregistrationDelay: lb.DeregistrationDelay.D(),
			HealthCheckInterval: lb.HealthCheckInterval.D(), HealthyThreshold: lb.HealthyThreshold}
	}
	if defOK {
		c.placeDef(def, p, targets)
	}
	sc.Workload, sc.Worker = c.serviceWorkload(name, s, p, def, demandScale)
	sc.ProtectWhileBusy = s.Worker != nil && s.Worker.ScaleInProtection
	sc.Scaling = c.scaling(name, s, p)
	for i, d := range s.Deployments {
		dp := p.key("deployments").at(i)
		c.checkOffset(dp.key("at"), d.At)
		if nd, ok := c.resolveDef(dp, d.TaskDefinition, ""); ok {
			c.placeDef(nd, dp, targets)
			sc.Deployments = append(sc.Deployments, models.DeploymentAt{At: d.At.D(), TaskDef: nd.def.Ref()})
		}
	}
	return sc
}

// daemonRules checks what a DAEMON service may not have (ref §1.11).
func (c *compiler) daemonRules(p keyPath, s *Service, targets []string) {
	for _, t := range targets {
		if c.provs[t].kind != models.ProviderEC2 {
			c.add(p.key("scheduling_strategy"), "DAEMON services do not run on Fargate (provider %s)", t)
		}
	}
	if s.Scaling != nil {
		c.add(p.key("scaling"), "a DAEMON service has no desired count to scale")
	}
	if c.has(p.key("desired_count")) {
		c.add(p.key("desired_count"), "a DAEMON service runs one task per instance; desired_count does not apply")
	}
	if s.Deployment.MaximumPercent != nil && *s.Deployment.MaximumPercent != 100 {
		c.add(p.key("deployment").key("maximum_percent"), "must be 100 for a DAEMON service (ref §1.11)")
	}
}

// deployment fills the deployment configuration with the defaults that
// depend on the scheduling strategy.
func (c *compiler) deployment(p keyPath, s *Service, daemon bool) models.DeploymentConfig {
	d := s.Deployment
	minPct, maxPct := 100, 200 // ref §4.2
	if daemon {
		minPct, maxPct = 0, 100 // ref §1.11
	}
	if d.MinimumHealthyPercent != nil {
		minPct = *d.MinimumHealthyPercent
	}
	if d.MaximumPercent != nil {
		maxPct = *d.MaximumPercent
	}
	if minPct == 0 && maxPct == 100 && !daemon && s.DesiredCount > 0 {
		c.warn(p.key("deployment"), "minimum_healthy_percent 0 with maximum_percent 100 stops every task before starting new ones")
	}
	if d.Rollback && !d.CircuitBreaker {
		c.add(p.key("deployment").key("rollback"), "rollback needs circuit_breaker = true")
	}
	return models.DeploymentConfig{MinimumHealthyPercent: minPct, MaximumPercent: maxPct, CircuitBreaker: d.CircuitBreaker,
		Rollback: d.Rollback, CircuitBreakerMinThreshold: d.CircuitBreakerMinThreshold}
}

// strategyItems checks a capacity provider strategy's own rules.
func (c *compiler) strategyItems(p keyPath, items []StrategyItem) []models.StrategyItem {
	var out []models.StrategyItem
	bases, weights := 0, 0
	var fargate, ec2 bool
	for i, it := range items {
		ip := p.at(i)
		info, ok := c.provs[it.CapacityProvider]
		if !ok {
			c.add(ip.key("capacity_provider"), "provider %q is not defined%s", it.CapacityProvider, didYouMean(it.CapacityProvider, c.providerNames()))
		} else if info.kind == models.ProviderEC2 {
			ec2 = true
		} else {
			fargate = true
		}
		if it.Base > 0 {
			bases++
		}
		weights += it.Weight
		out = append(out, models.StrategyItem{Provider: it.CapacityProvider, Base: it.Base, Weight: it.Weight})
	}
	switch {
	case len(items) == 0:
	case bases > 1:
		c.add(p, "only one item may set a base (ref §5.1)")
	case weights == 0:
		c.add(p, "every weight is 0, so no provider can be used (ref §5.1)")
	case fargate && ec2:
		c.add(p, "a strategy cannot mix Fargate and Auto Scaling group providers (ref §2.3)")
	case len(items) > 20:
		c.add(p, "at most 20 providers (ref §5.1)")
	}
	return out
}

func (c *compiler) providerNames() []string {
	return c.ordered(root.key("providers"))
}

// targets resolves where a service's or stream's tasks may run: the
// launch type's provider, the strategy's providers with a weight or base,
// or the cluster default (ref §4.1, §5.1).
func (c *compiler) targets(p keyPath, launchType string, items []models.StrategyItem) []string {
	if launchType != "" && len(items) > 0 {
		c.add(p.key("launch_type"), "launch_type and capacity_provider_strategy are mutually exclusive (ref §4.1)")
		return nil
	}
	if launchType != "" {
		want := models.ProviderEC2
		if launchType == "FARGATE" {
			want = models.ProviderFargate
		}
		for _, n := range c.providerNames() {
			if c.provs[n].kind == want {
				return []string{n}
			}
		}
		c.add(p.key("launch_type"), "%s: the cluster has no %s provider", launchType, launchType)
		return nil
	}
	if len(items) == 0 {
		items = c.cfg.DefaultStrategy
	}
	if len(items) == 0 {
		c.add(p, "no launch_type, no capacity_provider_strategy and no default_capacity_provider_strategy: say where the tasks run")
		return nil
	}
	var out []string
	for _, it := range items {
		if _, ok := c.provs[it.Provider]; ok && (it.Weight > 0 || it.Base > 0) {
			out = append(out, it.Provider)
		}
	}
	return out
}

// placeDef checks a task definition on every provider it may run on.
func (c *compiler) placeDef(d *defInfo, user keyPath, targets []string) {
	for _, t := range targets {
		info := c.provs[t]
		if info.kind == models.ProviderEC2 {
			c.checkFits(d, user, t, info)
		} else {
			c.checkFargateDef(d, user, t)
		}
	}
}

// placement checks placement strategies and constraints with the
// placement engine's own rules, and that they are used on EC2 only.
func (c *compiler) placement(p keyPath, strats []PlacementStrategy, cons []Constraint, def *defInfo, targets []string) ([]models.PlacementStrategy, []models.PlacementConstraint) {
	reg := placement.NewRegistry()
	var ms []models.PlacementStrategy
	var mc []models.PlacementConstraint
	for i, s := range strats {
		if _, err := reg.Strategy(placement.StrategySpec{Type: s.Type, Field: s.Field}); err != nil {
			c.add(p.key("placement_strategy").at(i), "%v", err)
		}
		ms = append(ms, models.PlacementStrategy{Type: s.Type, Field: s.Field})
	}
	if len(strats) > placement.MaxStrategies {
		c.add(p.key("placement_strategy"), "%d strategies: ECS allows at most %d", len(strats), placement.MaxStrategies)
	}
	for i, k := range cons {
		c.checkConstraint(p.key("placement_constraints").at(i), k)
		mc = append(mc, models.PlacementConstraint{Type: k.Type, Expression: k.Expression})
	}
	if def != nil && len(cons)+len(def.def.Constraints) > placement.MaxConstraints {
		c.add(p.key("placement_constraints"), "%d constraints with the task definition's: ECS allows at most %d", len(cons)+len(def.def.Constraints), placement.MaxConstraints)
	}
	if len(strats)+len(cons) > 0 {
		for _, t := range targets {
			if c.provs[t].kind != models.ProviderEC2 {
				c.add(p.key("placement_strategy"), "placement strategies and constraints apply to EC2 only, not to %s", t)
				break
			}
		}
	}
	return ms, mc
}

// serviceGroups expands each group into count services, checking the
// group's template once.
func (c *compiler) serviceGroups() {
	table := root.key("service_groups")
	for _, g := range c.ordered(table) {
		grp := c.f.ServiceGroups[g]
		p := table.key(g)
		c.checkName(p, g)
		width := len(fmt.Sprint(grp.Count))
		if width < 4 {
			width = 4
		}
		if grp.DemandScale != nil && grp.Workload == nil && grp.Worker == nil {
			c.add(p.key("demand_scale"), "needs a workload or worker to scale")
		}
		for i, k := range grp.DemandScale {
			if k < 0 {
				c.add(p.key("demand_scale").at(i), "%v is negative", k)
			}
		}
		n := len(c.probs)
		for i := 0; i < grp.Count; i++ {
			name := fmt.Sprintf("%s-%0*d", g, width, i+1)
			if c.f.Services[name] != nil {
				c.add(p, "member %s has the name of a service in [services]", name)
			}
			scale := 1.0
			if len(grp.DemandScale) > 0 {
				scale = grp.DemandScale[i%len(grp.DemandScale)]
			}
			c.cfg.Services = append(c.cfg.Services, c.service(name, &grp.Service, p, scale))
			if len(c.probs) > n {
				return // the template is wrong; one member says how
			}
		}
	}
}
