package cost

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// ec2Key identifies a priced EC2 item.
type ec2Key struct {
	typ      string
	purchase Purchase
	az       string
	provider int32
}

// ec2Item accrues the usage of the stopped instances of one priced item.
type ec2Item struct {
	key       ec2Key
	volumeGiB int64
	inst      int64 // billed instance-seconds
	ebs       int64 // billed volume-seconds (× volumeGiB = GiB-seconds)
	runNs     int64 // time run
	count     int64 // lifetimes
	uncharged int64 // Spot lifetimes interrupted in their first hour
}

// classKey groups the lifetimes of one item with one registered capacity:
// their reservation integrals can be summed exactly, because the shares
// divide them by the same capacity.
type classKey struct {
	item           int32
	cpuReg, memReg int64
}

// credit accrues one service's reservation integrals on one class over the
// stopped lifetimes, in CPU-unit- and MiB-milliseconds: over all of them
// (for the root volumes) and over the charged ones (for the instances).
// int64 bounds: per service and class, a fully reserved m6i.large may
// accrue ~140,000 instance-years, the largest catalogue type (r7i.48xlarge,
// 196,608 CPU units) ~1,400.
type credit struct {
	class                      int32
	svc                        ServiceID
	cpuMs, memMs               int64
	chargedCPUMs, chargedMemMs int64
}

type creditKey struct {
	class int32
	svc   ServiceID
}

// lifetime is the running instance in one InstanceID slot.
type lifetime struct {
	running        bool
	item, class    int32
	start          sim.Time
	cpuReg, memReg int64
	cpuRes, memRes int64 // reserved now, over all services
	head           int32 // first reservation of the list, -1 for none
	runPos         int32 // index in ec2State.running
}

// reservation is one service's reservation on one running instance, with
// its integrals since the instance started.
type reservation struct {
	svc          ServiceID
	next         int32 // next in the instance's list, or in the free list
	credit       int32 // where the integrals go when the instance stops
	cpu, mem     int64
	lastMs       int64
	cpuMs, memMs int64
}

// resKey finds a running instance's reservation by service.
type resKey struct {
	id  InstanceID
	svc ServiceID
}

type ec2State struct {
	items     []ec2Item
	itemIDs   map[ec2Key]int32
	classes   []classKey
	classIDs  map[classKey]int32
	classMs   []int64 // by class: Σ quantised lifetime of stopped instances, for Check
	credits   []credit
	creditIDs map[creditKey]int32
	lives     []lifetime    // by InstanceID
	stopped   []stoppedLife // by InstanceID: parked (stopped) instances
	parked    []InstanceID  // parked instances, in no particular order
	running   []InstanceID  // running instances, in no particular order
	// res is a slab of reservations reused through a free list, so memory
	// follows the running instances, not the length of the run. resIDs
	// indexes it by integer keys: no hashing of names, no allocation once
	// the slots exist.
	res     []reservation
	freeRes int32
	resIDs  map[resKey]int32
}

func newEC2State() ec2State {
	return ec2State{
		itemIDs: make(map[ec2Key]int32), classIDs: make(map[classKey]int32),
		creditIDs: make(map[creditKey]int32), resIDs: make(map[resKey]int32), freeRes: -1,
	}
}

// InstanceStarted records that instance id started at at (billing starts:
// EC2 bills from the instance's launch, reference §8.2).
func (m *Meter) InstanceStarted(id InstanceID, inst Instance, at sim.Time) {
	m.tick("InstanceStarted", at)
	switch {
	case id < 0:
		panic(fmt.Sprintf("cost: InstanceStarted: negative instance ID %d", id))
	case inst.Type == "":
		panic(fmt.Sprintf("cost: InstanceStarted %d: no instance type", id))
	case inst.Purchase > Spot:
		panic(fmt.Sprintf("cost: InstanceStarted %d: unknown purchase option %v", id, inst.Purchase))
	case inst.RegisteredCPU <= 0 || inst.RegisteredMiB <= 0:
		panic(fmt.Sprintf("cost: InstanceStarted %d: registered capacity %v, %v must be positive",
			id, inst.RegisteredCPU, inst.RegisteredMiB))
	}
	s := &m.ec2
	s.lives = grow(s.lives, int(id))
	if s.lives[id].running {
		panic(fmt.Sprintf("cost: InstanceStarted: instance %d is already running", id))
	}
	if int(id) < len(s.stopped) && s.stopped[id].stopped {
		panic(fmt.Sprintf("cost: InstanceStarted: instance %d is parked (InstanceUnparked first)", id))
	}
	item := m.ec2Item(inst)
	ck := classKey{item, int64(inst.RegisteredCPU), int64(inst.RegisteredMiB)}
	class, ok := s.classIDs[ck]
	if !ok {
		class = int32(len(s.classes))
		s.classes = append(s.classes, ck)
		s.classMs = append(s.classMs, 0)
		s.classIDs[ck] = class
	}
	s.lives[id] = lifetime{
		running: true, item: item, class: class, start: at,
		cpuReg: ck.cpuReg, memReg: ck.memReg, head: -1, runPos: int32(len(s.running)),
	}
	s.running = append(s.running, id)
}

