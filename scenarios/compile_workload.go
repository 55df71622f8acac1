package scenarios

import (
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/models/workload"
)

// serviceWorkload builds a service's workload or worker model, with the
// task profile's reservation taken from its task definition.
func (c *compiler) serviceWorkload(name string, s *Service, p keyPath, def *defInfo, scale float64) (*workload.ServiceConfig, *workload.WorkerConfig) {
	if s.SLO != nil && s.Workload == nil {
		c.add(p.key("slo"), "an SLO needs a workload (request latency); workers have queue delay instead")
	}
	if s.Workload != nil && s.Worker != nil {
		c.add(p.key("worker"), "give workload or worker, not both")
		w := *s
		w.Workload, w.SLO = nil, nil
		c.serviceWorkload(name, &w, p, def, scale) // check the worker too
	}
	switch {
	case s.Workload != nil:
		wp := p.key("workload")
		w := s.Workload
		wc := &workload.ServiceConfig{Demand: c.demand(&w.Demand, wp.key("demand"), scale, "services/"+name+"/demand"),
			Task: c.profile(w.Task, wp.key("task"), def), Queue: queue(w.Queue)}
		if s.SLO != nil {
			wc.SLOTarget = workload.Seconds(s.SLO.Latency.D().Seconds())
			wc.SLOPercentile = s.SLO.Percentile
		}
		if wc.Demand == nil || wc.Task.CPU == 0 {
			return nil, nil
		}
		if _, err := workload.NewService(*wc); err != nil {
			c.add(wp, "%v", err)
		}
		return wc, nil
	case s.Worker != nil:
		wp := p.key("worker")
		w := s.Worker
		wc := &workload.WorkerConfig{Arrivals: c.demand(&w.Arrivals, wp.key("arrivals"), scale, "services/"+name+"/arrivals"),
			Task: c.profile(w.Task, wp.key("task"), def), Queue: queue(w.Queue)}
		if wc.Arrivals == nil || wc.Task.CPU == 0 {
			return nil, nil
		}
		if _, err := workload.NewWorker(*wc); err != nil {
			c.add(wp, "%v", err)
		}
		return nil, wc
	}
	return nil, nil
}

func queue(q Queue) workload.QueueConfig {
	return workload.QueueConfig{Concurrency: q.Concurrency, QueueLimit: q.QueueLimit, MaxStationaryUtilisation: q.MaxStationaryUtilisation}
}

// profile turns the format's task profile into the workload model's, with
// the reservation of the task definition (ref §6.2: utilisation is of the
// reservation). A task-level cpu is a hard limit; container cpu only shares.
func (c *compiler) profile(t TaskProfile, p keyPath, def *defInfo) workload.TaskProfile {
	if def == nil {
		return workload.TaskProfile{} // the task definition's own problem is reported
	}
	cpu, mem, _ := def.def.Reservation()
	tp := workload.TaskProfile{CPU: workload.CPUUnits(cpu), CapacityPerSecond: t.CapacityPerSecond,
		IdleCPU: workload.Percent(t.IdleCPU), MemoryReservation: workload.MiB(mem), BaseMemory: workload.MiB(t.BaseMemory),
		MemoryPerRequestPerSecond: workload.MiB(t.MemoryPerRequestPerSecond), Ceiling: workload.CappedAtReservation}
	if def.def.CPU == 0 {
		tp.Ceiling = workload.BurstToInstanceIdle
	}
	tp.MemoryHardLimit = workload.MiB(def.def.Memory)
	if def.def.Memory == 0 {
		var hard workload.MiB
		for _, k := range def.def.Containers {
			if k.Memory == 0 {
				hard = 0
				break
			}
			hard += workload.MiB(k.Memory)
		}
		tp.MemoryHardLimit = hard
	}
	if cpu == 0 {
		c.add(p, "the task definition %s reserves no CPU: give it a task-level cpu or container cpu so utilisation can be computed", def.def.Ref())
	}
	if t.BaseMemory > 0 && workload.MiB(t.BaseMemory) > tp.MemoryReservation {
		c.warn(p.key("base_memory"), "%s is above the task's memory reservation %d MiB: utilisation will exceed 100%%", t.BaseMemory.text(), mem)
	}
	return tp
}

// demand composes a rate: base × factors + spikes, times scale. stream
// names the noise's random stream, seeded from the scenario seed.
func (c *compiler) demand(d *Demand, p keyPath, scale float64, stream string) workload.Demand {
	base := c.demandBase(d, p)
	valid := base != nil
	if !valid {
		base = workload.Constant(0) // keep checking the factors
	}
	out := base
	if fs := c.factors(d, p, stream); len(fs) > 0 {
		out = workload.Product(append([]workload.Demand{base}, fs...)...)
	}
	out = c.spikes(d, p, out)
	if !valid {
		return nil
	}
	if scale != 1 {
		scaled, err := workload.Scale(out, scale)
		if err != nil {
			c.add(p, "%v", plainErr(err))
			return nil
		}
		out = scaled
	}
	return out
}

