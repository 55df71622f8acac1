package models

import (
	"math"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// setDesired sets an Auto Scaling group's desired capacity, clamped to
// [min, max] (CAS never edits min/max, ref §5.2), and launches or
// terminates instances to meet it.
func (w *World) setDesired(p *provider, n int, why string) {
	n = min(max(n, p.cfg.MinSize), p.cfg.MaxSize)
	if n == p.desired {
		return
	}
	w.logf("scaling", "asg:"+p.name, "desired %d → %d (%s)", p.desired, n, why)
	w.counters.scalingActions++
	p.desired = n
	w.maintainDesired(p)
}

// maintainDesired launches or terminates instances until the group's
// live count equals its desired capacity, as an ASG does continuously.
//
// It does not re-enter: a termination it causes calls it again (through
// terminateInstance), and that inner call must not act on the counts the
// outer one is still changing.
func (w *World) maintainDesired(p *provider) {
	if p.kind != ProviderEC2 || p.maintaining {
		return
	}
	p.maintaining = true
	defer func() { p.maintaining = false }()
	live := p.liveCount(w)
	switch {
	case live < p.desired:
		w.launchInstances(p, p.desired-live)
	case live > p.desired:
		w.scaleInASG(p, live-p.desired)
	}
	w.maintainPool(p)
}

// launchInstances adds n instances to the group: Warmed instances of its
// warm pool first, then cold launches.
func (w *World) launchInstances(p *provider, n int) {
	for range n {
		if !w.takeWarm(p) {
			w.launchInstance(p, false)
		}
	}
}

// launchInstance launches one instance into the group, or into its warm
// pool, in the AZ with the fewest of the group's (or the pool's) instances
// (ref §7.2), lowest AZ index on ties.
func (w *World) launchInstance(p *provider, pooled bool) int32 {
	id := w.newInstance()
	az := w.leastLoadedAZ(p)
	purchase := w.nextPurchase(p)
	if pooled {
		az, purchase = w.leastPooledAZ(p), OnDemand // warm pools are On-Demand only
	}
	w.inst[id] = instance{
		live: true, prov: p.idx, typ: 0, az: az, purchase: purchase,
		state: Launching, launched: w.now(), pooled: pooled,
	}
	if purchase == OnDemand {
		p.launchedOD++
	}
	reg := p.regs[0]
	w.inst[id].regCPU, w.inst[id].regMem = reg.CPU, reg.Memory
	where := ""
	if pooled {
		p.pool = append(p.pool, id)
		where = " into the warm pool"
	} else {
		p.instances = append(p.instances, id)
		p.lastLaunch = w.now()
	}
	w.counters.instancesLaunched++
	w.logf("instance", w.instanceName(id), "launching%s (%v)", where, purchase)
	d := w.sample("asg/"+p.name+"/launch", p.cfg.LaunchLatency)
	w.inst[id].timer = w.eng.After(d, &w.h.instanceUp, int64(id))
	return id
}

// leastPooledAZ returns the provider's AZ with the fewest warm pool instances.
func (w *World) leastPooledAZ(p *provider) int16 {
	counts := make([]int, len(w.azs))
	for _, id := range p.pool {
		counts[w.inst[id].az]++
	}
	return fewestAZ(p.azs, counts)
}

// fewestAZ returns the AZ of azs with the smallest count, the earliest in
// azs on ties.
func fewestAZ(azs []int16, counts []int) int16 {
	best := azs[0]
	for _, az := range azs[1:] {
		if counts[az] < counts[best] {
			best = az
		}
	}
	return best
}

// nextPurchase applies the mixed instances policy (ref §7.3).
func (w *World) nextPurchase(p *provider) Purchase {
	m := p.cfg.Mixed
	if m == nil {
		return p.cfg.Purchase
	}
	total := len(p.instances) + 1
	above := total - m.OnDemandBase
	if above <= 0 {
		return OnDemand
	}
	wantOD := m.OnDemandBase + int(math.Ceil(float64(above)*float64(m.OnDemandPercentAboveBase)/100))
	if p.launchedOD < wantOD {
		return OnDemand
	}
	return Spot
}

// leastLoadedAZ returns the provider's AZ with the fewest live instances.
func (w *World) leastLoadedAZ(p *provider) int16 {
	return fewestAZ(p.azs, w.azCounts(p))
}

func (w *World) azCounts(p *provider) []int {
	counts := make([]int, len(w.azs))
	for _, id := range p.instances {
		if !w.inst[id].terminating {
			counts[w.inst[id].az]++
		}
	}
	return counts
}

// scaleInASG chooses n instances to terminate the way an ASG's default
// termination policy does (ref §7.2): never protected ones; balance AZs
// first (from the AZ with the most instances); then the instance closest
// to its next billing hour; then at random (seeded). Under managed
// termination protection only instances without non-daemon tasks are
// unprotected (ref §5.5). With managed draining, chosen instances drain
// before they terminate.
func (w *World) scaleInASG(p *provider, n int) {
	rng := w.eng.Stream("asg/" + p.name + "/terminate")
	for range n {
		victim := int32(-1)
		counts := w.azCounts(p)
		bestAZ := -1
		var bestKey time.Duration
		var bestTie uint64
		for _, id := range p.instances {
			in := &w.inst[id]
			if in.terminating || w.protected(p, id) {
				continue
			}
			az := int(in.az)
			key := w.untilNextHour(id)
			tie := rng.Uint64()
			better := victim < 0 || counts[az] > counts[bestAZ] ||
				(counts[az] == counts[bestAZ] && (key < bestKey || (key == bestKey && tie < bestTie)))
			if better {
				victim, bestAZ, bestKey, bestTie = id, az, key, tie
			}
		}
		if victim < 0 {
			w.logf("scaling", "asg:"+p.name, "scale-in blocked: all remaining instances are protected from scale-in")
			// The group cannot shrink further: its desired capacity stays at
			// what it holds (ref §7.2).
			p.desired = p.liveCount(w)
			return
		}
		w.retire(victim)
	}
}

// protected reports scale-in protection: under managed termination
// protection, instances running non-daemon tasks (ref §5.5).
func (w *World) protected(p *provider, id int32) bool {
	in := &w.inst[id]
	return p.cfg.ManagedTerminationProtection && (!in.empty() || in.stuckProtected)
}

// daemonOnly: instance id's last non-daemon task left and daemon tasks
// remain. With DaemonOnlyProtectionBug, ECS may fail to lift its scale-in
// protection for good (containers-roadmap #2814).
func (w *World) daemonOnly(p *provider, id int32) {
	in := &w.inst[id]
	pr := p.cfg.DaemonOnlyProtectionBug
	if !p.cfg.ManagedTerminationProtection || pr <= 0 || in.stuckProtected || in.state != Active || in.terminating {
		return // an instance on its way out has no protection to keep
	}
	if w.eng.Stream("asg/"+p.name+"/protection-bug").Float64() < pr {
		in.stuckProtected = true
		w.logf("instance", w.instanceName(id), "scale-in protection left on: only daemon tasks run here (containers-roadmap #2814)")
	}
}

// untilNextHour is how long until the instance's next billing hour
// boundary, counted from launch (ClosestToNextInstanceHour, ref §7.2).
func (w *World) untilNextHour(id int32) time.Duration {
	age := w.now().Sub(w.inst[id].launched)
	return time.Hour - age%time.Hour
}

// retire terminates an instance the ASG chose: drained first under
// managed draining, at once otherwise (ref §5.5).
func (w *World) retire(id int32) {
	in := &w.inst[id]
	in.terminating = true
	p := w.providers[in.prov]
	switch {
	case in.state == Launching:
		w.terminateInstance(id, "scale-in")
	case p.cfg.ManagedDraining && len(in.tasks) > 0:
		if in.state == Active {
			w.drainInstance(id)
		} else {
			w.maybeFinishDrain(id)
		}
	default:
		w.terminateInstance(id, "scale-in")
	}
}

// scheduleSpotInterruption draws the instance's interruption time from the
// provider's Poisson rate.
func (w *World) scheduleSpotInterruption(id int32) {
	in := &w.inst[id]
	p := w.providers[in.prov]
	rate := p.cfg.SpotInterruptions.RatePerHour
	if in.purchase != Spot || rate <= 0 {
		return
	}
	d, ok := w.poissonDelay("asg/"+p.name+"/spot", rate)
	if !ok {
		return
	}
	in.spotTimer = w.eng.After(d, &w.h.spotNotice, int64(id))
	w.scheduleRecommendation(id, d)
}

// spotNoticeHandler delivers the two-minute interruption notice (ref §7.3):
// with ECS_ENABLE_SPOT_INSTANCE_DRAINING the instance drains at once.
type spotNoticeHandler struct{ w *World }

func (h *spotNoticeHandler) Handle(_ sim.Time, arg int64) {
	h.w.spotNotice(int32(arg))
}

func (w *World) spotNotice(id int32) {
	in := &w.inst[id]
	if !in.live || in.state == Terminated || in.noticed {
		return
	}
	p := w.providers[in.prov]
	if p.cfg.CapacityRebalance {
		// The recommendation comes before or with the notice (ref §7.3).
		w.rebalanceRecommendation(id)
		in = &w.inst[id] // the replacement may have grown w.inst
	}
	in.noticed = true
	w.counters.spotInterruptions++
	w.logf("instance", w.instanceName(id), "Spot interruption notice")
	if p.cfg.SpotDraining {
		w.drainInstance(id)
	}
	w.eng.Cancel(in.spotTimer)
	in.spotTimer = w.eng.After(w.cfg.Timing.SpotNotice, &w.h.spotReclaim, int64(id))
}

// spotReclaimHandler: EC2 reclaims the instance at the end of the notice.
type spotReclaimHandler struct{ w *World }

func (h *spotReclaimHandler) Handle(_ sim.Time, arg int64) {
	h.w.inst[arg].spotTimer = sim.EventID{}
	h.w.terminateInstance(int32(arg), "Spot interruption")
}

// spotAtHandler applies the provider's listed interruption times.
type spotAtHandler struct{ w *World }

func (h *spotAtHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	p := w.providers[arg]
	if p.kind.IsFargate() {
		w.fargateSpotAt(p)
		return
	}
	var spot []int32
	for _, id := range p.instances {
		if in := &w.inst[id]; in.purchase == Spot && in.state != Launching && !in.noticed {
			spot = append(spot, id)
		}
	}
	if len(spot) == 0 {
		return
	}
	if p.cfg.SpotInterruptions.All {
		for _, id := range spot {
			w.spotNotice(id)
		}
		return
	}
	r := w.eng.Stream("asg/" + p.name + "/spot-at")
	w.spotNotice(spot[r.IntN(len(spot))])
}

func (w *World) scheduleSpotAt(p *provider) {
	for _, at := range p.cfg.SpotInterruptions.At {
		if t := sim.Time(at); t < w.end {
			w.eng.At(t, &w.h.spotAt, int64(p.idx))
		}
	}
}
