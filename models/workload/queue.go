package workload

import (
	"math"
)

// DefaultMaxStationaryUtilisation is the utilisation up to which the
// steady-state M/M/c queue is used; see QueueConfig.
const DefaultMaxStationaryUtilisation = 0.99

// QueueConfig sets the queueing model shared by Service and Worker.
//
// The model per step has two parts. A fluid backlog B carries over between
// steps: it grows at λ − cμ while arrivals exceed capacity, drains at
// cμ − λ after, and is capped at QueueLimit, the excess being dropped and
// counted. On top of it, each request sees the steady-state M/M/c queue at
// ρ_eff = min(λ/cμ, MaxStationaryUtilisation): near saturation the
// steady-state queue would take far longer than a step to build, so the
// stationary part is frozen there and the fluid part takes over from cμ.
// Both parts grow with λ, so latency never falls as load rises.
type QueueConfig struct {
	// Concurrency is the number of requests one task processes in parallel
	// (worker threads, processes): the M/M/c servers per task. 0 means 1.
	Concurrency int
	// QueueLimit is the most requests the fluid backlog may hold; arrivals
	// beyond it are dropped and counted. 0 means unlimited (an SQS queue).
	// A load balancer does not hold requests for long: give a web service a
	// limit of the order of its tasks' accept queues, so that a service with
	// no running task drops (5xx) rather than queues. Losses from finite
	// buffers below saturation (M/M/c/K blocking) are not modelled.
	QueueLimit float64
	// MaxStationaryUtilisation caps ρ in the steady-state part, in (0, 1);
	// 0 means DefaultMaxStationaryUtilisation.
	MaxStationaryUtilisation float64
}

func (c QueueConfig) validate() error {
	switch {
	case c.Concurrency < 0:
		return fieldErr("QueueConfig.Concurrency", "%d is negative", c.Concurrency)
	case c.MaxStationaryUtilisation != 0 && !(c.MaxStationaryUtilisation > 0 && c.MaxStationaryUtilisation < 1):
		return fieldErr("QueueConfig.MaxStationaryUtilisation", "%v is outside (0, 1)", c.MaxStationaryUtilisation)
	}
	return checkNonNegative("QueueConfig.QueueLimit", c.QueueLimit)
}

// queueModel is the state shared by Service and Worker.
type queueModel struct {
	task        TaskProfile
	concurrency int
	limit       float64 // +Inf when unlimited
	rhoMax      float64
	backlog     float64 // fluid backlog, 0 ≤ backlog ≤ limit
	cache       mmcCache
	// table, when set, gives the mean, p95 and p99 (see QuantileTable);
	// row is its row for the latest server count.
	table *QuantileTable
	row   *quantileRow
	// ceil is the task's ceiling at the latest burst cap (ceilOK: valid).
	ceil   ceiling
	ceilOK bool
}

// ceiling returns the task's ceiling at burstCap, worked out again only
// when the cap changed.
func (m *queueModel) ceiling(burstCap Percent) ceiling {
	if !m.ceilOK || m.ceil.burstCap != burstCap {
		m.ceil, m.ceilOK = m.task.ceilingOf(burstCap), true
	}
	return m.ceil
}

// mmcCache is the latest step's steady-state queue. Its inputs are set
// every step; the MMC (Erlang C) and its exact percentiles are worked out
// only when asked for and the inputs changed: steady demand on a steady
// fleet (or a saturated one, clamped at ρ_max) asks for the same queue step
// after step, and with a QuantileTable covering its utilisation nothing
// asks for them at all.
type mmcCache struct {
	lambda, mu float64
	servers    int
	theta      float64 // cμ − λ, as MMC works it out
	ok         bool    // the inputs are set
	haveQ      bool    // q is the queue of the inputs
	haveP      bool    // p95, p99 are q's exact percentiles
	q          MMC
	p95, p99   Seconds
}

// set makes the inputs the step's.
func (c *mmcCache) set(lambda, mu float64, servers int) {
	if !c.ok || c.lambda != lambda || c.mu != mu || c.servers != servers {
		c.lambda, c.mu, c.servers, c.ok, c.haveQ, c.haveP = lambda, mu, servers, true, false, false
		c.theta = float64(servers)*mu - lambda
	}
}

// queue returns the M/M/c queue of the inputs.
func (c *mmcCache) queue() *MMC {
	if !c.haveQ {
		c.q.init(c.lambda, c.mu, c.servers)
		c.haveQ = true
	}
	return &c.q
}

// quantiles returns the queue's exact p95 and p99 response times.
func (c *mmcCache) quantiles() (p95, p99 Seconds) {
	if !c.haveP {
		c.p95, c.p99 = c.queue().ResponseQuantiles(0.95, 0.99)
		c.haveP = true
	}
	return c.p95, c.p99
}

func newQueueModel(task TaskProfile, cfg QueueConfig) (queueModel, error) {
	if err := task.Validate(); err != nil {
		return queueModel{}, err
	}
	if err := cfg.validate(); err != nil {
		return queueModel{}, err
	}
	m := queueModel{task: task, concurrency: max(cfg.Concurrency, 1), limit: cfg.QueueLimit, rhoMax: cfg.MaxStationaryUtilisation}
	if m.limit == 0 {
		m.limit = math.Inf(1)
	}
	if m.rhoMax == 0 {
		m.rhoMax = DefaultMaxStationaryUtilisation
	}
	return m, nil
}

// queueStep is one step's outcome. Rates per second, counts in requests.
type queueStep struct {
	lambda, dt               float64
	running, servers         int
	capacity                 float64 // cμ, requests/s at the CPU ceiling
	arrived, served, dropped float64
	b0, b1, bMean, limit     float64
	// q is the model's cached queue (valid when servers > 0, until the
	// model's next step).
	q *mmcCache
}

