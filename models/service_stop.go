package models

import (
	"math"
	"slices"

	"github.com/ecsim/ecsim/sim"
)

// scaleInService stops n surplus tasks. Tasks waiting for capacity go
// first (they have no traffic, ref §1.7 modelling choice); then, n times,
// the provider with the largest surplus over its weight share gives one
// task (never taking the base provider below its base; ref §5.1
// modelling choice), chosen by the service's strategy chain on EC2 and by
// AZ balance on Fargate. Tasks under scale-in protection are skipped; when
// a provider has only protected tasks the next one gives a task, and when
// none has an unprotected task the rest of the scale-in waits (the
// protection's changes bring the scheduler back).
func (w *World) scaleInService(s *service, n int) {
	for _, id := range slices.Clone(s.tasks) {
		if n == 0 {
			return
		}
		if t := &w.tasks[id]; t.waiting && !t.stopReq && !w.replaceable(s, t) {
			w.stopTask(id, "Scaling activity initiated by service auto scaling")
			n--
		}
	}
	for ; n > 0; n-- {
		victim := w.scaleInVictim(s)
		if victim < 0 {
			return
		}
		w.stopTask(victim, "Scaling activity initiated by service auto scaling")
	}
}

// scaleInVictim chooses the next task to stop: from the provider
// scaleInItem prefers, else, if all its tasks are protected, from the next.
func (w *World) scaleInVictim(s *service) int32 {
	var skip uint64 // strategy items with only protected tasks
	for range s.items {
		i := w.scaleInItem(s, skip)
		if i < 0 {
			return -1
		}
		p := w.providers[s.items[i].prov]
		if p.kind.IsFargate() {
			if v := w.fargateVictim(s, p); v >= 0 {
				return v
			}
		} else if v := w.scaleInEC2(p, s, 1); len(v) > 0 {
			return v[0]
		}
		skip |= 1 << uint(i)
	}
	return -1
}

// scaleInItem picks the strategy item to remove a task from: the largest
// count/weight among items holding more than their base.
func (w *World) scaleInItem(s *service, skip uint64) int {
	counts := w.providerCounts(s)
	best := -1
	for i, it := range s.items {
		if counts[i] <= it.base || skip&(1<<uint(i)) != 0 {
			continue
		}
		wt := max(it.weight, 1)
		if best < 0 || counts[i]*max(s.items[best].weight, 1) > counts[best]*wt {
			best = i
		}
	}
	return best
}

// fargateVictim picks a Fargate task to stop: not yet RUNNING first, then
// from the AZ with the most of the service's tasks (ref §1.10: Fargate
// keeps AZ balance when stopping), newest first within it; never a task
// under scale-in protection.
func (w *World) fargateVictim(s *service, p *provider) int32 {
	perAZ := make([]int, len(w.azs))
	for _, id := range s.tasks {
		if t := &w.tasks[id]; !t.stopReq && t.prov == p.idx && t.az >= 0 {
			perAZ[t.az]++
		}
	}
	best := int32(-1)
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.stopReq || t.prov != p.idx || w.replaceable(s, t) || t.protected {
			continue
		}
		if best < 0 {
			best = id
			continue
		}
		b := &w.tasks[best]
		switch {
		case (t.state < Running) != (b.state < Running):
			if t.state < Running {
				best = id
			}
		case t.az >= 0 && b.az >= 0 && perAZ[t.az] != perAZ[b.az]:
			if perAZ[t.az] > perAZ[b.az] {
				best = id
			}
		case t.created > b.created || (t.created == b.created && id > best):
			best = id
		}
	}
	return best
}

// setServiceDesired sets a service's desired count.
func (w *World) setServiceDesired(s *service, n int, why string) {
	if n == s.desired || s.cfg.Daemon {
		return
	}
	w.logf("scaling", "service:"+s.cfg.Name, "desired %d → %d (%s)", s.desired, n, why)
	if n > s.desired {
		w.counters.serviceScaleOut++
	} else {
		w.counters.serviceScaleIn++
	}
	w.counters.scalingActions++
	s.desired = n
	w.requestReconcile(s, 0)
}

// deployHandler starts a scheduled deployment: arg = service<<20 | index.
type deployHandler struct{ w *World }

func (h *deployHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	s := w.services[arg>>20]
	d := s.cfg.Deployments[arg&(1<<20-1)]
	def, _ := w.lookupDef(d.TaskDef) // checked by New
	w.deploy(s, int32(def), "deployment of "+d.TaskDef)
}

func (w *World) scheduleDeployments(s *service) {
	for i, d := range s.cfg.Deployments {
		if at := sim.Time(d.At); at < w.end {
			w.eng.At(at, &w.h.deploy, int64(s.idx)<<20|int64(i))
		}
	}
}

// deploy starts a rolling deployment to def: a new generation whose tasks
// replace the older ones (ref §4.2). A new deployment resets the start
// throttle (ref §3.3) and the circuit breaker count.
func (w *World) deploy(s *service, def int32, why string) {
	s.rev++
	s.revDefs = append(s.revDefs, def)
	s.def = def
	s.deploying = true
	s.deployFailed = false
	s.deployFailures = 0
	s.failStreak = 0
	s.throttleUntil = 0
	w.counters.deployments++
	w.logf("deployment", "service:"+s.cfg.Name, "%s (%s) IN_PROGRESS", why, w.defs[def].cfg.Ref())
	w.requestReconcile(s, 0)
}

// checkCircuitBreaker trips the deployment circuit breaker (ref §4.3):
// threshold = clamp(ceil(0.5 × desired), min, 200), min 3 by default.
func (w *World) checkCircuitBreaker(s *service) {
	dc := s.cfg.Deployment
	if !dc.CircuitBreaker || s.deployFailed {
		return
	}
	threshold := min(max(int(math.Ceil(0.5*float64(s.desired))), dc.CircuitBreakerMinThreshold), 200)
	if s.deployFailures < threshold {
		return
	}
	w.counters.deploymentsFailed++
	w.logf("deployment", "service:"+s.cfg.Name, "circuit breaker: deployment FAILED after %d failed tasks", s.deployFailures)
	if dc.Rollback && len(s.revDefs) >= 2 {
		w.deploy(s, s.revDefs[len(s.revDefs)-2], "rollback")
		return
	}
	s.deploying = false
	s.deployFailed = true
}
