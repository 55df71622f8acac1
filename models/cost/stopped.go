package cost

import (
	"fmt"

	"github.com/ecsim/ecsim/sim"
)

// A stopped instance, such as a warm pool's Warmed:Stopped instance, costs
// its EBS volumes and no instance usage (reference §8.2: EC2 bills instance
// usage while running; volumes until deleted). Its volume-seconds go to
// its priced item, rounded up to the second, and as no service reserves a
// stopped instance they are unused capacity of its provider.

// stoppedLife is the stopped period in one InstanceID slot.
type stoppedLife struct {
	stopped bool
	item    int32
	pos     int32 // index in ec2State.parked
	start   sim.Time
}

// InstanceParked records that instance id, not running, keeps its volumes
// from at: it was stopped (InstanceStopped first) or created stopped.
func (m *Meter) InstanceParked(id InstanceID, inst Instance, at sim.Time) {
	m.tick("InstanceParked", at)
	switch {
	case id < 0:
		panic(fmt.Sprintf("cost: InstanceParked: negative instance ID %d", id))
	case inst.Type == "" || inst.Purchase > Spot:
		panic(fmt.Sprintf("cost: InstanceParked %d: instance %+v has no type or an unknown purchase option", id, inst))
	}
	s := &m.ec2
	s.stopped = grow(s.stopped, int(id))
	if int(id) < len(s.lives) && s.lives[id].running {
		panic(fmt.Sprintf("cost: InstanceParked: instance %d is running", id))
	}
	if s.stopped[id].stopped {
		panic(fmt.Sprintf("cost: InstanceParked: instance %d is already parked", id))
	}
	s.stopped[id] = stoppedLife{stopped: true, item: m.ec2Item(inst), pos: int32(len(s.parked)), start: at}
	s.parked = append(s.parked, id)
}

// InstanceUnparked records that parked instance id gave up its stopped
// state at at: it starts (InstanceStarted next) or is terminated.
func (m *Meter) InstanceUnparked(id InstanceID, at sim.Time) {
	m.tick("InstanceUnparked", at)
	s := &m.ec2
	if id < 0 || int(id) >= len(s.stopped) || !s.stopped[id].stopped {
		panic(fmt.Sprintf("cost: InstanceUnparked: instance %d is not parked", id))
	}
	l := &s.stopped[id]
	s.items[l.item].ebs += ceilSeconds(at.Sub(l.start))
	last := s.parked[len(s.parked)-1]
	s.parked[l.pos] = last
	s.stopped[last].pos = l.pos
	s.parked = s.parked[:len(s.parked)-1]
	*l = stoppedLife{}
}

// parkedSeconds adds the volume-seconds of the instances still parked at
// at to a bill's copy of the items.
func (m *Meter) parkedSeconds(items []ec2Item, at sim.Time) {
	for _, id := range m.ec2.parked {
		l := &m.ec2.stopped[id]
		items[l.item].ebs += ceilSeconds(at.Sub(l.start))
	}
}
