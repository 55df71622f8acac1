package models

import (
	"math"
	"time"

	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/sim"
)

// tickHandler is the world's one periodic event: every resolution step it
// advances the workloads, publishes metrics, evaluates service and cluster
// auto scaling, and records the time series (ref ARCHITECTURE: periodic
// work is one event that iterates its subjects).
type tickHandler struct{ w *World }

func (h *tickHandler) Handle(sim.Time, int64) { h.w.onTick() }

// minuteSample is what one service did over the last step.
type minuteSample struct {
	running, serving  int
	demand            float64 // requests (or messages) per second
	capacity          float64 // what the serving tasks complete at 100 % CPU, per second
	arrived, served   float64
	dropped           float64
	cpu, mem          float64 // percent of reservation
	published         bool
	requestsPerTarget float64
	p95               float64 // seconds
	sloViolated       bool
	backlog           float64
	backlogPerTask    float64
	queueDelay        float64
}

func (w *World) onTick() {
	start := w.eng.WallClock(w.now() - sim.Time(w.tick)) // the step that just ended
	m := &w.minute
	for _, s := range w.services {
		w.stepWorkload(s, start, m)
		s.stats.add(m, w.tick, s.desired)
		if s.scaling != nil {
			w.publishMetrics(s, m)
			w.evaluateScaling(s, m.running)
		}
		w.rec.service(s, m)
	}
	for _, p := range w.providers {
		if p.managed != nil {
			w.evaluateManaged(p)
		}
	}
	w.rec.sample()
	w.checkInvariants()
	if w.probe != nil {
		w.probe()
	}
}

// stepWorkload advances a service's workload over the step that just
// ended, which began at wall-clock time start, into *m.
func (w *World) stepWorkload(s *service, start time.Time, m *minuteSample) {
	*m = minuteSample{} // zeroed in place; a literal with values would be built and copied
	m.running, m.serving = s.tally.running, w.servingCount(s)
	burst := workload.Percent(100)
	if s.bursts {
		burst = w.burstCeiling(s)
	}
	switch {
	case s.wl != nil:
		x := &w.stepSample
		s.wl.StepTo(x, start, w.tick, m.serving, burst)
		m.demand, m.arrived, m.served, m.dropped = x.DemandPerSecond, x.Arrived, x.Served, x.Dropped
		m.cpu, m.mem, m.published = float64(x.CPU), float64(x.Memory), x.MetricsPublished
		m.p95, m.sloViolated = float64(x.P95), x.SLOViolated
		m.backlog = x.Backlog
		if m.serving > 0 {
			m.requestsPerTarget = x.Arrived / float64(m.serving)
		}
		m.capacity = float64(m.serving) * s.taskCapacity
	case s.worker != nil:
		x := s.worker.Step(start, w.tick, m.serving, burst)
		m.demand, m.arrived, m.served, m.dropped = x.ArrivalRate, x.Arrived, x.Processed, x.Dropped
		m.cpu, m.mem, m.published = float64(x.CPU), float64(x.Memory), x.MetricsPublished
		m.backlog, m.backlogPerTask, m.queueDelay = x.Backlog, x.BacklogPerTask, float64(x.QueueDelay)
		m.capacity = float64(m.serving) * s.taskCapacity
		if s.cfg.ProtectWhileBusy {
			w.protectWorkers(s, x.Busy)
		}
	default:
		m.published = m.running > 0
	}
	if math.IsInf(m.p95, 0) || math.IsNaN(m.p95) {
		m.p95 = 0
	}
}

// burstCeiling is the CPU a service's EC2 tasks may burst to, in percent
// of their reservation: each task's reservation plus its instance's idle
// CPU, averaged over the running tasks (ref §1.2, §6.2). Fargate tasks and
// tasks with a task-level cpu are capped at 100 % by the workload model.
func (w *World) burstCeiling(s *service) workload.Percent {
	sum, n := 0.0, 0
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.state != Running || t.stopReq || t.inst < 0 {
			continue
		}
		cpu := float64(w.defs[t.def].cpu)
		if cpu <= 0 {
			continue
		}
		in := &w.inst[t.inst]
		sum += 100 * (cpu + float64(in.regCPU-in.usedCPU)) / cpu
		n++
	}
	if n == 0 {
		return 100
	}
	return workload.Percent(sum / float64(n))
}
