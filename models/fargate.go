package models

import (
	"slices"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// fargateLaunch starts a Fargate task when the account's launch token
// bucket allows (ref §2.4: burst 100, refill 20/s); otherwise the task
// waits in PROVISIONING for a token, in arrival order.
func (w *World) fargateLaunch(id int32) {
	p := w.providers[w.tasks[id].prov]
	if len(p.launchQ) == 0 && w.takeToken(p) {
		w.fargateStart(id)
		return
	}
	p.launchQ = append(p.launchQ, id)
	w.scheduleTokenWait(p)
}

// takeToken refills the bucket to now and takes a token if one is there.
func (w *World) takeToken(p *provider) bool {
	q := &w.cfg.Quotas
	now := w.now()
	p.tokens = min(float64(q.FargateBurst), p.tokens+now.Sub(p.tokensAt).Seconds()*q.FargateRefillPerSecond)
	p.tokensAt = now
	if p.tokens >= 1 {
		p.tokens--
		return true
	}
	return false
}

func (w *World) scheduleTokenWait(p *provider) {
	if !p.launchNext.IsZero() {
		return
	}
	need := (1 - p.tokens) / w.cfg.Quotas.FargateRefillPerSecond
	d := time.Duration(need*float64(time.Second)) + time.Nanosecond
	p.launchNext = w.eng.After(d, &w.h.fargateLaunch, int64(p.idx))
}

// fargateLaunchHandler launches queued Fargate tasks as tokens refill.
type fargateLaunchHandler struct{ w *World }

func (h *fargateLaunchHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	p := w.providers[arg]
	p.launchNext = sim.EventID{}
	for len(p.launchQ) > 0 && w.takeToken(p) {
		id := p.launchQ[0]
		p.launchQ = p.launchQ[1:]
		w.fargateStart(id)
	}
	if len(p.launchQ) > 0 {
		w.scheduleTokenWait(p)
	}
}

// dequeueLaunch removes a stopped task from the launch queue.
func (w *World) dequeueLaunch(id int32) bool {
	p := w.providers[w.tasks[id].prov]
	for i, x := range p.launchQ {
		if x == id {
			p.launchQ = append(p.launchQ[:i], p.launchQ[i+1:]...)
			return true
		}
	}
	return false
}

// fargateStart gives a Fargate task its AZ and begins provisioning. Fargate
// spreads a service's tasks over the AZs (ref §1.5, §1.10): the AZ with the
// fewest of the service's tasks, lowest index on ties; an AZ rebalancing
// start goes to its AZ (ref §1.10).
func (w *World) fargateStart(id int32) {
	t := &w.tasks[id]
	p := w.providers[t.prov]
	if t.wantAZ >= 0 && slices.Contains(p.azs, t.wantAZ) {
		t.az = t.wantAZ
		w.beginProvisioning(id)
		return
	}
	counts := make([]int, len(w.azs))
	if t.svc >= 0 {
		for _, o := range w.services[t.svc].tasks {
			if ot := &w.tasks[o]; o != id && !ot.stopReq && ot.az >= 0 {
				counts[ot.az]++
			}
		}
	}
	t.az = fewestAZ(p.azs, counts)
	w.beginProvisioning(id)
}

// scheduleFargateSpot draws a FARGATE_SPOT task's interruption.
func (w *World) scheduleFargateSpot(id int32) {
	t := &w.tasks[id]
	p := w.providers[t.prov]
	rate := p.cfg.SpotInterruptions.RatePerHour
	if p.kind != ProviderFargateSpot || rate <= 0 {
		return
	}
	t.spotTimer = w.afterPoisson("fargate/"+p.name+"/spot", rate, &w.h.fargateSpot, int64(id))
}

// fargateSpotHandler interrupts a Fargate Spot task: SIGTERM now, the
// task is gone after the two-minute warning (ref §2.3).
type fargateSpotHandler struct{ w *World }

func (h *fargateSpotHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	id := int32(arg)
	t := &w.tasks[id]
	t.spotTimer = sim.EventID{}
	if !t.live || t.stopReq {
		// Second firing: the notice ran out and the task is still here.
		if t.live {
			w.killTask(id, "Your Spot Task was interrupted.")
		}
		return
	}
	w.interruptFargateTask(id)
}

func (w *World) interruptFargateTask(id int32) {
	w.counters.spotInterruptions++
	w.stopTask(id, "Your Spot Task was interrupted.")
	if t := &w.tasks[id]; t.live {
		t.spotTimer = w.eng.After(w.cfg.Timing.SpotNotice, &w.h.fargateSpot, int64(id))
	}
}

// fargateSpotAt interrupts one running task of p (or all of them).
func (w *World) fargateSpotAt(p *provider) {
	var running []int32
	for id := range w.tasks {
		if t := &w.tasks[id]; t.live && t.prov == p.idx && t.state == Running && !t.stopReq {
			running = append(running, int32(id))
		}
	}
	if len(running) == 0 {
		return
	}
	if p.cfg.SpotInterruptions.All {
		for _, id := range running {
			w.interruptFargateTask(id)
		}
		return
	}
	r := w.eng.Stream("fargate/" + p.name + "/spot-at")
	w.interruptFargateTask(running[r.IntN(len(running))])
}
