package models

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/sim"
)

// New checks cfg, fills its defaults and builds the world. Every problem
// is reported, joined, each naming the part of the config it is about;
// nothing is built from a bad config.
func New(cfg Config) (*World, error) {
	cfg = withDefaults(cfg)
	if err := checkTop(&cfg); err != nil {
		return nil, err
	}
	w := &World{
		cfg: cfg, cat: cfg.Catalog, end: sim.Time(cfg.Duration), tick: cfg.Resolution,
		azs: cfg.AZs, provByKey: map[string]int{}, defByRef: map[string]int{},
		metrics: autoscale.NewMetrics(0), check: cfg.Check,
	}
	if !cfg.ExactLatency {
		w.quantiles = workload.NewQuantileTable()
	}
	w.counters.placementFailures = map[string]int{}
	maxEvents := cfg.MaxEvents
	if maxEvents == 0 {
		maxEvents = defaultEventBudget(&cfg)
	}
	w.eng = sim.New(sim.Config{Start: cfg.Start, Seed: cfg.Seed, MaxEvents: maxEvents})
	w.h = handlers{
		taskStep: taskStepHandler{w}, provTimeout: provisioningTimeoutHandler{w}, taskFail: taskFailHandler{w},
		instanceUp: instanceUpHandler{w}, instanceReg: instanceRegisteredHandler{w}, spotNotice: spotNoticeHandler{w},
		spotReclaim: spotReclaimHandler{w}, rebalanceRec: rebalanceRecHandler{w}, fargateSpot: fargateSpotHandler{w}, reconcile: reconcileHandler{w},
		retryWaiting: retryWaitingHandler{w}, tick: tickHandler{w}, deploy: deployHandler{w}, spotAt: spotAtHandler{w},
		jobArrival: jobArrivalHandler{w}, jobEnd: jobEndHandler{w}, scheduled: scheduledScalingHandler{w},
		fargateLaunch: fargateLaunchHandler{w},
	}
	mc := cost.DefaultConfig()
	mc.RootVolumeGiB = 0
	mc.RootVolumeGiBByProvider = map[string]int{}
	for _, p := range cfg.Providers {
		mc.RootVolumeGiBByProvider[p.Name] = p.RootVolumeGiB
	}
	var err error
	if w.meter, err = cost.New(mc); err != nil {
		return nil, fmt.Errorf("cost meter: %w", err)
	}
	var errs []error
	for i := range cfg.Providers {
		errs = append(errs, w.buildProvider(i))
	}
	for i := range cfg.TaskDefs {
		errs = append(errs, w.buildDef(i))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i := range cfg.Services {
		errs = append(errs, w.buildService(i))
	}
	for i := range cfg.Streams {
		errs = append(errs, w.buildStream(i))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := w.buildRecorders(); err != nil {
		return nil, err
	}
	return w, nil
}

// checkTop validates the scenario-wide settings.
func checkTop(cfg *Config) error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if cfg.Duration <= 0 {
		add("duration: %v is not positive", cfg.Duration)
	}
	if cfg.Resolution < time.Second {
		add("resolution: %v is below one second", cfg.Resolution)
	} else if cfg.Duration > 0 && cfg.Resolution > cfg.Duration {
		add("resolution: %v is longer than the duration %v", cfg.Resolution, cfg.Duration)
	}
	if cfg.ServiceSeriesLimit < 0 {
		add("service_series_limit: %d is negative", cfg.ServiceSeriesLimit)
	}
	if cfg.Resolution > 0 && time.Minute%cfg.Resolution != 0 && cfg.Resolution%time.Minute != 0 {
		add("resolution: %v must divide or be a multiple of one minute (CloudWatch periods)", cfg.Resolution)
	}
	if err := cfg.Catalog.CheckRegion(cfg.Region); err != nil {
		add("region: %w", err)
	}
	seen := map[string]bool{}
	for i, az := range cfg.AZs {
		if az == "" || seen[az] {
			add("azs[%d]: %q is empty or repeated", i, az)
		}
		seen[az] = true
	}
	if len(cfg.AZs) > 64 {
		add("azs: %d AZs; at most 64 (a region has a handful)", len(cfg.AZs))
	}
	if len(cfg.Providers) == 0 {
		add("providers: at least one capacity provider is needed")
	}
	for _, t := range []struct {
		name string
		d    Dist
	}{
		{"timing.provisioning_timeout", cfg.Timing.ProvisioningTimeout}, {"timing.eni_attach", cfg.Timing.ENIAttach},
		{"timing.image_pull", cfg.Timing.ImagePull}, {"timing.container_start", cfg.Timing.ContainerStart},
		{"timing.activating", cfg.Timing.Activating}, {"timing.shutdown", cfg.Timing.Shutdown},
		{"timing.eni_detach", cfg.Timing.ENIDetach},
	} {
		if err := t.d.Validate(); err != nil {
			add("%s: %w", t.name, err)
		}
	}
	return errors.Join(errs...)
}

// defaultEventBudget bounds a run's events generously: a run that needs
// more than this is looping, not simulating.
func defaultEventBudget(cfg *Config) uint64 {
	minutes := uint64(cfg.Duration/time.Minute) + 1
	scale := uint64(len(cfg.Services)+len(cfg.Streams)+len(cfg.Providers)) + 1
	return max(50_000_000, minutes*scale*2000)
}

// azIndexes maps AZ names to indexes; nil names means every AZ.
func (w *World) azIndexes(names []string) ([]int16, error) {
	if len(names) == 0 {
		out := make([]int16, len(w.azs))
		for i := range out {
			out[i] = int16(i)
		}
		return out, nil
	}
	var out []int16
	for _, n := range names {
		i := -1
		for j, az := range w.azs {
			if az == n {
				i = j
			}
		}
		if i < 0 {
			return nil, fmt.Errorf("AZ %q is not one of the scenario's %v", n, w.azs)
		}
		out = append(out, int16(i))
	}
	return out, nil
}

// buildProvider checks and builds providers[i].
func (w *World) buildProvider(i int) error {
	c := w.cfg.Providers[i].withDefaults()
	w.cfg.Providers[i] = c
	cfg := &w.cfg.Providers[i]
	where := fmt.Sprintf("providers[%d] (%s)", i, c.Name)
	if c.Name == "" {
		return fmt.Errorf("providers[%d]: name is empty", i)
	}
	if _, dup := w.provByKey[c.Name]; dup {
		return fmt.Errorf("%s: name is used twice", where)
	}
	p := &provider{idx: int32(len(w.providers)), name: c.Name, kind: c.Kind, cfg: cfg}
	p.azs, _ = w.azIndexes(nil)
	w.provByKey[c.Name] = len(w.providers)
	w.providers = append(w.providers, p)
	p.tokens = float64(w.cfg.Quotas.FargateBurst)
	if c.Kind.IsFargate() {
		return errors.Join(wrapErr(where+".fargate_start_latency", c.FargateStartLatency.Validate()))
	}
	return w.buildASG(p, where)
}

func wrapErr(where string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", where, err)
}

// buildASG checks and builds an EC2 provider's group.
func (w *World) buildASG(p *provider, where string) error {
	c := p.cfg
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(where+": "+format, args...)) }
	if len(c.InstanceTypes) == 0 {
		add("instance_types: at least one instance type is needed")
	}
	for j, name := range c.InstanceTypes {
		it, err := w.cat.Lookup(name)
		if err != nil {
			add("instance_types[%d]: %w", j, err)
			continue
		}
		if _, err := w.cat.Price(name, w.cfg.Region); err != nil {
			add("instance_types[%d]: %w", j, err)
		}
		reg, err := it.Register(c.ReservedMemory)
		if err != nil {
			add("instance_types[%d]: reserved_memory: %w", j, err)
			continue
		}
		p.types = append(p.types, it)
		p.regs = append(p.regs, reg)
	}
	if c.MaxSize > MaxInstancesPerCluster {
		add("max_size: %d exceeds the %d container instances a cluster may hold (ref §10)", c.MaxSize, MaxInstancesPerCluster)
	}
	if c.MinSize < 0 || c.MaxSize < c.MinSize || c.DesiredSize < c.MinSize || c.DesiredSize > c.MaxSize {
		add("need 0 ≤ min_size ≤ desired_size ≤ max_size, got %d ≤ %d ≤ %d", c.MinSize, c.DesiredSize, c.MaxSize)
	}
	if m := c.Mixed; m != nil && (m.OnDemandBase < 0 || m.OnDemandPercentAboveBase < 0 || m.OnDemandPercentAboveBase > 100) {
		add("mixed: on_demand_base must be ≥ 0 and on_demand_percent_above_base within 0–100")
	}
	if c.ManagedTerminationProtection && c.ManagedScaling == nil {
		add("managed_termination_protection needs managed scaling (ref §5.5)")
	}
	if c.WarmPool != nil {
		if err := c.WarmPool.validate(c); err != nil {
			add("%w", err)
		}
	}
	if c.DaemonOnlyProtectionBug < 0 || c.DaemonOnlyProtectionBug > 1 {
		add("daemon_only_protection_bug: %v is not a probability (0–1)", c.DaemonOnlyProtectionBug)
	} else if c.DaemonOnlyProtectionBug > 0 && !c.ManagedTerminationProtection {
		add("daemon_only_protection_bug: the bug is in managed termination protection, which is off")
	}
	if err := c.SpotInterruptions.RebalanceLead.Validate(); err != nil {
		add("spot_interruptions.rebalance_lead: %w", err)
	}
	if c.SpotInterruptions.RatePerHour < 0 {
		add("spot_interruptions.rate_per_hour: %v is negative", c.SpotInterruptions.RatePerHour)
	}
	for _, d := range []struct {
		n string
		d Dist
	}{{"launch_latency", c.LaunchLatency}, {"registration_latency", c.RegistrationLatency}} {
		if err := d.d.Validate(); err != nil {
			add("%s: %w", d.n, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	p.desired = c.DesiredSize
	p.placer = newPlacer(w.eng.Stream("placement/" + p.name))
	if ms := c.ManagedScaling; ms != nil {
		shapes := make([]autoscale.InstanceShape, len(p.types))
		for j, it := range p.types {
			shapes[j] = autoscale.InstanceShape{InstanceType: it.Name, Offers: w.offers(p, j)}
		}
		m, err := autoscale.NewManagedScaling(autoscale.ManagedScalingConfig{
			TargetCapacity: ms.TargetCapacity, MinimumScalingStepSize: ms.MinimumScalingStepSize,
			MaximumScalingStepSize: ms.MaximumScalingStepSize, InstanceWarmupPeriod: ms.InstanceWarmupPeriod,
			MinSize: c.MinSize, MaxSize: c.MaxSize, InstanceTypes: shapes, Model: ms.Model,
		})
		if err != nil {
			return fmt.Errorf("%s: managed_scaling: %w", where, err)
		}
		p.managed = m
	}
	return nil
}

// offers is what a fresh instance of it offers to tasks, for cluster auto
// scaling's binpack (ref §5.3).
func (w *World) offers(p *provider, j int) autoscale.Resources {
	it, reg := p.types[j], p.regs[j]
	enis, _ := it.AwsvpcTasks(p.cfg.ENITrunking)
	return autoscale.Resources{
		CPU: autoscale.CPUUnits(reg.CPU), Memory: autoscale.MiB(reg.Memory), ENIs: enis, GPUs: it.GPUs,
		Ports: 100 - 5, // ref §1.1: 100 reserved host ports per instance, 5 of them the agent's defaults
	}
}

// lookupDef resolves "family" (highest revision) or "family:revision".
func (w *World) lookupDef(ref string) (int, error) {
	if i, ok := w.defByRef[ref]; ok {
		return i, nil
	}
	best, bestRev := -1, 0
	for i, d := range w.defs {
		if d.cfg.Family == ref && d.cfg.revision() > bestRev {
			best, bestRev = i, d.cfg.revision()
		}
	}
	if best >= 0 {
		return best, nil
	}
	known := make([]string, 0, len(w.defByRef))
	for k := range w.defByRef {
		known = append(known, k)
	}
	sort.Strings(known)
	return -1, fmt.Errorf("task definition %q is not defined (known: %v)", ref, known)
}
