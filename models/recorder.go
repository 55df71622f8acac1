package models

import (
	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/sim"
)

// recorder feeds the time series and the run-wide tallies that need the
// world's state at each step.
type recorder struct {
	w          *World
	stateCount [numTaskStates]int // live tasks per state (Stopped excluded)
	svc        []*serviceSeries   // nil beyond Config.ServiceSeriesLimit
	total      *totalSeries       // nil unless some services have no series
	prov       []providerSeries
	costUSD    *series.Series
	tasks      *series.Series
	// integrals over the run, per tick, for utilisation shares.
	regCPU, regMem   float64 // CPU units·ticks, MiB·ticks registered on ACTIVE/DRAINING instances
	resCPU, resMem   float64 // reserved by tasks
	usedCPU, usedMem float64 // used by running tasks (workload model)
	instTicks        float64
	ticks            int
}

type serviceSeries struct {
	desired, running, pending *series.Series
	cpu, mem, demand, p95     *series.Series
	capacity                  *series.Series
	dropped                   *series.Series
}

// totalSeries are cluster-wide sums over every service, recorded when
// ServiceSeriesLimit leaves services without series of their own; the
// step's sums build up in the fields below as services report.
type totalSeries struct {
	desired, running, pending *series.Series
	demand, capacity          *series.Series
	dropped                   *series.Series

	stepDesired, stepRunning, stepPending int
	stepDemand, stepCapacity, stepDropped float64
}

type providerSeries struct {
	instances, launching *series.Series
	regCPU, resCPU       *series.Series
	regMem, resMem       *series.Series
	usedCPU, usedMem     *series.Series
	cpr                  *series.Series
	pool                 *series.Series // warm pool instances, with a warm pool
	// used CPU units and MiB of the provider's running tasks this step.
	stepCPU, stepMem float64
}

func (w *World) buildRecorders() error {
	rs, err := series.New(series.Config{Start: 0, End: w.end, Resolution: w.tick, MaxPoints: w.cfg.MaxSeriesPoints})
	if err != nil {
		return err
	}
	w.series = rs
	r := &recorder{w: w}
	w.rec = r
	r.svc = make([]*serviceSeries, len(w.services))
	for i, s := range w.services[:min(len(w.services), w.cfg.ServiceSeriesLimit)] {
		l := series.Label{Key: "service", Value: s.cfg.Name}
		r.svc[i] = &serviceSeries{
			desired: rs.Gauge("desired_tasks", "tasks", series.Last, l),
			running: rs.Gauge("running_tasks", "tasks", series.Last, l),
			pending: rs.Gauge("pending_tasks", "tasks", series.Last, l),
			cpu:     rs.Gauge("cpu_utilisation", "%", series.Mean, l),
			mem:     rs.Gauge("memory_utilisation", "%", series.Mean, l),
			demand:  rs.Gauge("demand", "req/s", series.Mean, l),
			// capacity: what the serving tasks can complete at 100 % CPU.
			capacity: rs.Gauge("capacity", "req/s", series.Mean, l),
			p95:      rs.Gauge("latency_p95", "s", series.Max, l),
			dropped:  rs.Counter("dropped_requests", "requests", l),
		}
	}
	if len(w.services) > w.cfg.ServiceSeriesLimit {
		r.total = &totalSeries{
			desired:  rs.Gauge("total_desired_tasks", "tasks", series.Last),
			running:  rs.Gauge("total_running_tasks", "tasks", series.Last),
			pending:  rs.Gauge("total_pending_tasks", "tasks", series.Last),
			demand:   rs.Gauge("total_demand", "req/s", series.Mean),
			capacity: rs.Gauge("total_capacity", "req/s", series.Mean),
			dropped:  rs.Counter("total_dropped_requests", "requests"),
		}
	}
	for _, p := range w.providers {
		l := series.Label{Key: "provider", Value: p.name}
		var ps providerSeries
		if p.kind == ProviderEC2 {
			ps.instances = rs.Gauge("instances", "instances", series.Last, l)
			ps.launching = rs.Gauge("instances_launching", "instances", series.Last, l)
			ps.regCPU = rs.Gauge("registered_cpu", "CPU units", series.Mean, l)
			ps.resCPU = rs.Gauge("reserved_cpu", "CPU units", series.Mean, l)
			ps.regMem = rs.Gauge("registered_memory", "MiB", series.Mean, l)
			ps.resMem = rs.Gauge("reserved_memory", "MiB", series.Mean, l)
			ps.usedCPU = rs.Gauge("used_cpu", "CPU units", series.Mean, l)
			ps.usedMem = rs.Gauge("used_memory", "MiB", series.Mean, l)
			if p.managed != nil {
				ps.cpr = rs.Gauge("capacity_provider_reservation", "%", series.Last, l)
			}
			if p.cfg.WarmPool != nil {
				ps.pool = rs.Gauge("warm_pool_instances", "instances", series.Last, l)
			}
		}
		r.prov = append(r.prov, ps)
	}
	r.costUSD = rs.Gauge("cost_cumulative", "USD", series.Last)
	r.tasks = rs.Gauge("tasks", "tasks", series.Last)
	return nil
}

