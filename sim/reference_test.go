package sim

import (
	"context"
	"fmt"
	"time"
)

// refEngine is the specification of the engine's event order in the
// plainest code: a slice searched for the least (time, sequence) event.
// Its Run mirrors Engine.Run step by step: the event budget, the clock at
// the until point, periodic firings queued before their handler runs.
type refEngine struct {
	now       Time
	seq       uint64
	fired     uint64
	maxEvents uint64
	events    []refEvent
	ids       []refID // every event ever scheduled, by the order of scheduling
	react     func(now Time, arg int64)
}

type refEvent struct {
	at     Time
	seq    uint64
	arg    int64
	id     int // index into ids
	period time.Duration
	first  Time
	n      int64
}

// refID tells whether the event that ids[i] names is still pending.
type refID struct{ pending bool }

func (r *refEngine) at(t Time, arg int64) int {
	return r.schedule(refEvent{at: t, arg: arg})
}

func (r *refEngine) every(first Time, period time.Duration, arg int64) int {
	return r.schedule(refEvent{at: first, arg: arg, period: period, first: first})
}

func (r *refEngine) schedule(ev refEvent) int {
	if ev.at < r.now {
		panic("ref: scheduled in the past")
	}
	r.seq++
	ev.seq = r.seq
	ev.id = len(r.ids)
	r.ids = append(r.ids, refID{pending: true})
	r.events = append(r.events, ev)
	return ev.id
}

func (r *refEngine) cancel(k int) bool {
	if !r.ids[k].pending {
		return false
	}
	r.ids[k].pending = false
	for i, ev := range r.events {
		if ev.id == k {
			r.events = append(r.events[:i], r.events[i+1:]...)
			return true
		}
	}
	panic("ref: pending event not queued")
}

func (r *refEngine) pending() int { return len(r.events) }

// next returns the index of the earliest event, or -1.
func (r *refEngine) next() int {
	best := -1
	for i, ev := range r.events {
		if best < 0 || ev.at < r.events[best].at || ev.at == r.events[best].at && ev.seq < r.events[best].seq {
			best = i
		}
	}
	return best
}

func (r *refEngine) run(until Time) error {
	for {
		i := r.next()
		if i < 0 || r.events[i].at > until {
			break
		}
		if r.maxEvents > 0 && r.fired >= r.maxEvents {
			return fmt.Errorf("ref: %w", ErrEventBudget)
		}
		ev := r.events[i]
		r.now = ev.at
		r.fired++
		if ev.period > 0 {
			ev.n++
			r.seq++
			r.events[i].at = ev.first.Add(time.Duration(ev.n) * ev.period)
			r.events[i].seq = r.seq
			r.events[i].n = ev.n
		} else {
			r.ids[ev.id].pending = false
			r.events = append(r.events[:i], r.events[i+1:]...)
		}
		r.react(ev.at, ev.arg)
	}
	if until != Never {
		r.now = until
	}
	return nil
}

// engineSide drives an Engine through the same interface as refEngine.
type engineSide struct {
	e     *Engine
	ids   []EventID
	react func(now Time, arg int64)
}

func (s *engineSide) Handle(now Time, arg int64) { s.react(now, arg) }

func (s *engineSide) at(t Time, arg int64) int {
	s.ids = append(s.ids, s.e.At(t, s, arg))
	return len(s.ids) - 1
}

func (s *engineSide) every(first Time, period time.Duration, arg int64) int {
	s.ids = append(s.ids, s.e.Every(first, period, s, arg))
	return len(s.ids) - 1
}

func (s *engineSide) cancel(k int) bool { return s.e.Cancel(s.ids[k]) }

func (s *engineSide) run(until Time) error { return s.e.Run(context.Background(), until) }
