package models

import (
	"github.com/ecsim/ecsim/models/cost"
	"math"
	"slices"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
)

// service is an ECS service's scheduler state.
type service struct {
	idx    int32
	cfg    *ServiceConfig
	group  string // "service:<name>" (ref §1.6)
	policy *placement.Policy
	items  []stratItem // capacity provider strategy, resolved

	desired int
	def     int32   // task definition of the current (primary) deployment
	rev     int32   // deployment generation; tasks of older ones are replaced
	revDefs []int32 // task definition of each generation
	tasks   []int32 // tasks not yet STOPPED
	reqs    []defRequest

	minPct, maxPct int
	rebal          rebalance // AZ rebalancing (ref §1.10)

	reconcileAt sim.Time
	reconcileID sim.EventID
	// retryDelay paces placement retries while capacity is missing
	// (ref §3.3 modelling choice: doubles up to Timing.PlacementRetryMax).
	retryDelay time.Duration
	blocked    bool // the last start attempt found no capacity
	// throttle after tasks fail to start (ref §3.3).
	failStreak    int
	throttleUntil sim.Time
	// launch-rate window (ref §2.4: 250/min EC2, 500/min Fargate).
	windowStart sim.Time
	windowCount int

	deploying      bool
	deployFailed   bool // circuit breaker tripped: no more new-generation tasks
	deployFailures int

	tally taskTally // counts the step reads, kept incrementally
	// bursts: the workload's tasks may use their instances' idle CPU, so
	// each step needs burstCeiling (for capped tasks the model ignores it).
	bursts bool
	// Copies of config the step reads, kept here so that the pass over
	// every service does not reach into the cold config (cache misses):
	// behindLB is cfg.LoadBalancer != nil; taskCapacity is the workload's
	// or worker's requests per second per task at 100 % CPU.
	behindLB     bool
	taskCapacity float64
	scaling      *serviceScaling
	wl           *workload.Service
	worker       *workload.Worker
	stats        serviceStats
	meterID      cost.ServiceID
}

// defRequest is the placement request of one task definition for a service.
type defRequest struct {
	def int32
	req placement.Request
}

// request returns the placement request for tasks of def.
func (s *service) request(w *World, def int32) *placement.Request {
	for i := range s.reqs {
		if s.reqs[i].def == def {
			return &s.reqs[i].req
		}
	}
	s.reqs = append(s.reqs, defRequest{def: def, req: w.defs[def].request(s.group, s.policy)})
	return &s.reqs[len(s.reqs)-1].req
}

// reconcileHandler runs the service scheduler for one service.
type reconcileHandler struct{ w *World }

func (h *reconcileHandler) Handle(_ sim.Time, arg int64) {
	s := h.w.services[arg]
	s.reconcileID = sim.EventID{}
	h.w.reconcile(s)
	if h.w.probe != nil {
		h.w.probe()
	}
}

// requestReconcile asks the scheduler to look at s after at least d (and
// at least the scheduler delay); requests coalesce to the earliest.
func (w *World) requestReconcile(s *service, d time.Duration) {
	at := w.now().Add(max(d, w.cfg.Timing.SchedulerDelay))
	if !s.reconcileID.IsZero() {
		if s.reconcileAt <= at {
			return
		}
		w.eng.Cancel(s.reconcileID)
	}
	if at >= w.end {
		return
	}
	s.reconcileAt = at
	s.reconcileID = w.eng.At(at, &w.h.reconcile, int64(s.idx))
}

// census counts a service's tasks the way the deployment rules see them.
type census struct {
	current     int // tasks of the current generation, not stopping, not on a draining instance
	replace     int // tasks to be replaced: older generations or on draining instances
	inflight    int // tasks counting toward maximumPercent
	healthy     int // healthy tasks of any generation
	waiting     int // of current: waiting for capacity
	nextHealthy sim.Time
}

func (w *World) census(s *service) census {
	now := w.now()
	c := census{nextHealthy: sim.Never}
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.stopReq {
			continue
		}
		if t.countsForMax() {
			c.inflight++
		}
		if t.healthy(now) {
			c.healthy++
		} else if t.state == Running && t.healthyAt < c.nextHealthy {
			c.nextHealthy = t.healthyAt
		}
		if w.replaceable(s, t) {
			c.replace++
		} else {
			c.current++
			if t.waiting {
				c.waiting++
			}
		}
	}
	return c
}

// replaceable reports whether a task is to be replaced: it belongs to an
// older deployment, its instance is draining (ref §5.5, §7.3), or AZ
// rebalancing moves it (ref §1.10).
func (w *World) replaceable(s *service, t *task) bool {
	return t.rev != s.rev || (t.inst >= 0 && w.inst[t.inst].state == Draining) || t.rebalanceOut
}

// onlyRebalancing reports whether AZ rebalancing is the one reason t is
// replaced.
func (w *World) onlyRebalancing(s *service, t *task) bool {
	return t.rebalanceOut && t.rev == s.rev && (t.inst < 0 || w.inst[t.inst].state != Draining)
}

