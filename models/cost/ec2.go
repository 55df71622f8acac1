package cost

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// ec2Key identifies a priced EC2 item.
type ec2Key struct {
	typ      string
	purchase Purchase
	az       string
	provider int32
}

// ec2Item accrues the billed seconds of stopped instances of one item, for
// AccruedUSD; Finish recomputes everything from the lifetimes.
type ec2Item struct {
	key        ec2Key
	volumeGiB  int64
	closedInst int64 // billed instance-seconds
	closedEBS  int64 // billed volume-seconds (× volumeGiB = GiB-seconds)
}

// lifetime is one instance from start to stop.
type lifetime struct {
	id             InstanceID
	item           int32
	start, stop    sim.Time // stop is sim.Never while running
	interrupted    bool     // stopped by a Spot interruption
	cpuReg, memReg int64
	cpuRes, memRes int64 // reserved now, over all services
	head           int32 // first reservation of the list, -1 for none
	runPos         int32 // index in ec2State.running while running
}

// reservation is one service's reservations on one instance lifetime, and
// their integrals over time in CPU-unit-milliseconds and MiB-milliseconds.
// int64 bounds: the largest catalogue instance (r7i.48xlarge, 196,608 CPU
// units, ~1.5 Mi MiB) fully reserved for a year integrates to ~5e16, far
// below 9.2e18; the 16 vCPU Fargate-sized 16,384 units to ~5e14.
type reservation struct {
	svc          ServiceID
	next         int32
	cpu, mem     int64
	lastMs       int64
	cpuMs, memMs int64
}

type ec2State struct {
	items   []ec2Item
	itemIDs map[ec2Key]int32
	lives   []lifetime
	res     []reservation // one slab for all lifetimes, linked per lifetime
	active  []int32       // InstanceID → lives index + 1; 0 when stopped
	running []int32       // lives indices of running instances
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
	s.active = grow(s.active, int(id))
	if s.active[id] != 0 {
		panic(fmt.Sprintf("cost: InstanceStarted: instance %d is already running", id))
	}
	s.lives = append(s.lives, lifetime{
		id: id, item: m.ec2Item(inst), start: at, stop: sim.Never,
		cpuReg: int64(inst.RegisteredCPU), memReg: int64(inst.RegisteredMiB),
		head: -1, runPos: int32(len(s.running)),
	})
	li := int32(len(s.lives) - 1)
	s.active[id] = li + 1
	s.running = append(s.running, li)
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

func (m *Meter) stopInstance(op string, id InstanceID, at sim.Time, interrupted bool) {
	m.tick(op, at)
	li := m.live(op, id)
	s := &m.ec2
	l := &s.lives[li]
	if interrupted && s.items[l.item].key.purchase != Spot {
		panic(fmt.Sprintf("cost: %s: instance %d is not a Spot instance", op, id))
	}
	now := millis(at)
	for r := l.head; r >= 0; r = s.res[r].next {
		s.res[r].integrate(now)
	}
	l.stop, l.interrupted = at, interrupted
	inst, ebs := m.lifetimeBill(l, at)
	it := &s.items[l.item]
	it.closedInst += inst
	it.closedEBS += ebs
	last := s.running[len(s.running)-1]
	s.running[l.runPos] = last
	s.lives[last].runPos = l.runPos
	s.running = s.running[:len(s.running)-1]
	l.runPos = -1
	s.active[id] = 0
}

// lifetimeBill returns the billed instance-seconds and volume-seconds of a
// lifetime ending at end: max(minimum, ⌈seconds⌉), and no instance charge
// for a Spot instance EC2 interrupted within its first hour.
func (m *Meter) lifetimeBill(l *lifetime, end sim.Time) (inst, ebs int64) {
	d := end.Sub(l.start)
	billed := billedSeconds(d, m.cfg.EC2Minimum)
	inst = billed
	if l.interrupted && m.cfg.FreeSpotInterruptionFirstHour && d < time.Hour {
		inst = 0
	}
	return inst, billed
}

// live returns the lives index of running instance id.
func (m *Meter) live(op string, id InstanceID) int32 {
	if id < 0 || int(id) >= len(m.ec2.active) || m.ec2.active[id] == 0 {
		panic(fmt.Sprintf("cost: %s: instance %d is not running", op, id))
	}
	return m.ec2.active[id] - 1
}

// Reserve records that a task of service svc placed on instance id reserves
// cpu and mem from at on. Reservations of one service on one instance add
// up; their sum over services may not exceed the registered capacity.
func (m *Meter) Reserve(id InstanceID, svc ServiceID, cpu catalog.CPUUnits, mem catalog.MiB, at sim.Time) {
	m.adjust("Reserve", id, svc, int64(cpu), int64(mem), 1, at)
}

// Release records that a reservation made with Reserve ends at at.
func (m *Meter) Release(id InstanceID, svc ServiceID, cpu catalog.CPUUnits, mem catalog.MiB, at sim.Time) {
	m.adjust("Release", id, svc, int64(cpu), int64(mem), -1, at)
}

// adjust adds sign × (cpu, mem) to svc's reservation on instance id.
func (m *Meter) adjust(op string, id InstanceID, svc ServiceID, cpu, mem, sign int64, at sim.Time) {
	m.tick(op, at)
	m.checkService(svc, op)
	if cpu < 0 || mem < 0 {
		panic(fmt.Sprintf("cost: %s on instance %d: negative amount %d CPU units, %d MiB", op, id, cpu, mem))
	}
	cpu, mem = sign*cpu, sign*mem
	s := &m.ec2
	l := &s.lives[m.live(op, id)]
	r := &s.res[m.reservationOf(l, svc, at)]
	r.integrate(millis(at))
	r.cpu += cpu
	r.mem += mem
	l.cpuRes += cpu
	l.memRes += mem
	switch {
	case r.cpu < 0 || r.mem < 0:
		panic(fmt.Sprintf("cost: Release on instance %d: service %q releases more than it reserved",
			id, m.serviceNames[svc]))
	case l.cpuRes > l.cpuReg || l.memRes > l.memReg:
		panic(fmt.Sprintf("cost: Reserve on instance %d: %d CPU units and %d MiB reserved exceed the registered %d and %d",
			id, l.cpuRes, l.memRes, l.cpuReg, l.memReg))
	}
}

// reservationOf returns the slab index of svc's reservation on l, adding
// one. Instances hold few services, so a list scan beats a map.
func (m *Meter) reservationOf(l *lifetime, svc ServiceID, at sim.Time) int32 {
	s := &m.ec2
	for r := l.head; r >= 0; r = s.res[r].next {
		if s.res[r].svc == svc {
			return r
		}
	}
	s.res = append(s.res, reservation{svc: svc, next: l.head, lastMs: millis(at)})
	l.head = int32(len(s.res) - 1)
	return l.head
}

// integrate accrues the reservation up to the millisecond now.
func (r *reservation) integrate(now int64) {
	dt := now - r.lastMs
	r.cpuMs += r.cpu * dt
	r.memMs += r.mem * dt
	r.lastMs = now
}

// integralsAt returns the reservation's integrals up to the millisecond now
// without changing it.
func (r reservation) integralsAt(now int64) (cpuMs, memMs int64) {
	dt := now - r.lastMs
	return r.cpuMs + r.cpu*dt, r.memMs + r.mem*dt
}
