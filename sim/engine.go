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
// them is a no-op, even after their slot is reused, because an ID holds
// the event's sequence number, which is never reused.
type EventID struct {
	key uint64 // seq<<slotBits | slot; 0 for no event
}

func (id EventID) slot() int32 { return int32(id.key & slotMask) }

// IsZero reports whether id names no event.
func (id EventID) IsZero() bool { return id.key == 0 }

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

// periodic is the schedule of a periodic event: firing n is at first + n·period.
type periodic struct {
	first  Time
	period time.Duration
	n      int64
}

// Engine is the discrete-event kernel. It is not safe for concurrent use:
// one run is single-threaded by design; parallelism is across engines.
//
// Cancellation is lazy: a cancelled event's entry stays queued and is
// dropped when it is next met (a cascade or the front of the queue), and
// the queue is compacted when cancelled entries outnumber live ones.
type Engine struct {
	cfg      Config
	now      Time
	seq      uint64
	fired    uint64
	live     int // events scheduled and neither fired (one-shot) nor cancelled
	q        queue
	slots    slotTable
	periodic map[int32]*periodic
	stopped  bool
	err      error
	tracer   Tracer
	streams  streams
}

// New returns an engine at virtual time zero.
func New(cfg Config) *Engine {
	e := &Engine{cfg: cfg, streams: newStreams(cfg.Seed), periodic: make(map[int32]*periodic)}
	e.q = newQueue(&e.slots)
	return e
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
func (e *Engine) Pending() int { return e.live }

// SetTracer installs t (nil removes it).
func (e *Engine) SetTracer(t Tracer) { e.tracer = t }

// At schedules h.Handle(t, arg) at virtual time t. Scheduling in the
// past panics: it is always a model bug.
func (e *Engine) At(t Time, h Handler, arg int64) EventID {
	if t < e.now || h == nil {
		e.badEvent(t, h)
	}
	s := e.slots.alloc()
	key := e.nextKey(s)
	e.slots.key[s] = key
	if t < e.q.last {
		e.q.rewind(t)
	}
	p := e.q.push(t)
	p.at, p.key, p.arg, p.h = t, key, arg, h
	e.live++
	return EventID{key: key}
}

// badEvent panics about an event At must not schedule: kept out of At so
// At stays small.
//
//go:noinline
func (e *Engine) badEvent(t Time, h Handler) {
	if t < e.now {
		panic(fmt.Sprintf("sim: event scheduled at %v, before now %v", t, e.now))
	}
	if h == nil {
		panic("sim: nil handler")
	}
}

// nextKey returns the key of the next event scheduled into slot s.
func (e *Engine) nextKey(s int32) uint64 {
	e.seq++
	if e.seq > maxSeq {
		panic("sim: sequence numbers exhausted")
	}
	return e.seq<<slotBits | uint64(s)
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
	s := id.slot()
	e.slots.state[s] = slotPeriodic
	e.slots.flag(s)
	e.periodic[s] = &periodic{first: first, period: period}
	return id
}

// Cancel removes the event id names. It reports whether an event was
// removed; cancelling a fired, cancelled or zero ID returns false.
func (e *Engine) Cancel(id EventID) bool {
	s := id.slot()
	if id.key == 0 || int(s) >= len(e.slots.key) || e.slots.key[s] != id.key {
		return false
	}
	if e.slots.state[s] == slotPeriodic {
		delete(e.periodic, s)
	}
	e.slots.key[s] = 0
	e.slots.state[s] = slotCancelled
	e.slots.flag(s)
	e.slots.cancelled++
	e.live--
	if e.slots.cancelled > compactMin && e.slots.cancelled > e.live {
		e.q.compact()
	}
	return true
}

// compactMin is the number of cancelled entries below which the queue is
// never compacted: cascades drop them anyway, and a small queue would
// compact too often.
const compactMin = 64

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
	for p := e.q.front(until); p != nil; p = e.q.front(until) {
		if done != nil && e.fired%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("sim: run stopped at %v: %w", e.now, err)
			}
		}
		if e.cfg.MaxEvents > 0 && e.fired >= e.cfg.MaxEvents {
			return fmt.Errorf("sim: %d events fired by %v: %w", e.fired, e.now, ErrEventBudget)
		}
		e.fire(p)
		if e.stopped {
			return e.err
		}
	}
	if until != Never {
		e.now = until
	}
	return nil
}

// fire removes the entry front returned and fires it.
func (e *Engine) fire(p *entry) {
	// Read the entry before popFront: its chunk may be reused at once.
	at, key, arg, h := p.at, p.key, p.arg, p.h
	e.q.popFront(at)
	s := int32(key & slotMask)
	e.now = at
	e.fired++
	if e.slots.flagged(s) {
		e.refire(s, at, arg, h)
	} else {
		e.slots.release(s)
		e.live--
	}
	if e.tracer != nil {
		e.tracer.EventFired(at, h, arg)
	}
	h.Handle(at, arg)
}

// refire queues the next firing of a periodic event (cancelled entries
// never reach here: front drops them). The n-th firing is computed, not
// accumulated. The slot and its EventID stay the same.
func (e *Engine) refire(s int32, at Time, arg int64, h Handler) {
	if e.slots.state[s] != slotPeriodic {
		panic("sim: flagged slot fired but is not periodic")
	}
	p := e.periodic[s]
	p.n++
	next := p.first.Add(time.Duration(p.n) * p.period)
	q := e.q.push(next)
	q.at, q.key, q.arg, q.h = next, e.nextKey(s), arg, h
}
