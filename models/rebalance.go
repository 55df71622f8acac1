package models

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
)

// Availability Zone rebalancing (ref §1.10). Once a service is in steady
// state, ECS compares its task counts per AZ; when they are uneven it
// starts tasks in the AZ with the fewest and stops tasks in the AZ with the
// most. AWS does not say what "uneven" is or how many tasks move at once;
// the modelling choice (ref §1.10) is:
//
//   - balanced means max − min ≤ 1 over the AZs the service can use: its
//     Fargate provider's AZs, or the AZs where its EC2 providers have ACTIVE
//     instances;
//   - one task moves at a time: a task is started in the emptiest AZ (lowest
//     index on ties) and, once it is healthy, the newest task of the fullest
//     AZ is stopped; when maximumPercent leaves no room for the extra task,
//     the old task is stopped first, as far as minimumHealthyPercent allows;
//     with neither possible the service is left as it is;
//   - the start goes to a provider with capacity in the AZ and never waits
//     in PROVISIONING for cluster auto scaling; tasks under scale-in
//     protection are not chosen to leave;
//   - a start that cannot be placed in its AZ abandons the move; that AZ no
//     longer counts for balance until an instance registers in it, and the
//     service looks again after a back-off that doubles from the scheduler
//     delay up to Timing.PlacementRetryMax; a new task lost before its move
//     completes abandons the move the same way, without excluding the AZ;
//   - a deployment, or a scale-in that leaves a due start unwanted, cancels
//     the move.

// rebalance is a service's AZ rebalancing state.
type rebalance struct {
	enabled   bool
	active    bool  // SERVICE_REBALANCING_STARTED was logged and not yet COMPLETED
	moving    bool  // a move is under way (its tasks carry rebalanceOut/In)
	toAZ      int16 // AZ of the next start of the current move, −1 when none is due
	stopFirst bool  // the current move stops its old task before starting the new one
	moves     int   // tasks moved, over the run
	// failedAZs are AZs where a rebalancing start could not be placed; they
	// do not count for balance until an instance registers there.
	failedAZs uint64
	delay     time.Duration
	notBefore sim.Time
	azReqs    []azRequest
}

// azRequest is a service's placement request pinned to one AZ.
type azRequest struct {
	def int32
	az  int16
	req placement.Request
}

// rebalanceDefault is the CreateService default (ref §1.10): ENABLED for
// services compatible with rebalancing, DISABLED for daemons and for
// services placed with binpack.
func rebalanceDefault(c *ServiceConfig) bool {
	if c.Daemon {
		return false
	}
	for _, st := range c.PlacementStrategy {
		if strings.EqualFold(st.Type, "binpack") {
			return false
		}
	}
	return true
}

// azRequest returns the placement request for tasks of def pinned to az:
// the service's policy plus a memberOf constraint on the AZ attribute.
func (s *service) azRequest(w *World, def int32, az int16) *placement.Request {
	for i := range s.rebal.azReqs {
		if r := &s.rebal.azReqs[i]; r.def == def && r.az == az {
			return &r.req
		}
	}
	cons := append([]PlacementConstraint(nil), s.cfg.PlacementConstraints...)
	cons = append(cons, PlacementConstraint{Type: "memberOf",
		Expression: fmt.Sprintf("attribute:%s == %s", placement.AttrAvailabilityZone, w.azs[az])})
	pol, err := w.policy(s.cfg.PlacementStrategy, cons, w.defs[def], true)
	if err != nil {
		// The service's own policy compiled, and an AZ name is a valid value.
		w.fail("models: AZ policy of %s: %v", s.cfg.Name, err)
		return s.request(w, def)
	}
	s.rebal.azReqs = append(s.rebal.azReqs, azRequest{def: def, az: az, req: w.defs[def].request(s.group, pol)})
	return &s.rebal.azReqs[len(s.rebal.azReqs)-1].req
}

// spanAZs returns the AZs in mask with the fewest and the most tasks
// (lowest index on ties), or −1 when mask is empty.
func spanAZs(counts []int, mask uint64) (lo, hi int16) {
	lo, hi = -1, -1
	for az := range counts {
		if mask&(1<<uint(az)) == 0 {
			continue
		}
		if lo < 0 || counts[az] < counts[lo] {
			lo = int16(az)
		}
		if hi < 0 || counts[az] > counts[hi] {
			hi = int16(az)
		}
	}
	return lo, hi
}

// providerAZs returns, as a mask, the AZs the service's providers launch into.
func (w *World) providerAZs(s *service) uint64 {
	var m uint64
	for _, it := range s.items {
		for _, az := range w.providers[it.prov].azs {
			m |= 1 << uint(az)
		}
	}
	return m
}

