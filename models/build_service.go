package models

import (
	"errors"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/placement"
)

// buildService checks and builds services[i].
func (w *World) buildService(i int) error {
	w.cfg.Services[i] = w.cfg.Services[i].withDefaults()
	c := &w.cfg.Services[i]
	where := fmt.Sprintf("services[%d] (%s)", i, c.Name)
	if c.Name == "" {
		return fmt.Errorf("services[%d]: name is empty", i)
	}
	for _, o := range w.services {
		if o.cfg.Name == c.Name {
			return fmt.Errorf("%s: name is used twice", where)
		}
	}
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(where+": "+format, args...)) }
	s := &service{idx: int32(len(w.services)), cfg: c, group: "service:" + c.Name, desired: c.DesiredCount,
		minPct: c.Deployment.MinimumHealthyPercent, maxPct: c.Deployment.MaximumPercent}
	def, err := w.lookupDef(c.TaskDef)
	if err != nil {
		return fmt.Errorf("%s: task_def: %w", where, err)
	}
	s.def = int32(def)
	s.tally = newTaskTally(len(w.providers))
	s.revDefs = []int32{s.def}
	if s.items, err = w.strategyItems(c.LaunchType, c.CapacityProviderStrategy, true); err != nil {
		add("%w", err)
	}
	if c.Daemon {
		if c.Deployment.MaximumPercent != 100 {
			add("deployment.maximum_percent must be 100 for a DAEMON service (ref §1.11)")
		}
		for _, it := range s.items {
			if w.providers[it.prov].kind.IsFargate() {
				add("DAEMON services do not run on Fargate (ref §1.11)")
			}
		}
	} else {
		if c.DesiredCount < 0 {
			add("desired_count: %d is negative", c.DesiredCount)
		}
		if c.Deployment.MinimumHealthyPercent < 0 || c.Deployment.MinimumHealthyPercent > 100 || c.Deployment.MaximumPercent < 100 {
			add("deployment: need 0 ≤ minimum_healthy_percent ≤ 100 ≤ maximum_percent, got %d and %d",
				c.Deployment.MinimumHealthyPercent, c.Deployment.MaximumPercent)
		}
	}
	s.rebal = rebalance{enabled: rebalanceDefault(c), toAZ: -1}
	if c.AZRebalancing != nil {
		s.rebal.enabled = *c.AZRebalancing
		if *c.AZRebalancing && c.Daemon {
			add("availability_zone_rebalancing: DAEMON services are not rebalanced (ref §1.10)")
		}
	}
	if c.ProtectWhileBusy && (c.Worker == nil || c.Daemon) {
		add("scale_in_protection: only a REPLICA worker service protects its tasks while busy")
	}
	if c.FailureRatePerHour < 0 || c.StartFailureProbability < 0 || c.StartFailureProbability > 1 {
		add("failure_rate_per_hour must be ≥ 0 and start_failure_probability within 0–1")
	}
	s.policy, err = w.policy(c.PlacementStrategy, c.PlacementConstraints, w.defs[def], true)
	if err != nil {
		add("placement: %w", err)
	}
	for j, d := range c.Deployments {
		if _, err := w.lookupDef(d.TaskDef); err != nil {
			add("deployments[%d]: %w", j, err)
		} else if d.At < 0 {
			add("deployments[%d]: at %v is negative", j, d.At)
		}
	}
	errs = append(errs, w.checkPlacementTargets(where, s.items, w.defs[def]))
	for _, d := range c.Deployments {
		if j, err := w.lookupDef(d.TaskDef); err == nil {
			errs = append(errs, w.checkPlacementTargets(where, s.items, w.defs[j]))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := w.buildServiceWorkload(s); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if c.Scaling != nil {
		if c.Daemon {
			return fmt.Errorf("%s: scaling: DAEMON services have no desired count to scale (ref §1.11)", where)
		}
		if err := w.buildScaling(s); err != nil {
			return fmt.Errorf("%s: scaling: %w", where, err)
		}
	}
	s.meterID = w.meter.Service(c.Name)
	w.services = append(w.services, s)
	return nil
}

// buildServiceWorkload attaches the demand or worker model.
func (w *World) buildServiceWorkload(s *service) error {
	c := s.cfg
	if c.Workload != nil && c.Worker != nil {
		return errors.New("give either a workload or a worker, not both")
	}
	var err error
	if c.Workload != nil {
		wc := *c.Workload // the caller's config stays as given
		wc.Quantiles = w.quantiles
		if s.wl, err = workload.NewService(wc); err != nil {
			return fmt.Errorf("workload: %w", err)
		}
	}
	if c.Worker != nil {
		if s.worker, err = workload.NewWorker(*c.Worker); err != nil {
			return fmt.Errorf("worker: %w", err)
		}
	}
	s.bursts = (c.Workload != nil && c.Workload.Task.Ceiling == workload.BurstToInstanceIdle) ||
		(c.Worker != nil && c.Worker.Task.Ceiling == workload.BurstToInstanceIdle)
	s.behindLB = c.LoadBalancer != nil
	switch {
	case c.Workload != nil:
		s.taskCapacity = c.Workload.Task.CapacityPerSecond
	case c.Worker != nil:
		s.taskCapacity = c.Worker.Task.CapacityPerSecond
	}
	return nil
}

// checkPlacementTargets checks a task definition against every provider it
// may be placed on.
func (w *World) checkPlacementTargets(where string, items []stratItem, d *taskDef) error {
	var errs []error
	for _, it := range items {
		p := w.providers[it.prov]
		var err error
		if p.kind.IsFargate() {
			err = w.checkFargate(d)
		} else {
			err = w.checkFits(d, p)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
	}
	return errors.Join(errs...)
}

// strategyItems resolves a launch type or capacity provider strategy (or
// the cluster default) into provider indexes (ref §4.1, §5.1).
func (w *World) strategyItems(launchType string, items []StrategyItem, service bool) ([]stratItem, error) {
	if launchType != "" && len(items) > 0 {
		return nil, errors.New("launch_type and capacity_provider_strategy are mutually exclusive (ref §4.1)")
	}
	switch launchType {
	case "":
	case "FARGATE":
		for _, p := range w.providers {
			if p.kind == ProviderFargate {
				return []stratItem{{prov: p.idx, weight: 1}}, nil
			}
		}
		return nil, errors.New("launch_type FARGATE: the cluster has no FARGATE provider")
	case "EC2":
		// Modelling choice: launch type EC2 places on the first EC2 provider's
		// instances; such tasks do not wait for managed scaling (ref §4.1).
		for _, p := range w.providers {
			if p.kind == ProviderEC2 {
				return []stratItem{{prov: p.idx, weight: 1}}, nil
			}
		}
		return nil, errors.New("launch_type EC2: the cluster has no EC2 provider")
	default:
		return nil, fmt.Errorf("launch_type %q: want FARGATE or EC2", launchType)
	}
	if len(items) == 0 {
		items = w.cfg.DefaultStrategy
	}
	if len(items) == 0 {
		return nil, errors.New("no capacity provider strategy, no launch type and no cluster default strategy")
	}
	var out []stratItem
	bases, weights, fargate, ec2 := 0, 0, false, false
	for j, it := range items {
		pi, ok := w.provByKey[it.Provider]
		if !ok {
			return nil, fmt.Errorf("capacity_provider_strategy[%d]: provider %q is not defined", j, it.Provider)
		}
		if it.Base < 0 || it.Base > 100000 || it.Weight < 0 || it.Weight > 1000 {
			return nil, fmt.Errorf("capacity_provider_strategy[%d]: base must be 0–100000 and weight 0–1000 (ref §5.1)", j)
		}
		if it.Base > 0 {
			bases++
		}
		weights += it.Weight
		if w.providers[pi].kind.IsFargate() {
			fargate = true
		} else {
			ec2 = true
		}
		out = append(out, stratItem{prov: int32(pi), base: it.Base, weight: it.Weight})
	}
	switch {
	case bases > 1:
		return nil, errors.New("capacity_provider_strategy: only one item may set a base (ref §5.1)")
	case weights == 0:
		return nil, errors.New("capacity_provider_strategy: every weight is 0, so no provider can be used (ref §5.1)")
	case fargate && ec2:
		return nil, errors.New("capacity_provider_strategy: a strategy cannot mix Fargate and Auto Scaling group providers (ref §2.3)")
	case len(out) > 20:
		return nil, errors.New("capacity_provider_strategy: at most 20 providers (ref §5.1)")
	}
	return out, nil
}

// policy builds a placement policy from service/stream settings and the
// task definition's constraints and platform.
func (w *World) policy(strats []PlacementStrategy, cons []PlacementConstraint, d *taskDef, service bool) (*placement.Policy, error) {
	spec := placement.PolicySpec{Service: service, Requirements: d.requires}
	for _, s := range strats {
		spec.Strategies = append(spec.Strategies, placement.StrategySpec{Type: s.Type, Field: s.Field})
	}
	for _, c := range append(append([]PlacementConstraint(nil), d.cfg.Constraints...), cons...) {
		spec.Constraints = append(spec.Constraints, placement.ConstraintSpec{Type: c.Type, Expression: c.Expression})
	}
	return placement.NewPolicy(spec)
}

// buildStream checks and builds streams[i].
func (w *World) buildStream(i int) error {
	c := &w.cfg.Streams[i]
	where := fmt.Sprintf("streams[%d] (%s)", i, c.Name)
	if c.Name == "" {
		return fmt.Errorf("streams[%d]: name is empty", i)
	}
	st := &stream{idx: int32(len(w.streams)), cfg: c, defIdx: map[string]int32{}}
	var err error
	if st.items, err = w.strategyItems(c.LaunchType, c.CapacityProviderStrategy, false); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if len(c.Mix) == 0 {
		return fmt.Errorf("%s: mix: at least one task definition is needed", where)
	}
	var errs []error
	jc := workload.JobStreamConfig{TasksPerArrival: c.TasksPerArrival}
	var first *taskDef
	for j, m := range c.Mix {
		def, err := w.lookupDef(m.TaskDef)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: mix[%d]: %w", where, j, err))
			continue
		}
		if err := m.Duration.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: mix[%d].duration: %w", where, j, err))
			continue
		}
		st.defIdx[m.TaskDef] = int32(def)
		if first == nil {
			first = w.defs[def]
		}
		errs = append(errs, w.checkPlacementTargets(where, st.items, w.defs[def]))
		r := w.eng.Stream(fmt.Sprintf("stream/%s/duration/%d", c.Name, j))
		jc.Mix = append(jc.Mix, workload.JobKind{TaskDefinition: m.TaskDef, Weight: m.Weight, Duration: distSampler{d: m.Duration, r: r}})
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if jc.Arrivals, err = w.arrivals(c); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if st.policy, err = w.policy(c.PlacementStrategy, c.PlacementConstraints, first, false); err != nil {
		return fmt.Errorf("%s: placement: %w", where, err)
	}
	if st.jobs, err = workload.NewJobStream(jc, w.cfg.Start, w.eng.Stream("stream/"+c.Name+"/mix")); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	st.meterID = w.meter.Service("stream:" + c.Name)
	w.streams = append(w.streams, st)
	return nil
}

// arrivals builds a stream's arrival schedule: Poisson, listed or cron.
func (w *World) arrivals(c *TaskStreamConfig) (workload.Schedule, error) {
	set := 0
	if c.RatePerHour > 0 {
		set++
	}
	if len(c.At) > 0 {
		set++
	}
	if c.Cron != "" {
		set++
	}
	if set != 1 || c.RatePerHour < 0 {
		return nil, errors.New("give exactly one of rate_per_hour (> 0), at, or cron")
	}
	switch {
	case c.RatePerHour > 0:
		return workload.NewPoisson(c.RatePerHour/3600, w.eng.Stream("stream/"+c.Name+"/arrivals"))
	case len(c.At) > 0:
		ts := make([]time.Time, len(c.At))
		for i, d := range c.At {
			ts[i] = w.cfg.Start.Add(d)
		}
		return workload.NewTimes(ts)
	}
	sched, err := parseCron(c.Cron, c.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("cron: %w", err)
	}
	return sched, nil
}