// factors builds the shape factors the demand gives.
func (c *compiler) factors(d *Demand, p keyPath, stream string) []workload.Demand {
	start := c.f.Start
	var parts []workload.Demand
	try := func(k string, dem workload.Demand, err error) {
		if err != nil {
			c.add(p.key(k), "%v", plainErr(err))
			return
		}
		parts = append(parts, dem)
	}
	if g := d.Diurnal; g != nil && c.checkZone(p.key("diurnal").key("time_zone"), g.TimeZone) {
		dem, err := workload.NewDiurnal(workload.DiurnalConfig{PeakHour: g.PeakHour, TroughRatio: g.TroughRatio, TimeZone: g.TimeZone})
		try("diurnal", dem, err)
	}
	if w := d.Weekly; w != nil && c.checkZone(p.key("weekly").key("time_zone"), w.TimeZone) {
		cfg := workload.WeekdayWeekend(w.Weekday, w.Weekend, w.TimeZone)
		if w.Factors != nil {
			if len(w.Factors) != 7 {
				c.add(p.key("weekly").key("factors"), "give seven factors, Sunday first (got %d)", len(w.Factors))
			}
			copy(cfg.Factors[:], w.Factors)
		}
		dem, err := workload.NewWeekly(cfg)
		try("weekly", dem, err)
	}
	if g := d.Growth; g != nil {
		dem, err := workload.NewGrowth(workload.GrowthConfig{Start: start.Add(g.Start.D()), RatePerPeriod: g.RatePerPeriod, Period: g.Period.D()})
		try("growth", dem, err)
	}
	if r := d.Ramp; r != nil {
		if r.End <= r.Start {
			c.add(p.key("ramp").key("end"), "%s is not after start %s", r.End.text(), r.Start.text())
		} else {
			dem, err := workload.NewLinearRamp(workload.LinearRampConfig{Start: start.Add(r.Start.D()), End: start.Add(r.End.D()), From: r.From, To: r.To})
			try("ramp", dem, err)
		}
	}
	if n := d.Noise; n != nil {
		dem, err := workload.NewNoise(workload.NoiseConfig{Sigma: n.Sigma, CorrelationTime: n.CorrelationTime.D(),
			Interval: n.Interval.D(), Origin: start}, c.stream(stream+"/noise"))
		try("noise", dem, err)
	}
	return parts
}

// demandBase builds the base rate: exactly one of base, steps and replay.
func (c *compiler) demandBase(d *Demand, p keyPath) workload.Demand {
	n := 0
	for _, set := range []bool{d.Base != nil, d.Steps != nil, d.Replay != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		c.add(p, "give exactly one base rate: base, steps or replay")
		return nil
	}
	switch {
	case d.Base != nil:
		dem, err := workload.NewConstant(*d.Base)
		if err != nil {
			c.add(p.key("base"), "%v", plainErr(err))
			return nil
		}
		return dem
	case d.Steps != nil:
		cfg := workload.StepsConfig{Initial: d.Steps.Initial}
		for i, s := range d.Steps.Steps {
			if i > 0 && s.At <= d.Steps.Steps[i-1].At {
				c.add(p.key("steps").key("steps").at(i).key("at"), "steps must be in increasing time")
				return nil
			}
			cfg.Steps = append(cfg.Steps, workload.Step{At: c.f.Start.Add(s.At.D()), Value: s.Value})
		}
		dem, err := workload.NewSteps(cfg)
		if err != nil {
			c.add(p.key("steps"), "%v", plainErr(err))
			return nil
		}
		return dem
	}
	return c.replay(d.Replay, p.key("replay"))
}

func (c *compiler) replay(r *Replay, p keyPath) workload.Demand {
	tr, name, err := c.assets.trace(c.src, r.File, r.Format, r.ID)
	if err != nil {
		var te *workload.TraceError
		if errors.As(err, &te) {
			c.probs = append(c.probs, Problem{File: te.File, Line: te.Line, Key: te.Field, Msg: te.Msg, Variant: c.variant})
			c.add(p.key("file"), "the trace %s is not valid (see its problems)", name)
		} else {
			c.add(p.key("file"), "cannot read trace %s: %v", name, err)
		}
		return nil
	}
	cfg := workload.ReplayConfig{Kind: workload.PerSecond, Period: r.Period.D(), Scale: r.Scale, Loop: r.Loop}
	if r.Kind == "count_per_period" {
		cfg.Kind = workload.CountPerPeriod
		if r.Period == 0 {
			c.add(p.key("period"), "count_per_period values need their period")
			return nil
		}
	}
	if r.Interpolation == "linear" {
		cfg.Interpolation = workload.Linear
	}
	if r.AlignToStart {
		cfg.AlignTo = c.f.Start
	}
	dem, err := workload.NewReplay(tr, cfg)
	if err != nil {
		c.add(p, "%v", plainErr(err))
		return nil
	}
	if tr.Partial {
		c.warn(p.key("file"), "the CloudWatch export says PartialData: the trace may be incomplete")
	}
	return dem
}

func (c *compiler) spikes(d *Demand, p keyPath, base workload.Demand) workload.Demand {
	if len(d.Spikes) == 0 {
		return base
	}
	parts := []workload.Demand{base}
	for i, s := range d.Spikes {
		sp := p.key("spikes").at(i)
		c.checkOffset(sp.key("at"), s.At)
		shape, err := workload.ParseSpikeShape(s.Shape)
		if err != nil {
			c.add(sp.key("shape"), "%v", err)
			continue
		}
		dem, err := workload.NewSpike(workload.SpikeConfig{At: c.f.Start.Add(s.At.D()), Height: s.Height, Duration: s.Duration.D(), Shape: shape})
		if err != nil {
			c.add(sp, "%v", plainErr(err))
			continue
		}
		parts = append(parts, dem)
	}
	return workload.Sum(parts...)
}

// checkZone reports an unknown IANA time zone.
func (c *compiler) checkZone(p keyPath, tz string) bool {
	if _, err := time.LoadLocation(tz); err != nil {
		c.add(p, "unknown IANA time zone %q", tz)
		return false
	}
	return true
}

// stream returns a random stream for name, seeded from the scenario seed,
// so adding a component never shifts another's draws.
func (c *compiler) stream(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(uint64(c.f.Seed), h.Sum64()))
}

// plainErr strips a workload FieldError to its message: the key path of
// the problem already says where.
func plainErr(err error) string {
	var fe *workload.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}