// usableAZs returns, as a mask, the AZs balance is judged over: on Fargate
// the provider's AZs (its subnets); on EC2 the AZs where the service's
// providers have ACTIVE instances, as placement's AZ spread sees them, so
// that an AZ without instances is not a reason to move tasks.
func (w *World) usableAZs(s *service) uint64 {
	var m uint64
	for _, it := range s.items {
		p := w.providers[it.prov]
		if p.kind.IsFargate() {
			for _, az := range p.azs {
				m |= 1 << uint(az)
			}
			continue
		}
		for _, id := range p.instances {
			if in := &w.inst[id]; in.state == Active {
				m |= 1 << uint(in.az)
			}
		}
	}
	return m &^ s.rebal.failedAZs
}

// rebalanceCapacityIn: instance id of provider p registered. A rebalancing
// start in its AZ may succeed again, and when it is p's first ACTIVE
// instance there the services on p have a new AZ to balance over: both
// are reasons to look at those services again.
func (w *World) rebalanceCapacityIn(p *provider, id int32) {
	az := w.inst[id].az
	bit := uint64(1) << uint(az)
	first := -1 // unknown until a service needs it: the scan is O(instances)
	isFirst := func() bool {
		if first < 0 {
			first = 1
			for _, o := range p.instances {
				if in := &w.inst[o]; o != id && in.state == Active && in.az == az {
					first = 0
					break
				}
			}
		}
		return first == 1
	}
	for _, s := range w.services {
		r := &s.rebal
		if !r.enabled || s.cfg.Daemon || !slices.ContainsFunc(s.items, func(it stratItem) bool { return it.prov == p.idx }) {
			continue
		}
		failed := r.failedAZs&bit != 0
		r.failedAZs &^= bit
		if failed || isFirst() {
			w.requestReconcile(s, 0)
		}
	}
}

// serviceAZCounts counts the service's current tasks per AZ.
func (w *World) serviceAZCounts(s *service) []int {
	counts := make([]int, len(w.azs))
	for _, id := range s.tasks {
		if t := &w.tasks[id]; !t.stopReq && !w.replaceable(s, t) && t.az >= 0 {
			counts[t.az]++
		}
	}
	return counts
}

// rebalanceMoving reports whether a move is under way: a start is due, an
// old task has not stopped yet, or a new task is not yet healthy.
func (w *World) rebalanceMoving(s *service) bool {
	if s.rebal.toAZ >= 0 {
		return true
	}
	now := w.now()
	for _, id := range s.tasks {
		if t := &w.tasks[id]; t.rebalanceOut || (t.rebalanceIn && !t.stopReq && !t.healthy(now)) {
			return true
		}
	}
	return false
}

// rebalanceMayStop reports whether the old task of the current move may be
// stopped: at once when the move stops first, otherwise once its new task
// is healthy.
func (w *World) rebalanceMayStop(s *service) bool {
	if s.rebal.stopFirst {
		return true
	}
	now := w.now()
	for _, id := range s.tasks {
		if t := &w.tasks[id]; t.rebalanceIn && t.healthy(now) {
			return true
		}
	}
	return false
}

// rebalanceStarting makes task id, about to launch, the new task of the
// current move, pinned to its AZ.
func (w *World) rebalanceStarting(s *service, id int32) {
	az := s.rebal.toAZ
	s.rebal.toAZ = -1
	w.tasks[id].rebalanceIn = true
	w.tasks[id].wantAZ = az
}

// rebalanceStarted records that the move's new task launched.
func (w *World) rebalanceStarted(s *service, id int32) {
	s.rebal.moves++
	w.logf("rebalance", "service:"+s.cfg.Name, "%s has started 1 tasks in Availability Zone %s to AZ Rebalance: %s",
		s.cfg.Name, w.azs[w.tasks[id].wantAZ], w.taskName(id))
}

// rebalanceCancel drops the current move without a back-off: the service
// changed under it (a deployment, or a desired count that no longer wants
// the new task). An old task already stopping stays stopped.
func (w *World) rebalanceCancel(s *service) {
	for _, id := range s.tasks {
		t := &w.tasks[id]
		t.rebalanceIn = false
		if !t.stopReq {
			t.rebalanceOut = false
		}
	}
	s.rebal.toAZ, s.rebal.stopFirst, s.rebal.moving = -1, false, false
	w.requestReconcile(s, 0)
}

// rebalanceAbandon gives up the current move: its old task stays (if it
// has not stopped yet) and the service looks again after a back-off.
func (w *World) rebalanceAbandon(s *service, why string) {
	for _, id := range s.tasks {
		if t := &w.tasks[id]; t.rebalanceOut && !t.stopReq {
			t.rebalanceOut = false
		}
	}
	w.logf("rebalance", "service:"+s.cfg.Name, "%s", why)
	s.rebal.toAZ = -1
	s.rebal.stopFirst = false
	s.rebal.moving = false
	r := &s.rebal
	r.delay = min(max(2*r.delay, w.cfg.Timing.SchedulerDelay), w.cfg.Timing.PlacementRetryMax)
	r.notBefore = w.now().Add(r.delay)
	// A stopped old task is replaced by the usual rules at once; the next
	// move waits for notBefore (rebalanceCheck).
	w.requestReconcile(s, 0)
}

