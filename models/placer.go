package models

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/ecsim/ecsim/placement"
)

// placer adapts one EC2 capacity provider's instances to a placement
// engine: instance IDs are the world's (dense), engine task IDs map back
// to world task IDs.
type placer struct {
	eng     placement.Engine
	taskOf  []int32 // engine TaskID → world task ID
	buf     []placement.Placement
	victims []placement.TaskID
}

func newPlacer(rng *rand.Rand) *placer {
	return &placer{eng: placement.NewIndex(placement.Config{}, rng)}
}

// placerAdd registers an ACTIVE instance with the provider's engine.
func (w *World) placerAdd(p *provider, id int32) {
	in := &w.inst[id]
	it := p.types[in.typ]
	attrs := []placement.Attribute{
		{Name: placement.AttrAvailabilityZone, Value: w.azs[in.az]},
		{Name: placement.AttrInstanceType, Value: it.Name},
		{Name: placement.AttrCPUArchitecture, Value: string(it.Arch)},
		{Name: placement.AttrOSType, Value: "linux"},
		{Name: "ecs.capacity-provider", Value: p.name},
		{Name: "ecsim.purchase-option", Value: in.purchase.String()},
	}
	keys := make([]string, 0, len(p.cfg.Attributes))
	for k := range p.cfg.Attributes {
		keys = append(keys, k)
	}
	sort.Strings(keys) // map order must not reach the engine
	for _, k := range keys {
		attrs = append(attrs, placement.Attribute{Name: k, Value: p.cfg.Attributes[k]})
	}
	trunk, _ := it.AwsvpcTasks(p.cfg.ENITrunking)
	spec := placement.InstanceSpec{
		EC2InstanceID: fmt.Sprintf("i-%017x", uint64(id)+uint64(p.idx)<<32),
		Capacity: placement.Resources{
			CPU: placement.CPUUnits(in.regCPU), Memory: placement.MiB(in.regMem),
			GPU: placement.GPUs(it.GPUs), ENI: placement.ENIs(trunk),
		},
		Attributes:   attrs,
		RegisteredAt: w.wall(),
	}
	if err := p.placer.eng.AddInstance(placement.InstanceID(id), spec); err != nil {
		w.fail("models: register %s: %v", w.instanceName(id), err)
	}
}

func (w *World) placerDrain(p *provider, id int32) {
	if err := p.placer.eng.SetStatus(placement.InstanceID(id), placement.StatusDraining); err != nil {
		w.fail("models: drain %s: %v", w.instanceName(id), err)
	}
}

func (w *World) placerRemove(p *provider, id int32) {
	if err := p.placer.eng.RemoveInstance(placement.InstanceID(id)); err != nil {
		w.fail("models: deregister %s: %v", w.instanceName(id), err)
	}
}

// placeEC2 places task tid on one of p's instances. On success the task
// holds its reservation on the chosen instance.
func (w *World) placeEC2(p *provider, tid int32, req *placement.Request) (placement.Failure, bool) {
	pl := p.placer
	var f placement.Failure
	var err error
	pl.buf, f, err = pl.eng.Place(pl.buf[:0], req, 1)
	if err != nil {
		w.fail("models: place %s: %v", w.taskName(tid), err)
		return f, false
	}
	if len(pl.buf) == 0 {
		return f, false
	}
	w.bind(p, tid, pl.buf[0].Task, int32(pl.buf[0].Instance))
	return f, true
}

// placeOnInstance places task tid on instance id (daemon tasks).
func (w *World) placeOnInstance(p *provider, tid, id int32, req *placement.Request) (placement.Failure, bool) {
	pt, f, err := p.placer.eng.PlaceOn(placement.InstanceID(id), req)
	if err != nil {
		w.fail("models: place %s on %s: %v", w.taskName(tid), w.instanceName(id), err)
		return f, false
	}
	if f.Failed() {
		return f, false
	}
	w.bind(p, tid, pt, id)
	return f, true
}

// bind records a placement on the world's side.
func (w *World) bind(p *provider, tid int32, pt placement.TaskID, id int32) {
	pl := p.placer
	for int(pt) >= len(pl.taskOf) {
		pl.taskOf = append(pl.taskOf, -1)
	}
	pl.taskOf[pt] = tid
	t := &w.tasks[tid]
	t.ptask = int32(pt)
	t.inst = id
	t.az = w.inst[id].az
	in := &w.inst[id]
	in.tasks = append(in.tasks, tid)
	if !t.daemon {
		in.nonDaemon++
	}
	def := w.defs[t.def]
	in.usedCPU += def.cpu
	in.usedMem += def.mem
	// Not yet RUNNING: stopped first on scale-in (ref §1.7 modelling choice).
	if !w.cfg.Timing.KeepUnstartedOnScaleIn {
		w.setPriority(p, tid, placement.PriorityStopFirst)
	}
	w.meterReserve(tid)
}

func (w *World) setPriority(p *provider, tid int32, pr placement.Priority) {
	if err := p.placer.eng.SetTaskPriority(placement.TaskID(w.tasks[tid].ptask), pr); err != nil {
		w.fail("models: priority of %s: %v", w.taskName(tid), err)
	}
}

// placerStopping tells the engine a task is on its way out: it no longer
// counts for spread or distinctInstance but keeps its resources.
func (w *World) placerStopping(tid int32) {
	t := &w.tasks[tid]
	if t.ptask < 0 {
		return
	}
	p := w.providers[t.prov]
	if info, ok := p.placer.eng.Task(placement.TaskID(t.ptask)); ok && info.Stopping {
		return // ScaleIn already marked it
	}
	if err := p.placer.eng.StopTask(placement.TaskID(t.ptask)); err != nil {
		w.fail("models: stop %s: %v", w.taskName(tid), err)
	}
}

// releaseOnInstance returns a stopped task's reservation. It calls out to
// nothing that checks or acts on the world (daemonOnly only marks the
// instance): finishTask reacts (draining, waiting tasks) once the task is
// gone, so no check ever sees a half-finished task.
func (w *World) releaseOnInstance(tid int32) {
	t := &w.tasks[tid]
	p := w.providers[t.prov]
	in := &w.inst[t.inst]
	if err := p.placer.eng.RemoveTask(placement.TaskID(t.ptask)); err != nil {
		w.fail("models: release %s: %v", w.taskName(tid), err)
	}
	p.placer.taskOf[t.ptask] = -1
	if i := slices.Index(in.tasks, tid); i >= 0 {
		in.tasks = slices.Delete(in.tasks, i, i+1)
	}
	if !t.daemon {
		in.nonDaemon--
		if in.nonDaemon == 0 && len(in.tasks) > 0 {
			w.daemonOnly(p, t.inst)
		}
	}
	def := w.defs[t.def]
	in.usedCPU -= def.cpu
	in.usedMem -= def.mem
	w.meterRelease(tid)
	t.inst, t.ptask = -1, -1
}

// scaleInEC2 picks up to n of the service's tasks on p to stop, with the
// service's strategy chain (ref §1.7).
func (w *World) scaleInEC2(p *provider, s *service, n int) []int32 {
	pl := p.placer
	var err error
	pl.victims, err = pl.eng.ScaleIn(pl.victims[:0], &placement.ScaleInRequest{Group: s.group, Policy: s.policy}, n)
	if err != nil {
		w.fail("models: scale-in %s: %v", s.cfg.Name, err)
		return nil
	}
	out := make([]int32, 0, len(pl.victims))
	for _, v := range pl.victims {
		out = append(out, pl.taskOf[v])
	}
	return out
}