// ec2Item returns the index of inst's priced item, creating it.
func (m *Meter) ec2Item(inst Instance) int32 {
	k := ec2Key{inst.Type, inst.Purchase, inst.AZ, m.provider(inst.Provider)}
	if i, ok := m.ec2.itemIDs[k]; ok {
		return i
	}
	i := int32(len(m.ec2.items))
	m.ec2.items = append(m.ec2.items, ec2Item{key: k, volumeGiB: m.cfg.volumeGiB(inst.Provider)})
	m.ec2.itemIDs[k] = i
	return i
}

// InstanceStopped records that instance id stopped (was terminated) at at.
// Reservations still held end with it.
func (m *Meter) InstanceStopped(id InstanceID, at sim.Time) {
	m.stopInstance("InstanceStopped", id, at, false)
}

// InstanceInterrupted records that EC2 reclaimed Spot instance id at at. With
// Config.FreeSpotInterruptionFirstHour, an instance interrupted within its
// first hour is not charged for instance usage (its EBS volume is).
func (m *Meter) InstanceInterrupted(id InstanceID, at sim.Time) {
	m.stopInstance("InstanceInterrupted", id, at, true)
}

// stopInstance bills the lifetime into its item, folds its reservation
// integrals into the service credits and frees its slots.
func (m *Meter) stopInstance(op string, id InstanceID, at sim.Time, interrupted bool) {
	m.tick(op, at)
	l := m.live(op, id)
	s := &m.ec2
	if interrupted && s.items[l.item].key.purchase != Spot {
		panic(fmt.Sprintf("cost: %s: instance %d is not a Spot instance", op, id))
	}
	inst, ebs := m.lifetimeBill(l.start, at, interrupted)
	it := &s.items[l.item]
	it.inst += inst
	it.ebs += ebs
	it.runNs += int64(at - l.start)
	it.count++
	if inst == 0 {
		it.uncharged++
	}
	now := millis(at)
	s.classMs[l.class] += now - millis(l.start)
	for r := l.head; r >= 0; {
		res := &s.res[r]
		res.integrate(now)
		c := &s.credits[res.credit]
		c.cpuMs += res.cpuMs
		c.memMs += res.memMs
		if inst > 0 {
			c.chargedCPUMs += res.cpuMs
			c.chargedMemMs += res.memMs
		}
		delete(s.resIDs, resKey{id, res.svc})
		next := res.next
		res.next, s.freeRes = s.freeRes, r
		r = next
	}
	last := s.running[len(s.running)-1]
	s.running[l.runPos] = last
	s.lives[last].runPos = l.runPos
	s.running = s.running[:len(s.running)-1]
	*l = lifetime{}
}

// lifetimeBill returns the billed instance-seconds and volume-seconds of a
// lifetime from start to end: max(minimum, ⌈seconds⌉), and no instance
// charge for a Spot instance EC2 interrupted within its first hour.
func (m *Meter) lifetimeBill(start, end sim.Time, interrupted bool) (inst, ebs int64) {
	d := end.Sub(start)
	billed := billedSeconds(d, m.cfg.EC2Minimum)
	if interrupted && m.cfg.FreeSpotInterruptionFirstHour && d < time.Hour {
		return 0, billed
	}
	return billed, billed
}

// live returns running instance id.
func (m *Meter) live(op string, id InstanceID) *lifetime {
	if id < 0 || int(id) >= len(m.ec2.lives) || !m.ec2.lives[id].running {
		panic(fmt.Sprintf("cost: %s: instance %d is not running", op, id))
	}
	return &m.ec2.lives[id]
}