// rebalanceCheck runs after a reconcile pass. It follows the move under
// way, and in steady state starts the next move or reports the service
// balanced.
func (w *World) rebalanceCheck(s *service, c census) {
	r := &s.rebal
	if !r.enabled {
		return
	}
	if r.moving && !w.rebalanceSettle(s, c) {
		return
	}
	steady := !s.deploying && c.replace == 0 && c.waiting == 0 && c.current == s.desired && c.healthy == s.desired
	if !steady && !s.deploying && c.replace == 0 && c.current == s.desired && c.nextHealthy != sim.Never {
		// Steady once the last new task is healthy: look again then (a
		// reconcile request coalesced into an earlier one would not).
		w.requestReconcile(s, c.nextHealthy.Sub(w.now()))
	}
	if !steady || s.desired < 2 {
		return
	}
	now := w.now()
	if now < r.notBefore {
		w.requestReconcile(s, r.notBefore.Sub(now))
		return
	}
	counts := w.serviceAZCounts(s)
	// The usable AZs are among the providers' AZs: when those are balanced,
	// so are the usable ones, and the instance scan is not needed.
	mask := w.providerAZs(s)
	lo, hi := spanAZs(counts, mask)
	if lo >= 0 && counts[hi]-counts[lo] > 1 || r.active {
		mask = w.usableAZs(s)
		lo, hi = spanAZs(counts, mask)
	}
	if lo < 0 || counts[hi]-counts[lo] <= 1 {
		if r.active {
			r.active, r.delay = false, 0
			w.logf("rebalance", "service:"+s.cfg.Name, "service (%s) is AZ balanced with %s", s.cfg.Name, w.azCountText(counts, mask))
		}
		return
	}
	maxTasks, minHealthy := s.limits()
	startFirst := c.inflight < maxTasks
	if !startFirst && c.healthy-1 < minHealthy {
		return // neither an extra task nor one fewer is allowed
	}
	victim := w.rebalanceVictim(s, hi)
	if victim < 0 {
		// Every task there is under scale-in protection: look again after
		// a step, when the protection has been redrawn.
		w.requestReconcile(s, w.tick)
		return
	}
	if !r.active {
		r.active = true
		w.logf("rebalance", "service:"+s.cfg.Name, "service (%s) is not AZ balanced with %s. AZ Rebalancing in progress.",
			s.cfg.Name, w.azCountText(counts, mask))
	}
	w.tasks[victim].rebalanceOut = true
	r.toAZ, r.stopFirst, r.moving = lo, !startFirst, true
	w.requestReconcile(s, 0)
}

// rebalanceSettle follows the move under way and reports whether it is
// over. A deployment, or a desired count that no longer wants the start
// still due, cancels it; a new task gone before the move completed (a
// start failure, an interruption, a scale-in) abandons it.
func (w *World) rebalanceSettle(s *service, c census) bool {
	r := &s.rebal
	switch {
	case s.deploying || (r.toAZ >= 0 && c.current >= s.desired):
		w.rebalanceCancel(s)
		return false
	case r.toAZ < 0 && !r.stopFirst && w.rebalanceOrphaned(s):
		w.rebalanceAbandon(s, fmt.Sprintf("service (%s) AZ rebalancing: the task started to rebalance stopped before the move completed", s.cfg.Name))
		return false
	case w.rebalanceMoving(s):
		return false
	}
	for _, id := range s.tasks {
		w.tasks[id].rebalanceIn = false
	}
	r.stopFirst, r.moving = false, false
	return true
}

// rebalanceOrphaned reports whether an old task still waits for a new task
// that is gone (it stopped before it was healthy).
func (w *World) rebalanceOrphaned(s *service) bool {
	out, in := false, false
	for _, id := range s.tasks {
		t := &w.tasks[id]
		out = out || (t.rebalanceOut && !t.stopReq)
		in = in || (t.rebalanceIn && !t.stopReq)
	}
	return out && !in
}

// rebalanceVictim picks the task leaving AZ az: the newest of the service's
// current tasks there (highest ID on equal creation times).
func (w *World) rebalanceVictim(s *service, az int16) int32 {
	best := int32(-1)
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.stopReq || t.az != az || w.replaceable(s, t) || t.protected {
			continue
		}
		if best < 0 || t.created > w.tasks[best].created || (t.created == w.tasks[best].created && id > best) {
			best = id
		}
	}
	return best
}

// azCountText renders per-AZ counts as ECS's rebalancing events do.
func (w *World) azCountText(counts []int, mask uint64) string {
	var parts []string
	for az, n := range counts {
		if mask&(1<<uint(az)) != 0 {
			parts = append(parts, fmt.Sprintf("%d tasks in %s", n, w.azs[az]))
		}
	}
	return strings.Join(parts, ", ")
}
