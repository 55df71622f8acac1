package models

import (
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Capacity Rebalancing (ref §7.3). Before EC2 interrupts a Spot instance it
// always sends an instance rebalance recommendation, sooner than the
// two-minute notice or together with it; AWS publishes no lead time, so
// SpotInterruptions.RebalanceLead is a modelling choice. With
// ProviderConfig.CapacityRebalance the group answers a recommendation by
// launching a replacement (the recommended instance stops counting toward
// the desired capacity, so the group may run one above its maximum for a
// while) and, once a new instance is in service, terminates the
// recommended one: drained first under managed draining, as ECS gets no
// Spot notice for it (ref §7.3), its tasks killed otherwise. If the
// interruption notice comes first, it takes its usual course.

// rebalanceRecHandler delivers a Spot instance's rebalance recommendation.
type rebalanceRecHandler struct{ w *World }

func (h *rebalanceRecHandler) Handle(_ sim.Time, arg int64) {
	h.w.inst[arg].recTimer = sim.EventID{}
	h.w.rebalanceRecommendation(int32(arg))
}

// scheduleRecommendation schedules the rebalance recommendation of an
// instance whose interruption notice is due after delay d.
func (w *World) scheduleRecommendation(id int32, d time.Duration) {
	in := &w.inst[id]
	p := w.providers[in.prov]
	if !p.cfg.CapacityRebalance {
		return
	}
	lead := w.sample("asg/"+p.name+"/rebalance-lead", p.cfg.SpotInterruptions.RebalanceLead)
	in.recTimer = w.eng.After(max(d-lead, 0), &w.h.rebalanceRec, int64(id))
}

// rebalanceRecommendation: the group launches a replacement for instance
// id, which it terminates once a new instance is in service.
func (w *World) rebalanceRecommendation(id int32) {
	in := &w.inst[id]
	if !in.live || in.state == Terminated || in.terminating || in.noticed || in.replacing {
		return
	}
	p := w.providers[in.prov]
	w.logf("instance", w.instanceName(id), "rebalance recommendation: Capacity Rebalancing launches a replacement")
	in.replacing = true
	p.replaceQ = append(p.replaceQ, id)
	w.maintainDesired(p)
}

// replacementInService: an instance of p registered; the oldest instance
// awaiting a replacement is terminated.
func (w *World) replacementInService(p *provider) {
	for len(p.replaceQ) > 0 {
		id := p.replaceQ[0]
		p.replaceQ = p.replaceQ[1:]
		if in := &w.inst[id]; in.live && in.replacing && !in.terminating && in.state != Terminated {
			w.logf("instance", w.instanceName(id), "replaced by Capacity Rebalancing: terminating")
			w.retire(id)
			return
		}
	}
}
