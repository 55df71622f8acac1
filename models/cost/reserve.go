package cost

import (
	"fmt"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

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
	l := m.live(op, id)
	r := &m.ec2.res[m.reservationOf(id, l, svc, at)]
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

// reservationOf returns the slab index of svc's reservation on running
// instance id, adding one. A map on integer keys, not a scan of the
// instance's list: a busy instance can hold dozens of services.
func (m *Meter) reservationOf(id InstanceID, l *lifetime, svc ServiceID, at sim.Time) int32 {
	s := &m.ec2
	k := resKey{id, svc}
	if r, ok := s.resIDs[k]; ok {
		return r
	}
	r := reservation{svc: svc, next: l.head, credit: m.creditOf(l.class, svc), lastMs: millis(at)}
	i := s.freeRes
	if i >= 0 {
		s.freeRes = s.res[i].next
		s.res[i] = r
	} else {
		i = int32(len(s.res))
		s.res = append(s.res, r)
	}
	l.head = i
	s.resIDs[k] = i
	return i
}

// creditOf returns the credit of svc on class, creating it.
func (m *Meter) creditOf(class int32, svc ServiceID) int32 {
	s := &m.ec2
	k := creditKey{class, svc}
	if c, ok := s.creditIDs[k]; ok {
		return c
	}
	c := int32(len(s.credits))
	s.credits = append(s.credits, credit{class: class, svc: svc})
	s.creditIDs[k] = c
	return c
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
func (r *reservation) integralsAt(now int64) (cpuMs, memMs int64) {
	dt := now - r.lastMs
	return r.cpuMs + r.cpu*dt, r.memMs + r.mem*dt
}
