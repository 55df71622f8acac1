package cost

import (
	"fmt"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// fgKey identifies a priced Fargate item. The ephemeral size is part of it
// because the charge, max(0, size − free), is not linear in the size.
type fgKey struct {
	platform catalog.Platform
	spot     bool
	provider int32
	ephGiB   int32
}

type fgAccKey struct {
	item int32
	svc  ServiceID
}

// fgAcc accrues the billed usage of the stopped tasks of one service on one
// item. int64 bounds: the largest size (16,384 CPU units, 122,880 MiB)
// billed for a year is ~3.9e12 MiB-seconds, so a service overflows only
// after some two million task-years.
type fgAcc struct {
	item   int32
	svc    ServiceID
	tasks  int64 // stopped tasks
	sec    int64 // billed task-seconds
	cpuSec int64 // billed CPU-unit-seconds
	mibSec int64 // billed MiB-seconds
}

// taskRun is a running task.
type taskRun struct {
	acc      int32 // fgAccs index + 1; 0 when not running
	start    sim.Time
	cpu, mem int64
	runPos   int32
}

type fargateState struct {
	items   []fgKey
	itemIDs map[fgKey]int32
	accs    []fgAcc
	accIDs  map[fgAccKey]int32
	tasks   []taskRun // by TaskID
	running []TaskID
}

// FargateStarted records that Fargate task id entered PENDING at at: its
// image pull starts and so does its bill (reference §2.5).
func (m *Meter) FargateStarted(id TaskID, task FargateTask, at sim.Time) {
	m.tick("FargateStarted", at)
	switch {
	case id < 0:
		panic(fmt.Sprintf("cost: FargateStarted: negative task ID %d", id))
	case task.CPU <= 0 || task.Memory <= 0:
		panic(fmt.Sprintf("cost: FargateStarted %d: size %v, %v must be positive", id, task.CPU, task.Memory))
	case task.EphemeralGiB < 0:
		panic(fmt.Sprintf("cost: FargateStarted %d: negative ephemeral storage %d GiB", id, task.EphemeralGiB))
	}
	s := &m.fg
	s.tasks = grow(s.tasks, int(id))
	t := &s.tasks[id]
	if t.acc != 0 {
		panic(fmt.Sprintf("cost: FargateStarted: task %d is already running", id))
	}
	*t = taskRun{
		acc: m.fargateAcc(task) + 1, start: at,
		cpu: int64(task.CPU), mem: int64(task.Memory), runPos: int32(len(s.running)),
	}
	s.running = append(s.running, id)
}

// fargateAcc returns the accumulator of task's item and service, creating
// them.
func (m *Meter) fargateAcc(task FargateTask) int32 {
	s := &m.fg
	k := fgKey{task.Platform, task.Spot, m.provider(task.Provider), int32(task.EphemeralGiB)}
	item, ok := s.itemIDs[k]
	if !ok {
		item = int32(len(s.items))
		s.items = append(s.items, k)
		s.itemIDs[k] = item
	}
	ak := fgAccKey{item, m.Service(task.Service)}
	a, ok := s.accIDs[ak]
	if !ok {
		a = int32(len(s.accs))
		s.accs = append(s.accs, fgAcc{item: item, svc: ak.svc})
		s.accIDs[ak] = a
	}
	return a
}

// FargateStopped records that Fargate task id reached STOPPED at at. It is
// billed max(minimum, ⌈seconds since FargateStarted⌉).
func (m *Meter) FargateStopped(id TaskID, at sim.Time) {
	m.tick("FargateStopped", at)
	s := &m.fg
	if id < 0 || int(id) >= len(s.tasks) || s.tasks[id].acc == 0 {
		panic(fmt.Sprintf("cost: FargateStopped: task %d is not running", id))
	}
	t := &s.tasks[id]
	a := &s.accs[t.acc-1]
	sec := billedSeconds(at.Sub(t.start), m.cfg.FargateMinimum)
	a.tasks++
	a.sec += sec
	a.cpuSec += t.cpu * sec
	a.mibSec += t.mem * sec
	last := s.running[len(s.running)-1]
	s.running[t.runPos] = last
	s.tasks[last].runPos = t.runPos
	s.running = s.running[:len(s.running)-1]
	*t = taskRun{}
}
