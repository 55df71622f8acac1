package models

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
)

// stratItem is a resolved capacity provider strategy item.
type stratItem struct {
	prov         int32
	base, weight int
}

// pickProvider chooses the provider for a service's next task (ref §5.1
// modelling choice): the base provider until it holds base tasks, then
// the provider with the smallest count/weight (earlier on ties), counting
// the service's tasks that are not stopping.
func (w *World) pickProvider(s *service) int32 {
	return w.pickProviderAmong(s, func(int32) bool { return true })
}

// pickProviderIn is pickProvider among the providers that can run a task
// in az (Fargate: one of its AZs; EC2: an ACTIVE instance there), for an
// AZ rebalancing start; with none, it is pickProvider.
func (w *World) pickProviderIn(s *service, az int16) int32 {
	if az < 0 {
		return w.pickProvider(s)
	}
	serves := func(prov int32) bool {
		p := w.providers[prov]
		if p.kind.IsFargate() {
			return slices.Contains(p.azs, az)
		}
		for _, id := range p.instances {
			if in := &w.inst[id]; in.state == Active && in.az == az {
				return true
			}
		}
		return false
	}
	for _, it := range s.items {
		if it.weight > 0 && serves(it.prov) {
			return w.pickProviderAmong(s, serves)
		}
	}
	return w.pickProvider(s)
}

// pickProviderAmong applies pickProvider's rule to the providers ok accepts;
// at least one of them must have a weight.
func (w *World) pickProviderAmong(s *service, ok func(prov int32) bool) int32 {
	counts := w.providerCounts(s)
	for i, it := range s.items {
		if it.base > 0 && counts[i] < it.base && ok(it.prov) {
			return it.prov
		}
	}
	best := -1
	for i, it := range s.items {
		if it.weight == 0 || !ok(it.prov) {
			continue
		}
		// counts[i]/weight < counts[best]/weight[best], cross-multiplied.
		if best < 0 || counts[i]*s.items[best].weight < counts[best]*it.weight {
			best = i
		}
	}
	return s.items[best].prov
}

// providerCounts counts the service's active tasks per strategy item.
func (w *World) providerCounts(s *service) []int {
	counts := make([]int, len(s.items))
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.stopReq {
			continue
		}
		for i, it := range s.items {
			if it.prov == t.prov {
				counts[i]++
			}
		}
	}
	return counts
}

// startServiceTasks starts up to n tasks of the service's current
// deployment and returns how many it created.
func (w *World) startServiceTasks(s *service, n int) int {
	started := 0
	for range n {
		if !w.launchAllowed(s) {
			break
		}
		prov := w.pickProviderIn(s, s.rebal.toAZ)
		id := w.newTask(s.def, prov)
		t := &w.tasks[id]
		t.svc, t.rev = s.idx, s.rev
		w.tally(id, +1)
		s.tasks = append(s.tasks, id)
		if p := s.cfg.StartFailureProbability; p > 0 {
			t.willFailStart = w.eng.Stream("service/"+s.cfg.Name+"/start-failure").Float64() < p
		}
		if s.rebal.toAZ >= 0 {
			w.rebalanceStarting(s, id)
		}
		if !w.launch(id, w.requestFor(id)) {
			s.tasks = s.tasks[:len(s.tasks)-1]
			w.tally(id, -1)
			az, moved := t.wantAZ, t.rebalanceIn
			w.discardTask(id)
			if moved {
				s.rebal.failedAZs |= 1 << uint(az)
				w.rebalanceAbandon(s, fmt.Sprintf("service (%s) is unable to place a task in Availability Zone %s because no container instance met all of its requirements.",
					s.cfg.Name, w.azs[az]))
				break
			}
			w.markBlocked(s)
			break
		}
		if w.tasks[id].rebalanceIn {
			w.rebalanceStarted(s, id)
		}
		started++
		s.windowCount++
	}
	if started > 0 {
		s.blocked = false
		s.retryDelay = 0
	}
	return started
}

// launchAllowed applies the per-service launch rate (ref §2.4): at most
// 250 tasks a minute on EC2 and 500 on Fargate.
func (w *World) launchAllowed(s *service) bool {
	now := w.now()
	if now.Sub(s.windowStart) >= time.Minute {
		s.windowStart, s.windowCount = now, 0
	}
	limit := w.cfg.Quotas.ServiceLaunchesPerMinuteEC2
	if len(s.items) > 0 && w.providers[s.items[0].prov].kind.IsFargate() {
		limit = w.cfg.Quotas.ServiceLaunchesPerMinuteFargate
	}
	if s.windowCount < limit {
		return true
	}
	w.requestReconcile(s, s.windowStart.Add(time.Minute).Sub(now))
	return false
}

// launch finds capacity for a new task: a launch token on Fargate, an
// instance on EC2, or a place in the PROVISIONING queue of a
// managed-scaling provider (ref §3.2). It reports false when the task
// cannot exist: no capacity and no provider that would make some.
func (w *World) launch(id int32, req *placement.Request) bool {
	t := &w.tasks[id]
	p := w.providers[t.prov]
	w.logf("task", w.taskName(id), "PROVISIONING on %s", p.name)
	if p.kind.IsFargate() {
		w.fargateLaunch(id)
		return true
	}
	f, ok := w.placeEC2(p, id, req)
	if ok {
		w.beginProvisioning(id)
		return true
	}
	w.counters.placementFailures[f.Reason.String()]++
	// An AZ rebalancing start does not wait for capacity: it would drive
	// cluster auto scaling, which launches in its own choice of AZ.
	if p.managed != nil && !t.rebalanceIn && w.waitingTotal < w.cfg.Quotas.ProvisioningTasksPerCluster {
		w.wait(id, p)
		return true
	}
	w.logf("placement", w.taskName(id), "unable to place a task: %v", f)
	return false
}

