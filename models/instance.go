package models

import (
	"fmt"
	"slices"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/sim"
)

// instance is one EC2 container instance. Instance IDs are dense and
// reused after termination, as the placement engine wants.
type instance struct {
	live      bool
	prov      int32
	typ       int32 // index into the provider's types
	az        int16
	purchase  Purchase
	state     InstanceState
	launched  sim.Time // the ASG asked for it
	billed    bool     // running in EC2: billing started
	upAt      sim.Time // when it started running
	regCPU    catalog.CPUUnits
	regMem    catalog.MiB
	usedCPU   catalog.CPUUnits
	usedMem   catalog.MiB
	tasks     []int32 // tasks holding resources here
	nonDaemon int     // of which not daemon tasks
	// terminating: the ASG chose it; it drains (managed draining) and is
	// terminated once empty.
	terminating bool
	noticed     bool // a Spot interruption notice has been given
	// pooled: in the group's warm pool; warmed: initialised there; parked:
	// Warmed:Stopped, billed for its volumes only.
	pooled, warmed, parked bool
	// stuckProtected: ECS left its scale-in protection on although only
	// daemon tasks run (DaemonOnlyProtectionBug).
	stuckProtected bool
	// replacing: Capacity Rebalancing is replacing it (it no longer counts
	// toward the desired capacity); recTimer is its rebalance recommendation.
	replacing bool
	recTimer  sim.EventID
	dying     bool    // terminateInstance is removing it
	images    []int32 // task definitions whose image is cached here
	timer     sim.EventID
	spotTimer sim.EventID
}

func (in *instance) hasImage(def int32) bool { return slices.Contains(in.images, def) }

func (in *instance) noteImage(def int32) {
	if !in.hasImage(def) {
		in.images = append(in.images, def)
	}
}

// empty reports whether the instance runs no non-daemon task: only such
// instances lower CapacityProviderReservation and may be terminated under
// managed termination protection (ref §0 fact 5, §5.5).
func (in *instance) empty() bool { return in.nonDaemon == 0 }

func (w *World) instanceName(id int32) string {
	in := &w.inst[id]
	return fmt.Sprintf("instance:%s/%d(%s,%s)", w.providers[in.prov].name, id,
		w.providers[in.prov].types[in.typ].Name, w.azs[in.az])
}

// newInstance takes a free instance ID.
func (w *World) newInstance() int32 {
	if n := len(w.freeInst); n > 0 {
		id := w.freeInst[n-1]
		w.freeInst = w.freeInst[:n-1]
		return id
	}
	w.inst = append(w.inst, instance{})
	return int32(len(w.inst) - 1)
}

// instanceUpHandler: EC2 reports the instance running; billing starts and
// the ECS agent begins registering (ref §7.1).
type instanceUpHandler struct{ w *World }

func (h *instanceUpHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	id := int32(arg)
	in := &w.inst[id]
	p := w.providers[in.prov]
	in.billed, in.upAt = true, w.now()
	w.meterInstanceStart(id)
	in.timer = w.eng.After(w.sample("asg/"+p.name+"/registration", p.cfg.RegistrationLatency), &w.h.instanceReg, arg)
}

// instanceRegisteredHandler: the agent registered; the instance is ACTIVE.
type instanceRegisteredHandler struct{ w *World }

func (h *instanceRegisteredHandler) Handle(_ sim.Time, arg int64) {
	h.w.inst[arg].timer = sim.EventID{}
	if h.w.inst[arg].pooled {
		h.w.poolReady(int32(arg)) // ECS_WARM_POOLS_CHECK: no registration in the pool
		return
	}
	h.w.registerInstance(int32(arg))
}

// registerInstance makes an instance ACTIVE in the cluster.
func (w *World) registerInstance(id int32) {
	in := &w.inst[id]
	if in.terminating {
		w.terminateInstance(id, "terminated before registration")
		return
	}
	in.state = Active
	p := w.providers[in.prov]
	w.placerAdd(p, id)
	w.logf("instance", w.instanceName(id), "registered ACTIVE")
	w.scheduleSpotInterruption(id)
	// ref §1.11: daemon tasks are placed first on a new instance.
	w.placeDaemonsOn(id)
	w.rebalanceCapacityIn(p, id)
	w.replacementInService(p)
	w.capacityArrived(p)
}

// drainInstance sets an instance DRAINING: it takes no new tasks and its
// service tasks are replaced elsewhere under the deployment limits
// (ref §5.5, §7.3).
func (w *World) drainInstance(id int32) {
	in := &w.inst[id]
	if in.state != Active {
		return
	}
	in.state = Draining
	w.placerDrain(w.providers[in.prov], id)
	w.logf("instance", w.instanceName(id), "DRAINING")
	for _, tid := range in.tasks {
		if t := &w.tasks[tid]; t.svc >= 0 && !t.daemon {
			w.requestReconcile(w.services[t.svc], 0)
		}
	}
	w.maybeFinishDrain(id)
}

// maybeFinishDrain stops the daemon tasks of a draining instance once its
// other tasks are gone (ref §1.11: daemons stop last), and terminates an
// instance the ASG chose once nothing is left on it.
func (w *World) maybeFinishDrain(id int32) {
	in := &w.inst[id]
	if in.state != Draining || !in.empty() || in.dying {
		return
	}
	for _, tid := range slices.Clone(in.tasks) {
		if w.tasks[tid].daemon {
			w.stopTask(tid, "Container instance is draining")
		}
	}
	if in.terminating && len(in.tasks) == 0 {
		w.terminateInstance(id, "drained")
	}
}

// terminateInstance removes an instance at once: tasks still on it stop
// with the host (no graceful path), billing ends, the ID is freed, and the
// ASG launches a replacement if it is below its desired capacity.
func (w *World) terminateInstance(id int32, reason string) {
	in := &w.inst[id]
	if !in.live || in.state == Terminated || in.dying {
		return
	}
	in.dying = true
	p := w.providers[in.prov]
	w.eng.Cancel(in.timer)
	w.eng.Cancel(in.spotTimer)
	w.eng.Cancel(in.recTimer)
	for _, tid := range slices.Clone(in.tasks) {
		w.killTask(tid, "Host EC2 instance terminated: "+reason)
	}
	if in.state == Active || in.state == Draining {
		w.placerRemove(p, id)
	}
	w.stopBilling(id)
	if in.parked {
		w.meter.InstanceUnparked(cost.InstanceID(id), w.now())
	}
	if in.purchase == OnDemand {
		p.launchedOD--
	}
	w.logf("instance", w.instanceName(id), "TERMINATED: %s", reason)
	in.state = Terminated
	p.removeInstance(id)
	w.counters.instancesStopped++
	*in = instance{}
	w.freeInst = append(w.freeInst, id)
	w.maintainDesired(p)
	w.checkInvariants()
}

// killTask stops a task whose host vanished: straight to STOPPED.
func (w *World) killTask(id int32, reason string) {
	t := &w.tasks[id]
	if !t.stopReq {
		w.tally(id, -1)
		t.stopReq = true
		t.stopReason = reason
		w.taskLeavesActive(id)
	}
	w.finishTask(id)
}
