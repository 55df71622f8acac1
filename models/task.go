package models

import (
	"strconv"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// task is one task's state. Tasks live in World.tasks; a task's slot is
// reused once it is STOPPED, so handlers that may outlive a task are
// cancelled when it stops.
type task struct {
	live   bool
	svc    int32 // service index, or -1 for a standalone task
	stream int32 // stream index, or -1 for a service task
	def    int32 // taskDef index
	prov   int32 // provider index
	inst   int32 // instance ID on EC2, -1 on Fargate or while waiting
	az     int16 // AZ index, -1 until known
	// wantAZ pins the task to an AZ (an AZ rebalancing start), −1 if not.
	wantAZ int16
	// rebalanceIn: started by AZ rebalancing, until its move completes;
	// rebalanceOut: to be stopped by AZ rebalancing (ref §1.10).
	rebalanceIn, rebalanceOut bool
	// protected: task scale-in protection is on (ProtectWhileBusy).
	protected bool
	state     TaskState
	// stopReq is the desired status STOPPED: the task is on its way out.
	stopReq bool
	// waiting: in PROVISIONING until a managed-scaling provider has room.
	waiting bool
	// willFailStart: the task will stop before RUNNING (injected failure).
	willFailStart bool
	daemon        bool
	billing       bool  // Fargate billing has started
	lbFailure     bool  // the pending failure is a failed health check
	rev           int32 // service deployment generation the task belongs to
	ptask         int32 // placement engine task handle (EC2)
	created       sim.Time
	runningAt     sim.Time
	healthyAt     sim.Time
	runFor        time.Duration // standalone jobs: how long the job runs
	stopReason    string
	timer         sim.EventID // the lifecycle timer (or the provisioning give-up)
	failTimer     sim.EventID // injected failure while RUNNING
	spotTimer     sim.EventID // Fargate Spot interruption
}

// healthy reports whether t counts as healthy for minimumHealthyPercent
// (ref §3.4): RUNNING, not stopping, past its health deadline.
func (t *task) healthy(now sim.Time) bool {
	return t.state == Running && !t.stopReq && now >= t.healthyAt
}

// countsForMax reports whether t counts toward maximumPercent: RUNNING or
// before it and not stopping (the API text's "RUNNING or PENDING"; ref
// §4.2 and uncertainty 6 — modelling choice).
func (t *task) countsForMax() bool { return !t.stopReq && t.state <= Running }

// newTask takes a free task slot and initialises it in PROVISIONING.
func (w *World) newTask(def, prov int32) int32 {
	var id int32
	if n := len(w.freeTask); n > 0 {
		id = w.freeTask[n-1]
		w.freeTask = w.freeTask[:n-1]
	} else {
		w.tasks = append(w.tasks, task{})
		id = int32(len(w.tasks) - 1)
	}
	w.tasks[id] = task{
		live: true, svc: -1, stream: -1, def: def, prov: prov, inst: -1, az: -1, wantAZ: -1,
		state: Provisioning, ptask: -1, created: w.now(),
	}
	w.counters.tasksStarted++
	w.rec.taskCreated()
	return id
}

// taskStepHandler advances a task to its next lifecycle state.
type taskStepHandler struct{ w *World }

func (h *taskStepHandler) Handle(_ sim.Time, arg int64) { h.w.advance(int32(arg)) }

// after schedules the task's next lifecycle step after d.
func (w *World) after(id int32, d time.Duration) {
	w.tasks[id].timer = w.eng.After(max(d, 0), &w.h.taskStep, int64(id))
}

// beginProvisioning starts a task that has capacity (an instance on EC2,
// a launch token on Fargate): PROVISIONING covers the ENI attachment.
func (w *World) beginProvisioning(id int32) {
	t := &w.tasks[id]
	d := time.Duration(0)
	if w.defs[t.def].awsvpc {
		d = w.sample("task/eni-attach", w.cfg.Timing.ENIAttach)
	}
	w.after(id, d)
}

// advance moves a task one step along its lifecycle (ref §3.1).
func (w *World) advance(id int32) {
	t := &w.tasks[id]
	t.timer = sim.EventID{}
	if t.stopReq {
		w.advanceStopping(id)
		return
	}
	switch t.state {
	case Provisioning:
		w.setState(id, Pending)
		w.onPending(id)
		w.after(id, w.pendingDuration(id))
	case Pending:
		if t.willFailStart {
			w.failStart(id)
			return
		}
		w.setState(id, Activating)
		w.after(id, w.sample("task/activating", w.cfg.Timing.Activating))
	case Activating:
		w.setState(id, Running)
		w.onRunning(id)
	default:
		w.fail("models: task %d advanced from %v without a stop request", id, t.state)
	}
}

// advanceStopping walks the stop path: DEACTIVATING → STOPPING →
// DEPROVISIONING → STOPPED, skipping what the task never reached.
func (w *World) advanceStopping(id int32) {
	t := &w.tasks[id]
	def := w.defs[t.def]
	switch {
	case t.state < Deactivating && t.state == Running:
		w.setState(id, Deactivating)
		w.after(id, w.deregistrationDelay(id))
	case t.state < Stopping:
		reached := t.state >= Activating // containers were started
		w.setState(id, Stopping)
		d := time.Duration(0)
		if reached {
			d = min(w.sample("task/shutdown", w.cfg.Timing.Shutdown), def.stopTimeout)
		}
		w.after(id, d)
	case t.state == Stopping:
		w.setState(id, Deprovisioning)
		d := time.Duration(0)
		if def.awsvpc {
			d = w.sample("task/eni-detach", w.cfg.Timing.ENIDetach)
		}
		w.after(id, d)
	default:
		w.finishTask(id)
	}
}

// stopTask asks a task to stop (desired status STOPPED) for reason. It is
// idempotent. A task waiting for capacity holds nothing and stops at once.
func (w *World) stopTask(id int32, reason string) {
	t := &w.tasks[id]
	if !t.live || t.stopReq {
		return
	}
	w.tally(id, -1) // a stopping task counts nowhere
	t.stopReq = true
	t.stopReason = reason
	w.eng.Cancel(t.failTimer)
	w.eng.Cancel(t.spotTimer)
	w.taskLeavesActive(id)
	if t.waiting {
		w.unwait(id)
		w.finishTask(id)
		return
	}
	if t.state == Provisioning && t.timer.IsZero() && w.providers[t.prov].kind.IsFargate() && w.dequeueLaunch(id) {
		w.finishTask(id) // never got a launch token: nothing to undo
		return
	}
	w.eng.Cancel(t.timer)
	w.advanceStopping(id)
}

// setState moves a task to next, keeping the world's counts in step.
func (w *World) setState(id int32, next TaskState) {
	t := &w.tasks[id]
	if !t.state.canMove(next) {
		w.fail("models: task %d cannot move from %v to %v", id, t.state, next)
		return
	}
	w.rec.taskState(t, t.state, next)
	w.tally(id, -1)
	t.state = next
	w.tally(id, +1)
}

// pendingDuration is the image pull and container start (ref §3.1, §2.4).
func (w *World) pendingDuration(id int32) time.Duration {
	t := &w.tasks[id]
	def := w.defs[t.def]
	p := w.providers[t.prov]
	start := w.sample("task/container-start", w.cfg.Timing.ContainerStart)
	if p.kind.IsFargate() {
		// Fargate has no image cache (ref §2.4): every task pulls.
		return w.sample("fargate/"+p.name+"/start", p.cfg.FargateStartLatency) + start
	}
	if def.imageCached && w.inst[t.inst].hasImage(t.def) {
		return start
	}
	w.inst[t.inst].noteImage(t.def)
	return w.sample("task/image-pull", def.imagePull) + start
}

// onPending is the start of the image pull: Fargate billing starts here
// (ref §2.5).
func (w *World) onPending(id int32) {
	t := &w.tasks[id]
	if w.providers[t.prov].kind.IsFargate() {
		w.fargateBillingStart(id)
	}
}

// onRunning handles a task reaching RUNNING.
func (w *World) onRunning(id int32) {
	t := &w.tasks[id]
	now := w.now()
	t.runningAt = now
	t.healthyAt = now.Add(w.healthDelay(id))
	w.noteHealthyAt(t)
	if t.svc >= 0 {
		w.serviceTaskRunning(id)
	}
	if t.stream >= 0 {
		w.eng.Cancel(t.timer)
		t.timer = w.eng.After(t.runFor, &w.h.jobEnd, int64(id))
	}
	w.scheduleTaskFailure(id)
	w.scheduleFargateSpot(id)
}

// healthDelay is how long after RUNNING a task counts as healthy
// (ref §3.4): load balancer checks (interval × healthy threshold), else a
// container health check, else 40 s.
func (w *World) healthDelay(id int32) time.Duration {
	t := &w.tasks[id]
	if t.svc >= 0 {
		s := w.services[t.svc]
		if lb := s.cfg.LoadBalancer; lb != nil {
			return max(lb.HealthCheckInterval*time.Duration(lb.HealthyThreshold), s.cfg.HealthCheckGracePeriod)
		}
	}
	if hc := w.defs[t.def].cfg.HealthCheck; hc != nil {
		return hc.StartPeriod + hc.Interval
	}
	return w.cfg.Timing.HealthyAfter
}

// deregistrationDelay is DEACTIVATING: the target group's deregistration
// delay for tasks behind a load balancer (ref §3.1), otherwise nothing.
func (w *World) deregistrationDelay(id int32) time.Duration {
	if t := &w.tasks[id]; t.svc >= 0 {
		if lb := w.services[t.svc].cfg.LoadBalancer; lb != nil {
			return lb.DeregistrationDelay
		}
	}
	return 0
}

// failStart stops a task that failed before RUNNING.
func (w *World) failStart(id int32) {
	t := &w.tasks[id]
	w.counters.startFailures++
	if t.svc >= 0 {
		w.serviceStartFailed(id)
	}
	w.stopTask(id, "Essential container in task exited")
}

// finishTask is STOPPED: resources go back, billing ends, the slot is freed.
func (w *World) finishTask(id int32) {
	t := &w.tasks[id]
	if t.state != Stopped {
		w.rec.taskState(t, t.state, Stopped)
		w.tally(id, -1)
		t.state = Stopped
	}
	w.eng.Cancel(t.timer)
	w.eng.Cancel(t.failTimer)
	w.eng.Cancel(t.spotTimer)
	inst, prov, svc := t.inst, t.prov, t.svc
	if inst >= 0 {
		w.releaseOnInstance(id)
	}
	if w.providers[prov].kind.IsFargate() {
		w.fargateBillingStop(id)
	}
	w.accountTaskTime(t)
	w.counters.tasksStopped++
	w.logf("task", w.taskName(id), "STOPPED: %s", t.stopReason)
	*t = task{}
	w.freeTask = append(w.freeTask, id)
	// The task is gone; now the world reacts to what it left behind.
	if svc >= 0 {
		w.serviceTaskStopped(id, w.services[svc])
	}
	if inst >= 0 {
		w.maybeFinishDrain(inst)
		w.capacityFreed(w.providers[prov])
	}
	w.checkInvariants()
}

// taskName names a task in logs: "service:web/17" or "stream:etl/17".
func (w *World) taskName(id int32) string {
	t := &w.tasks[id]
	switch {
	case t.svc >= 0:
		return "service:" + w.services[t.svc].cfg.Name + "/" + strconv.Itoa(int(id))
	case t.stream >= 0:
		return "stream:" + w.streams[t.stream].cfg.Name + "/" + strconv.Itoa(int(id))
	}
	return "task/" + strconv.Itoa(int(id))
}
