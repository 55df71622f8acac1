package sim

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Handler receives events. arg is the value given when the event was
// scheduled, typically the ID of the entity the event is about.
type Handler interface {
	Handle(now Time, arg int64)
}

// HandlerFunc adapts a function to Handler. Convert it once and keep it:
// a new closure per event would allocate.
type HandlerFunc func(now Time, arg int64)

// Handle calls f(now, arg).
func (f HandlerFunc) Handle(now Time, arg int64) { f(now, arg) }

// TimeTeller tells the current virtual time. Components that only read
// the clock depend on this, not on the whole engine.
type TimeTeller interface {
	Now() Time
}

// Scheduler schedules and cancels events.
type Scheduler interface {
	TimeTeller
	At(t Time, h Handler, arg int64) EventID
	After(d time.Duration, h Handler, arg int64) EventID
	Cancel(id EventID) bool
}

// Tracer observes every fired event. It is consulted only when set, so a
// run without tracing pays one predictable branch per event.
type Tracer interface {
	EventFired(at Time, h Handler, arg int64)
}

// EventID names a scheduled event so it can be cancelled. The zero value
// names no event. IDs of fired or cancelled events go stale: cancelling
// them is a no-op, even after their slot is reused.
type EventID struct {
	slot int32
	gen  uint32
}

// IsZero reports whether id names no event.
func (id EventID) IsZero() bool { return id.gen == 0 }

// ErrEventBudget is returned by Run when the configured event budget is spent.
var ErrEventBudget = errors.New("sim: event budget exhausted")

// Config configures an Engine.
type Config struct {
	// Start is the wall-clock time of virtual time zero.
	Start time.Time
	// Seed seeds every named random stream.
	Seed uint64
	// MaxEvents bounds the events one engine fires (0 = unbounded), so a
	// runaway model ends with ErrEventBudget instead of hanging.
	MaxEvents uint64
}

// slot holds an event's payload in 32 bytes, so the slab stays small and
// cache-friendly at a million queued events. Slots are reused through a
// free list; gen changes whenever the event a slot holds fires or is
// cancelled, so stale EventIDs are recognised. The few periodic events
// keep their schedule in Engine.periodic, keyed by slot.
type slot struct {
	h     Handler
	arg   int64
	gen   uint32
	state slotState
}

type slotState uint8

const (
	slotFree      slotState = iota
	slotLive                // scheduled, not yet fired or cancelled
	slotPeriodic            // live and periodic
	slotCancelled           // cancelled; its heap entry is still queued
)

// periodic is the schedule of a periodic event: firing n is at first + n·period.
type periodic struct {
	first  Time
	period time.Duration
	n      int64
}

// Engine is the discrete-event kernel. It is not safe for concurrent use:
// one run is single-threaded by design; parallelism is across engines.
//
// Cancellation is lazy: a cancelled event's heap entry stays queued and is
// dropped when it reaches the top, and the heap is compacted when
// cancelled entries outnumber live ones. This keeps the heap free of
// back-pointers, which measured ~2× faster than index-tracked removal.
type Engine struct {
	cfg       Config
	now       Time
	seq       uint64
	fired     uint64
	q         queue
	slots     []slot
	free      []int32
	periodic  map[int32]*periodic
	cancelled int  // cancelled entries still in the heap
	rootSpent bool // heap[0] has fired; the next enqueue may overwrite it
	stopped   bool
	err       error
	tracer    Tracer
	streams   streams
}

// New returns an engine at virtual time zero.
func New(cfg Config) *Engine {
	return &Engine{cfg: cfg, streams: newStreams(cfg.Seed), periodic: make(map[int32]*periodic)}
}

// Now returns the current virtual time.
func (e *Engine) Now() Time { return e.now }

// Start returns the wall-clock time of virtual time zero.
func (e *Engine) Start() time.Time { return e.cfg.Start }

// WallClock returns the wall-clock time of virtual time t.
func (e *Engine) WallClock(t Time) time.Time { return e.cfg.Start.Add(time.Duration(t)) }

// Fired returns the number of events fired so far.
func (e *Engine) Fired() uint64 { return e.fired }

// Pending returns the number of events waiting to fire.
func (e *Engine) Pending() int {
	n := e.q.len() - e.cancelled
	if e.rootSpent {
		n--
	}
	return n
}

// SetTracer installs t (nil removes it).
func (e *Engine) SetTracer(t Tracer) { e.tracer = t }

// At schedules h.Handle(t, arg) at virtual time t. Scheduling in the
// past panics: it is always a model bug.
func (e *Engine) At(t Time, h Handler, arg int64) EventID {
	if t < e.now {
		panic(fmt.Sprintf("sim: event scheduled at %v, before now %v", t, e.now))
	}
	if h == nil {
		panic("sim: nil handler")
	}
	s := e.alloc()
	sl := &e.slots[s]
	sl.h, sl.arg = h, arg
	e.enqueue(s, t)
	return EventID{slot: s, gen: sl.gen}
}

// After schedules h.Handle at now+d. d must not be negative.
func (e *Engine) After(d time.Duration, h Handler, arg int64) EventID {
	return e.At(e.now.Add(d), h, arg)
}