// step advances the model by dt seconds at arrival rate lambda, writing
// the outcome to s (zero on entry; filled in place rather than returned,
// to spare the copies of a large value on the per-service path).
func (m *queueModel) step(s *queueStep, lambda, dt float64, running int, burstCap Percent) {
	if !(dt > 0) || running < 0 || !(lambda >= 0) || math.IsInf(lambda, 0) {
		panic("workload: step needs dt > 0, running ≥ 0 and a finite demand ≥ 0")
	}
	s.lambda, s.dt, s.running, s.servers, s.b0, s.limit = lambda, dt, running, running*m.concurrency, m.backlog, m.limit
	mu := m.ceiling(burstCap).throughput / float64(m.concurrency)
	s.capacity = float64(s.servers) * mu
	s.arrived = lambda * dt
	s.fluid()
	m.backlog = s.b1
	if s.servers > 0 {
		m.cache.set(min(lambda, m.rhoMax*s.capacity), mu, s.servers)
		s.q = &m.cache
	}
}

// fluid moves the backlog along b(t) = clamp(b0 + (λ−cμ)t, 0, limit).
func (s *queueStep) fluid() {
	r := s.lambda - s.capacity
	if s.b0 == 0 && r <= 0 {
		s.served = s.arrived
		return
	}
	end := s.b0 + r*s.dt
	// served is computed from the busy time, not as a difference, so that
	// rounding can never make it negative.
	switch {
	case end > s.limit:
		tau := (s.limit - s.b0) / r
		s.dropped, s.b1, s.served = end-s.limit, s.limit, s.capacity*s.dt
		s.bMean = (tau*(s.b0+s.limit)/2 + (s.dt-tau)*s.limit) / s.dt
	case end < 0:
		tau := s.b0 / -r
		s.served = s.capacity*tau + s.lambda*(s.dt-tau)
		s.bMean = tau * s.b0 / 2 / s.dt
	default:
		s.b1, s.bMean, s.served = end, (s.b0+end)/2, s.capacity*s.dt
	}
}

// backlogAt returns the fluid backlog t seconds into the step.
func (s *queueStep) backlogAt(t float64) float64 {
	return min(max(s.b0+(s.lambda-s.capacity)*t, 0), s.limit)
}

// idle reports whether no request arrived or waited during the step.
func (s *queueStep) idle() bool { return s.arrived == 0 && s.b0 == 0 && s.b1 == 0 }

// latency returns the mean, p95 and p99 response times of the requests of
// the step. The mean adds the mean backlog delay to the M/M/c mean. A
// percentile adds the p-quantile of the backlog delay b(t)/cμ over the step
// (b is monotone within a step, so it is b at p·dt when rising and at
// (1−p)·dt when falling) to the M/M/c response p-quantile: a sum of
// quantiles bounds the quantile of the sum from above; it is exact when
// either part is constant, as it is with no backlog. The M/M/c parts come
// from the table when there is one and it covers the queue's utilisation.
// It must be called for the model's latest step, whose queue is cached.
func (m *queueModel) latency(s *queueStep) (mean, p95, p99 Seconds) {
	if s.servers == 0 {
		l := s.noCapacityLatency()
		return l, l, l
	}
	c := &m.cache
	ok := false
	if m.table != nil {
		if m.row == nil || m.row.servers != c.servers {
			m.row = m.table.row(c.servers)
		}
		mean, p95, p99, ok = m.row.interpolate(c.lambda, c.theta, c.mu)
	}
	if !ok {
		mean = c.queue().MeanResponse()
		p95, p99 = c.quantiles()
	}
	return Seconds(s.bMean/s.capacity) + mean, s.backlogDelayQuantile(0.95) + p95, s.backlogDelayQuantile(0.99) + p99
}

// responseQuantile is latency's percentile for any p, always exact.
func (s *queueStep) responseQuantile(p float64) Seconds {
	if s.servers == 0 {
		return s.noCapacityLatency()
	}
	return s.backlogDelayQuantile(p) + s.q.queue().ResponseQuantile(p)
}

func (s *queueStep) backlogDelayQuantile(p float64) Seconds {
	if s.b0 == 0 && s.b1 == 0 {
		return 0
	}
	at := p * s.dt
	if s.lambda < s.capacity {
		at = (1 - p) * s.dt
	}
	return Seconds(s.backlogAt(at) / s.capacity)
}

func (s *queueStep) noCapacityLatency() Seconds {
	if s.idle() {
		return 0
	}
	return Seconds(math.Inf(1))
}

// waiting returns the expected requests waiting at the end of the step:
// the fluid backlog plus the M/M/c mean queue length.
func (s *queueStep) waiting() float64 {
	if s.servers == 0 {
		return s.b1
	}
	return s.b1 + s.q.queue().MeanQueueLength()
}

// busy returns the fraction of server capacity used during the step.
func (s *queueStep) busy() float64 {
	if s.capacity == 0 {
		return 0
	}
	return min(s.served/(s.capacity*s.dt), 1)
}

// usage returns the per-task CPU and memory utilisation and whether the
// memory is over the hard limit, every task serving an equal share.
func (m *queueModel) usage(s *queueStep, burstCap Percent) (cpu, mem Percent, over bool) {
	perTask := 0.0
	if s.running > 0 {
		perTask = s.served / s.dt / float64(s.running)
	}
	cpu, mem, _, over = m.task.utilisation(perTask, m.ceiling(burstCap))
	return cpu, mem, over
}
