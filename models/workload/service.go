package workload

import (
	"math"
	"time"
)

// ServiceConfig describes a request-serving service (behind a load
// balancer that spreads requests evenly over its running tasks).
type ServiceConfig struct {
	Demand Demand      // requests per second over wall-clock time
	Task   TaskProfile // what one task serves and uses
	Queue  QueueConfig
	// SLOTarget is the response-time objective for the SLOPercentile; 0
	// disables SLO accounting.
	SLOTarget Seconds
	// SLOPercentile is the percentile the SLO is about, in (0, 1); 0 means
	// 0.95.
	SLOPercentile float64
	// Quantiles, when set, supplies the p95 and p99 of the M/M/c part
	// (within QuantileTableMaxRelError of exact, see QuantileTable); share
	// one among the services of a run. nil: exact percentiles. Other SLO
	// percentiles are always exact.
	Quantiles *QuantileTable
}

// ServiceSample is the outcome of one step of a Service.
type ServiceSample struct {
	Start   time.Time     // the step covers [Start, Start+Length)
	Length  time.Duration //
	Running int           // running tasks during the step
	// DemandPerSecond is the offered arrival rate, sampled at the step's
	// midpoint (midpoint rule: exact for linear demand within a step).
	DemandPerSecond float64
	// Arrived, Served and Dropped count requests during the step; Arrived =
	// Served + Dropped + (change of Backlog).
	Arrived, Served, Dropped float64
	// Backlog is the fluid backlog at the end of the step: requests queued
	// beyond the steady-state queue because demand exceeded capacity.
	Backlog float64
	// Busy is the fraction of the tasks' capacity in use.
	Busy float64
	// CPU and Memory are each task's utilisation of its reservation, which
	// with even load balancing is also the service average that target
	// tracking reads. MetricsPublished is false when no task runs: ECS then
	// publishes no datapoint and CPU and Memory are 0.
	CPU, Memory      Percent
	MetricsPublished bool
	// OverMemoryLimit is set when a task's working set exceeds its hard
	// memory limit: a real task would be OOM-killed.
	OverMemoryLimit bool
	// MeanResponse, P95 and P99 are response times of the step's requests
	// (see QueueConfig). They are +Inf when requests wait and no task runs,
	// and 0 when no request arrived or waited and no task runs.
	MeanResponse, P95, P99 Seconds
	// SLOViolated is set when requests arrived or waited and the SLO
	// percentile exceeded SLOTarget.
	SLOViolated bool
}

// ServiceTotals accumulates a Service's steps.
type ServiceTotals struct {
	Steps                    int
	Arrived, Served, Dropped float64
	// SLOViolation is the simulated time spent in violating steps; with
	// one-minute steps it is the "SLO minutes" count.
	SLOViolation time.Duration
}

// Service is the mutable state of one service's workload: its backlog and
// running totals. Step it once per simulation step, in time order. A
// Service is not safe for concurrent use; stepping does not allocate.
type Service struct {
	demand    Demand
	q         queueModel
	sloTarget Seconds
	sloP      float64
	totals    ServiceTotals
}

// NewService validates cfg and returns a service with an empty backlog.
func NewService(cfg ServiceConfig) (*Service, error) {
	if cfg.Demand == nil {
		return nil, fieldErr("ServiceConfig.Demand", "required")
	}
	q, err := newQueueModel(cfg.Task, cfg.Queue)
	if err != nil {
		return nil, err
	}
	if !(cfg.SLOTarget >= 0) || math.IsInf(float64(cfg.SLOTarget), 0) {
		return nil, fieldErr("ServiceConfig.SLOTarget", "%v s must be a finite number ≥ 0", float64(cfg.SLOTarget))
	}
	p := cfg.SLOPercentile
	if p == 0 {
		p = 0.95
	}
	if !(p > 0 && p < 1) {
		return nil, fieldErr("ServiceConfig.SLOPercentile", "%v is outside (0, 1)", p)
	}
	q.table = cfg.Quantiles
	return &Service{demand: cfg.Demand, q: q, sloTarget: cfg.SLOTarget, sloP: p}, nil
}

// Step advances the service over [now, now+dt) with `running` tasks.
// burstCap is the CPU ceiling of tasks that may burst (TaskProfile.Ceiling
// BurstToInstanceIdle): their reservation plus the idle CPU of their
// instances, in percent of the reservation (e.g. 400 for a 512-unit task
// alone on a 2,048-unit instance); it is ignored for capped tasks and
// values below 100 count as 100. It panics if dt ≤ 0 or running < 0, or if
// the demand returns a negative or non-finite rate.
func (s *Service) Step(now time.Time, dt time.Duration, running int, burstCap Percent) ServiceSample {
	var out ServiceSample
	s.StepTo(&out, now, dt, running, burstCap)
	return out
}

// StepTo is Step writing the sample to *out, for callers stepping many
// services that keep one sample rather than copy a returned one.
func (s *Service) StepTo(out *ServiceSample, now time.Time, dt time.Duration, running int, burstCap Percent) {
	lambda := s.demand.Rate(now.Add(dt / 2))
	var st queueStep
	s.q.step(&st, lambda, dt.Seconds(), running, burstCap)
	// Field by field: a composite literal would be built in a temporary
	// and copied, and the copy's loads of just-written fields stall.
	out.Start, out.Length, out.Running, out.DemandPerSecond = now, dt, running, lambda
	out.Arrived, out.Served, out.Dropped, out.Backlog, out.Busy = st.arrived, st.served, st.dropped, st.b1, st.busy()
	out.MeanResponse, out.P95, out.P99 = s.q.latency(&st)
	out.CPU, out.Memory, out.OverMemoryLimit, out.MetricsPublished = 0, 0, false, false
	if running > 0 {
		out.CPU, out.Memory, out.OverMemoryLimit = s.q.usage(&st, burstCap)
		out.MetricsPublished = true
	}
	out.SLOViolated = false
	if s.sloTarget > 0 && !st.idle() {
		q := out.P95
		switch s.sloP {
		case 0.99:
			q = out.P99
		case 0.95:
		default:
			q = st.responseQuantile(s.sloP)
		}
		out.SLOViolated = q > s.sloTarget
	}
	s.account(out)
}

func (s *Service) account(out *ServiceSample) {
	s.totals.Steps++
	s.totals.Arrived += out.Arrived
	s.totals.Served += out.Served
	s.totals.Dropped += out.Dropped
	if out.SLOViolated {
		s.totals.SLOViolation += out.Length
	}
}

// Backlog returns the current fluid backlog in requests.
func (s *Service) Backlog() float64 { return s.q.backlog }

// Totals returns the totals accumulated so far.
func (s *Service) Totals() ServiceTotals { return s.totals }