// Every schedules h.Handle at first, first+period, first+2·period, …
// until cancelled. The n-th firing is computed as first + n·period, never
// by accumulation, so a periodic timer does not drift.
func (e *Engine) Every(first Time, period time.Duration, h Handler, arg int64) EventID {
	if period <= 0 {
		panic(fmt.Sprintf("sim: non-positive period %v", period))
	}
	id := e.At(first, h, arg)
	e.slots[id.slot].state = slotPeriodic
	e.periodic[id.slot] = &periodic{first: first, period: period}
	return id
}

// Cancel removes the event id names. It reports whether an event was
// removed; cancelling a fired, cancelled or zero ID returns false.
func (e *Engine) Cancel(id EventID) bool {
	if id.gen == 0 || int(id.slot) >= len(e.slots) {
		return false
	}
	sl := &e.slots[id.slot]
	if (sl.state != slotLive && sl.state != slotPeriodic) || sl.gen != id.gen {
		return false
	}
	if sl.state == slotPeriodic {
		delete(e.periodic, id.slot)
	}
	sl.state, sl.h = slotCancelled, nil
	sl.gen = nextGen(sl.gen)
	e.cancelled++
	return true
}

// Stop makes Run return after the event being handled.
func (e *Engine) Stop() { e.stopped = true }

// Fail stops the run; Run returns err. The first failure wins.
func (e *Engine) Fail(err error) {
	if e.err == nil {
		e.err = err
	}
	e.stopped = true
}

// ctxCheckEvery is how many events fire between looks at the context:
// often enough to stop within microseconds, rarely enough to cost nothing.
const ctxCheckEvery = 1024

// Run fires events in order until the queue is empty, the next event is
// after until, Stop or Fail is called, the context is done, or the event
// budget is spent. When it stops because of until (or an empty queue
// before until) the clock is left at until, so RunUntil points are exact.
// Pass Never to run until the queue is empty.
func (e *Engine) Run(ctx context.Context, until Time) error {
	if until < e.now {
		return fmt.Errorf("sim: run until %v, before now %v", until, e.now)
	}
	e.stopped = false
	done := ctx.Done()
	for e.q.len() > 0 {
		if e.q.min().at > until {
			break
		}
		if done != nil && e.fired%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("sim: run stopped at %v: %w", e.now, err)
			}
		}
		if e.cfg.MaxEvents > 0 && e.fired >= e.cfg.MaxEvents {
			return fmt.Errorf("sim: %d events fired by %v: %w", e.fired, e.now, ErrEventBudget)
		}
		e.step()
		if e.stopped {
			return e.err
		}
	}
	if until != Never {
		e.now = until
	}
	return nil
}

// step fires the earliest event, or drops it if it was cancelled.
func (e *Engine) step() {
	top := e.q.min()
	s := top.slot()
	sl := &e.slots[s]
	if sl.state == slotCancelled {
		e.q.popMin()
		sl.state = slotFree
		e.cancelled--
		e.free = append(e.free, s)
		return
	}
	e.now = top.at
	e.fired++
	h, arg := sl.h, sl.arg
	// The fired entry stays at the root while the handler runs; the first
	// event the handler schedules overwrites it (one sift, not two).
	e.rootSpent = true
	if sl.state == slotPeriodic {
		p := e.periodic[s]
		p.n++
		e.enqueue(s, p.first.Add(time.Duration(p.n)*p.period))
	} else {
		sl.state, sl.h = slotFree, nil
		sl.gen = nextGen(sl.gen)
		e.free = append(e.free, s)
	}
	if e.tracer != nil {
		e.tracer.EventFired(top.at, h, arg)
	}
	h.Handle(top.at, arg)
	if e.rootSpent {
		e.rootSpent = false
		e.q.popMin()
	}
	if e.cancelled > 64 && e.cancelled > e.q.len()/2 {
		e.compact()
	}
}

func (e *Engine) enqueue(s int32, t Time) {
	e.seq++
	if e.seq > maxSeq {
		panic("sim: sequence numbers exhausted")
	}
	ent := entry{at: t, key: e.seq<<slotBits | uint64(s)}
	if e.rootSpent {
		e.rootSpent = false
		e.q.replaceMin(ent)
		return
	}
	e.q.push(ent)
}

// compact drops cancelled entries and rebuilds the heap in O(n), so
// cancelled far-future events cannot make the heap grow without bound.
func (e *Engine) compact() {
	h := e.q.heap[:pad]
	for _, ent := range e.q.heap[pad:] {
		s := ent.slot()
		if sl := &e.slots[s]; sl.state == slotCancelled {
			sl.state = slotFree
			e.free = append(e.free, s)
			continue
		}
		h = append(h, ent)
	}
	e.q.heap = h
	e.cancelled = 0
	e.q.heapify()
}

func (e *Engine) alloc() int32 {
	if n := len(e.free); n > 0 {
		s := e.free[n-1]
		e.free = e.free[:n-1]
		e.slots[s].state = slotLive
		return s
	}
	if len(e.slots) >= maxSlots {
		panic(fmt.Sprintf("sim: more than %d events queued", maxSlots))
	}
	e.slots = append(e.slots, slot{gen: 1, state: slotLive})
	return int32(len(e.slots) - 1)
}

// nextGen advances a generation, skipping zero, which means "no event".
func nextGen(g uint32) uint32 {
	if g++; g == 0 {
		g = 1
	}
	return g
}