// discardTask forgets a task that was never created (RunTask failure).
func (w *World) discardTask(id int32) {
	w.tasks[id] = task{}
	w.freeTask = append(w.freeTask, id)
	w.counters.tasksStarted--
	w.rec.taskDiscarded()
}

// markBlocked backs a service off while capacity is missing (ref §3.3
// modelling choice: the retry interval doubles up to PlacementRetryMax and
// resets when capacity arrives).
func (w *World) markBlocked(s *service) {
	s.blocked = true
	if s.retryDelay == 0 {
		s.retryDelay = w.cfg.Timing.SchedulerDelay
	} else {
		s.retryDelay = min(2*s.retryDelay, w.cfg.Timing.PlacementRetryMax)
	}
	w.requestReconcile(s, s.retryDelay)
}

// wait parks a task in PROVISIONING until its provider has capacity; it
// gives up after the provisioning timeout (ref §3.2).
func (w *World) wait(id int32, p *provider) {
	t := &w.tasks[id]
	t.waiting = true
	p.waiting = append(p.waiting, id)
	w.waitingTotal++
	t.timer = w.eng.After(w.sample("task/provisioning-timeout", w.cfg.Timing.ProvisioningTimeout), &w.h.provTimeout, int64(id))
}

// unwait removes a task from its provider's waiting list.
func (w *World) unwait(id int32) {
	t := &w.tasks[id]
	p := w.providers[t.prov]
	for i, x := range p.waiting {
		if x == id {
			p.waiting = append(p.waiting[:i], p.waiting[i+1:]...)
			break
		}
	}
	t.waiting = false
	w.waitingTotal--
}

// provisioningTimeoutHandler stops a task that waited too long.
type provisioningTimeoutHandler struct{ w *World }

func (h *provisioningTimeoutHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	w.tasks[arg].timer = sim.EventID{}
	w.counters.provisioningGiveUps++
	w.stopTask(int32(arg), "Capacity is unavailable at this time (timed out in PROVISIONING)")
}

// capacityArrived: an instance registered with p.
func (w *World) capacityArrived(p *provider) {
	w.retryWaitingNow(p)
	for _, s := range w.services {
		if s.blocked {
			s.retryDelay = 0
			w.requestReconcile(s, 0)
		}
	}
}

// capacityFreed: a task released resources on one of p's instances. The
// retry is coalesced into one event at the current time.
func (w *World) capacityFreed(p *provider) {
	if len(p.waiting) > 0 && !p.retryQueued {
		p.retryQueued = true
		w.eng.After(0, &w.h.retryWaiting, int64(p.idx))
	}
}

type retryWaitingHandler struct{ w *World }

func (h *retryWaitingHandler) Handle(_ sim.Time, arg int64) {
	p := h.w.providers[arg]
	p.retryQueued = false
	h.w.retryWaitingNow(p)
}

// retryWaitingNow places waiting tasks in arrival order where they fit.
func (w *World) retryWaitingNow(p *provider) {
	for i := 0; i < len(p.waiting); {
		id := p.waiting[i]
		t := &w.tasks[id]
		if _, ok := w.placeEC2(p, id, w.requestFor(id)); ok {
			w.unwait(id)
			w.eng.Cancel(t.timer)
			w.beginProvisioning(id)
			continue
		}
		i++
	}
}

// requestFor returns the placement request of an existing task.
func (w *World) requestFor(id int32) *placement.Request {
	t := &w.tasks[id]
	if t.svc >= 0 && t.wantAZ >= 0 {
		return w.services[t.svc].azRequest(w, t.def, t.wantAZ)
	}
	if t.svc >= 0 {
		return w.services[t.svc].request(w, t.def)
	}
	return w.streams[t.stream].request(w, t.def)
}

// reconcileDaemon keeps one task of a DAEMON service on every ACTIVE
// instance that satisfies its constraints (ref §1.11).
func (w *World) reconcileDaemon(s *service) {
	for _, p := range w.providers {
		if p.kind != ProviderEC2 {
			continue
		}
		for _, id := range p.instances {
			if w.inst[id].state == Active {
				w.placeDaemon(s, p, id)
			}
		}
	}
}

// placeDaemonsOn places every daemon service's task on a new instance.
func (w *World) placeDaemonsOn(id int32) {
	p := w.providers[w.inst[id].prov]
	for _, s := range w.services {
		if s.cfg.Daemon {
			w.placeDaemon(s, p, id)
		}
	}
}

// placeDaemon starts s's daemon task on instance id unless one runs there.
func (w *World) placeDaemon(s *service, p *provider, id int32) {
	for _, tid := range w.inst[id].tasks {
		if t := &w.tasks[tid]; t.svc == s.idx && !t.stopReq {
			return
		}
	}
	tid := w.newTask(s.def, p.idx)
	t := &w.tasks[tid]
	t.svc, t.rev, t.daemon = s.idx, s.rev, true
	w.tally(tid, +1)
	s.tasks = append(s.tasks, tid)
	if f, ok := w.placeOnInstance(p, tid, id, s.request(w, s.def)); !ok {
		s.tasks = s.tasks[:len(s.tasks)-1]
		w.tally(tid, -1)
		w.discardTask(tid)
		w.counters.placementFailures[f.Reason.String()]++
		w.logf("placement", "service:"+s.cfg.Name, "daemon task does not fit %s: %v", w.instanceName(id), f)
		return
	}
	w.beginProvisioning(tid)
}