// taskState keeps the per-state counts as tasks move.
func (r *recorder) taskState(_ *task, from, to TaskState) {
	r.stateCount[from]--
	if to != Stopped {
		r.stateCount[to]++
	}
}

// taskCreated counts a new task in PROVISIONING.
func (r *recorder) taskCreated() { r.stateCount[Provisioning]++ }

// taskDiscarded forgets a task that was never created.
func (r *recorder) taskDiscarded() { r.stateCount[Provisioning]-- }

func (r *recorder) service(s *service, m *minuteSample) {
	if ss := r.svc[s.idx]; ss != nil {
		at := r.w.now()
		ss.desired.Set(at, float64(s.desired))
		ss.running.Set(at, float64(m.running))
		ss.pending.Set(at, float64(s.tally.pending))
		ss.cpu.Set(at, m.cpu)
		ss.mem.Set(at, m.mem)
		ss.demand.Set(at, m.demand)
		ss.capacity.Set(at, m.capacity)
		ss.p95.Set(at, m.p95)
		ss.dropped.Add(at, m.dropped)
	}
	if ts := r.total; ts != nil {
		ts.stepDesired += s.desired
		ts.stepRunning += m.running
		ts.stepPending += s.tally.pending
		ts.stepDemand += m.demand
		ts.stepCapacity += m.capacity
		ts.stepDropped += m.dropped
	}
	// Used CPU and memory of running tasks, for utilisation shares (EC2).
	for p, cpu := range s.tally.runCPU {
		if cpu != 0 || s.tally.runMem[p] != 0 {
			ps := &r.prov[p]
			ps.stepCPU += m.cpu / 100 * float64(cpu)
			ps.stepMem += m.mem / 100 * float64(s.tally.runMem[p])
		}
	}
}

func (r *recorder) cpr(p *provider, v float64) {
	if ps := &r.prov[p.idx]; ps.cpr != nil {
		ps.cpr.Set(r.w.now(), v)
	}
}

// sample records the cluster-wide series once per step.
func (r *recorder) sample() {
	w := r.w
	at := w.now()
	r.ticks++
	for _, p := range w.providers {
		ps := &r.prov[p.idx]
		if p.kind != ProviderEC2 {
			continue
		}
		var n, launching int
		var regC, resC, regM, resM float64
		for _, id := range p.instances {
			in := &w.inst[id]
			if in.state == Launching {
				launching++
				continue
			}
			n++
			regC += float64(in.regCPU)
			resC += float64(in.usedCPU)
			regM += float64(in.regMem)
			resM += float64(in.usedMem)
		}
		p.maxInstances = max(p.maxInstances, n)
		ps.instances.Set(at, float64(n))
		ps.launching.Set(at, float64(launching))
		if ps.pool != nil {
			ps.pool.Set(at, float64(len(p.pool)))
		}
		ps.regCPU.Set(at, regC)
		ps.resCPU.Set(at, resC)
		ps.regMem.Set(at, regM)
		ps.resMem.Set(at, resM)
		ps.usedCPU.Set(at, ps.stepCPU)
		ps.usedMem.Set(at, ps.stepMem)
		r.usedCPU += ps.stepCPU
		r.usedMem += ps.stepMem
		ps.stepCPU, ps.stepMem = 0, 0
		r.regCPU += regC
		r.resCPU += resC
		r.regMem += regM
		r.resMem += resM
		r.instTicks += float64(n)
	}
	total := 0
	for _, c := range r.stateCount {
		total += c
	}
	r.tasks.Set(at, float64(total))
	if ts := r.total; ts != nil {
		ts.flush(at)
	}
	if usd, err := w.meter.AccruedUSD(at, w.cat, w.cfg.Region); err == nil {
		r.costUSD.Set(at, usd)
	} else {
		w.fail("models: cost so far: %v", err)
	}
}

// flush records the step's sums and starts the next step's.
func (ts *totalSeries) flush(at sim.Time) {
	ts.desired.Set(at, float64(ts.stepDesired))
	ts.running.Set(at, float64(ts.stepRunning))
	ts.pending.Set(at, float64(ts.stepPending))
	ts.demand.Set(at, ts.stepDemand)
	ts.capacity.Set(at, ts.stepCapacity)
	ts.dropped.Add(at, ts.stepDropped)
	ts.stepDesired, ts.stepRunning, ts.stepPending = 0, 0, 0
	ts.stepDemand, ts.stepCapacity, ts.stepDropped = 0, 0, 0
}