// reconcile is one pass of the replica service scheduler: start missing
// tasks, replace tasks of older deployments and draining instances within
// minimumHealthyPercent / maximumPercent (ref §4.2 modelling choice), and
// stop surplus tasks with the scale-in rules (ref §1.7).
func (w *World) reconcile(s *service) {
	if s.cfg.Daemon {
		w.reconcileDaemon(s)
		return
	}
	now := w.now()
	if now < s.throttleUntil {
		w.requestReconcile(s, s.throttleUntil.Sub(now))
		return
	}
	c := w.census(s)
	desired := s.desired
	maxTasks, minHealthy := s.limits()

	if want := desired - c.current; want > 0 && !s.deployFailed {
		if n := min(want, maxTasks-c.inflight); n > 0 {
			c.inflight += w.startServiceTasks(s, n)
		} else if c.replace > 0 && c.healthy <= minHealthy {
			w.logf("deployment", "service:"+s.cfg.Name,
				"unable to stop or start tasks during a deployment because of the service deployment configuration")
		}
	}
	// A failed deployment without rollback launches no more tasks and
	// keeps what runs (ref §4.3).
	if c.replace > 0 && !s.deployFailed {
		w.stopReplaced(s, &c, minHealthy)
	}
	if surplus := c.current - desired; surplus > 0 {
		w.scaleInService(s, surplus)
	}
	w.afterReconcile(s)
}

// limits are the rolling update's bounds (ref §4.2): the most tasks
// maximumPercent allows (rounded down) and the fewest healthy ones
// minimumHealthyPercent needs (rounded up).
func (s *service) limits() (maxTasks, minHealthy int) {
	return s.desired * s.maxPct / 100, int(math.Ceil(float64(s.desired*s.minPct) / 100))
}

// afterReconcile schedules the next look: when a new task turns healthy
// during a replacement, and tracks deployment completion.
func (w *World) afterReconcile(s *service) {
	c := w.census(s) // after this pass's starts and stops
	if c.replace > 0 && c.nextHealthy != sim.Never {
		w.requestReconcile(s, c.nextHealthy.Sub(w.now()))
	}
	if s.deploying && c.replace == 0 && c.current >= s.desired && c.healthy >= s.desired {
		s.deploying = false
		w.logf("deployment", "service:"+s.cfg.Name, "deployment COMPLETED")
	}
	w.rebalanceCheck(s, c)
}

// stopReplaced stops tasks that are being replaced: first the ones that
// are not healthy (they hold no capacity the minimum counts), then
// healthy ones while the healthy total stays at or above the minimum.
func (w *World) stopReplaced(s *service, c *census, minHealthy int) {
	now := w.now()
	var old []int32
	mayMove := w.rebalanceMayStop(s)
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.stopReq || !w.replaceable(s, t) || (!mayMove && w.onlyRebalancing(s, t)) {
			continue
		}
		// Scale-in protection holds off a deployment (and a rebalancing
		// move), not the replacement of tasks on a draining instance.
		if t.protected && (t.inst < 0 || w.inst[t.inst].state != Draining) {
			continue
		}
		old = append(old, id)
	}
	// Unhealthy first, then by task ID: deterministic.
	slices.SortStableFunc(old, func(a, b int32) int {
		ha, hb := w.tasks[a].healthy(now), w.tasks[b].healthy(now)
		switch {
		case ha == hb:
			return int(a - b)
		case hb:
			return -1
		}
		return 1
	})
	for _, id := range old {
		if w.tasks[id].healthy(now) {
			if c.healthy-1 < minHealthy {
				break
			}
			c.healthy--
		}
		c.replace--
		c.inflight--
		if w.onlyRebalancing(s, &w.tasks[id]) {
			w.logf("rebalance", "service:"+s.cfg.Name, "%s has stopped 1 running tasks in Availability Zone %s due to AZ rebalancing: %s",
				s.cfg.Name, w.azs[w.tasks[id].az], w.taskName(id))
			w.stopTask(id, "Task stopped by the service scheduler for Availability Zone rebalancing")
			continue
		}
		w.stopTask(id, "Task replaced by the service scheduler (deployment or draining)")
	}
}

// taskLeavesActive runs when a task is asked to stop.
func (w *World) taskLeavesActive(id int32) {
	t := &w.tasks[id]
	if t.ptask >= 0 {
		w.placerStopping(id)
	}
	if t.svc >= 0 {
		w.requestReconcile(w.services[t.svc], 0)
	}
}

// serviceTaskRunning: the task reached RUNNING.
func (w *World) serviceTaskRunning(id int32) {
	t := &w.tasks[id]
	s := w.services[t.svc]
	s.failStreak = 0
	if t.ptask >= 0 && !w.cfg.Timing.KeepUnstartedOnScaleIn {
		w.setPriority(w.providers[t.prov], id, placement.PriorityNormal)
	}
	w.requestReconcile(s, t.healthyAt.Sub(w.now()))
}

// serviceTaskStopped: the task reached STOPPED; the scheduler replaces it
// if the service still wants it.
func (w *World) serviceTaskStopped(id int32, s *service) {
	if i := slices.Index(s.tasks, id); i >= 0 {
		s.tasks = slices.Delete(s.tasks, i, i+1)
	}
	w.requestReconcile(s, 0)
}

// serviceStartFailed: a task stopped before RUNNING. ref §3.3: repeated
// failures back off up to 15 minutes; ref §4.3: they feed the circuit
// breaker of the deployment the task belongs to.
func (w *World) serviceStartFailed(id int32) {
	t := &w.tasks[id]
	s := w.services[t.svc]
	s.failStreak++
	backoff := w.cfg.Timing.ThrottleBase << min(s.failStreak-1, 20)
	s.throttleUntil = w.now().Add(min(backoff, w.cfg.Timing.ThrottleMax))
	if t.rev == s.rev && s.deploying {
		s.deployFailures++
		w.checkCircuitBreaker(s)
	}
}

// serviceScaling is a service's Application Auto Scaling state.
type serviceScaling struct {
	target  *autoscale.ScalableTarget
	custom  []customMetric // the metrics its policies read, published every step
	nextSch sim.EventID
}
