package sim

import (
	"container/heap"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// The mixed model is shaped like ecsim's real event load rather than the
// textbook hold model:
//
//   - bimodal delays: most follow-ups are seconds away (task state
//     changes, placement, health checks), a quarter are minutes to hours
//     away (instance lifetimes, scheduled actions, Spot interruptions);
//   - equal times: a third of short delays are rounded up to the next whole
//     second and long ones to the next whole minute, and a one-minute
//     periodic tick fires a burst of zero-delay evaluations, so thousands
//     of events share a time and must fire in scheduling order;
//   - cancellations: half of the entity events also arm a ten-minute
//     timeout that the entity's next event disarms if it comes first,
//     which cancels about a fifth of all scheduled events.
//
// One operation is one fired event; cancelled events that are dropped
// unfired cost whatever they cost inside that operation. Draws come from
// a precomputed table so both implementations pay the same for them.

var mixedSizes = []int{1000, 100000}

const mixedTableSize = 1 << 12

// mixedDraw is one precomputed decision of an entity's handler.
type mixedDraw struct {
	delay   time.Duration
	timeout bool
}

const (
	mixedTimeout  = 10 * time.Minute
	mixedTick     = time.Minute
	mixedBurstDiv = 100 // each tick evaluates one entity in mixedBurstDiv
)

func mixedTable() []mixedDraw {
	rng := rand.New(rand.NewPCG(3, 4))
	t := make([]mixedDraw, mixedTableSize)
	for i := range t {
		var d time.Duration
		if rng.IntN(4) != 0 {
			d = time.Duration(rng.ExpFloat64() * float64(2*time.Second))
			if rng.IntN(3) == 0 {
				d = d.Truncate(time.Second) + time.Second
			}
		} else {
			d = time.Minute + time.Duration(rng.Int64N(int64(4*time.Hour)))
			d = d.Truncate(time.Minute)
		}
		t[i] = mixedDraw{delay: d, timeout: rng.IntN(2) == 0}
	}
	return t
}

// mixedSched is what the mixed model needs from a scheduler.
type mixedSched[ID any] interface {
	now() Time
	at(t Time, kind mixedKind, arg int64) ID
	cancel(id ID) bool
}

type mixedKind uint8

const (
	kindEntity mixedKind = iota
	kindTimeout
	kindTick
	kindEval
)

// mixedModel holds the entities' state and reacts to their events.
type mixedModel[ID any] struct {
	s        mixedSched[ID]
	draws    []mixedDraw
	i        int
	timeouts []ID
	armed    []bool
	next     int // next entity a tick evaluates
}

func newMixedModel[ID any](s mixedSched[ID], n int) *mixedModel[ID] {
	m := &mixedModel[ID]{s: s, draws: mixedTable(), timeouts: make([]ID, n), armed: make([]bool, n)}
	for id := range n {
		m.s.at(Time(m.draw().delay), kindEntity, int64(id))
	}
	m.s.at(Time(mixedTick), kindTick, 0)
	return m
}

func (m *mixedModel[ID]) draw() mixedDraw {
	m.i = (m.i + 1) & (mixedTableSize - 1)
	return m.draws[m.i]
}

func (m *mixedModel[ID]) handle(kind mixedKind, arg int64) {
	now := m.s.now()
	switch kind {
	case kindEntity:
		if m.armed[arg] {
			m.s.cancel(m.timeouts[arg]) // false when the timeout already fired
			m.armed[arg] = false
		}
		d := m.draw()
		m.s.at(now.Add(d.delay), kindEntity, arg)
		if d.timeout {
			m.timeouts[arg] = m.s.at(now.Add(mixedTimeout), kindTimeout, arg)
			m.armed[arg] = true
		}
	case kindTimeout:
		m.armed[arg] = false
	case kindTick:
		n := len(m.armed)
		for range n / mixedBurstDiv {
			m.s.at(now, kindEval, int64(m.next))
			m.next = (m.next + 1) % n
		}
		m.s.at(now.Add(mixedTick), kindTick, 0)
	case kindEval:
	}
}

// engineMixed runs the mixed model on the Engine: one handler per kind.
type engineMixed struct {
	e     *Engine
	m     *mixedModel[EventID]
	kinds [4]mixedHandler
}

type mixedHandler struct {
	x    *engineMixed
	kind mixedKind
}

func (h *mixedHandler) Handle(_ Time, arg int64) { h.x.m.handle(h.kind, arg) }

func (x *engineMixed) now() Time { return x.e.Now() }
func (x *engineMixed) at(t Time, k mixedKind, arg int64) EventID {
	return x.e.At(t, &x.kinds[k], arg)
}
func (x *engineMixed) cancel(id EventID) bool { return x.e.Cancel(id) }

func benchmarkMixedEngine(b *testing.B, n int) {
	x := &engineMixed{e: New(Config{})}
	for k := range x.kinds {
		x.kinds[k] = mixedHandler{x: x, kind: mixedKind(k)}
	}
	x.m = newMixedModel[EventID](x, n)
	warm := x.e.Now().Add(time.Hour) // reach the steady mix of short and long events
	for x.e.Now() < warm {
		fireOne(x.e)
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		fireOne(x.e)
	}
}

// fireOne fires exactly one event, dropping cancelled ones on the way.
func fireOne(e *Engine) {
	for f := e.fired; e.fired == f; {
		e.step()
	}
}

// heapEvent is an event of the container/heap baseline. index makes
// cancellation O(log n) through heap.Remove, as in container/heap's
// priority-queue example; events are pooled so the baseline does not
// pay for allocation either.
type heapEvent struct {
	at    Time
	seq   uint64
	kind  mixedKind
	arg   int64
	index int // -1 once fired or cancelled
	gen   uint32
}

type eventHeap []*heapEvent

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(i, j int) bool {
	return h[i].at < h[j].at || (h[i].at == h[j].at && h[i].seq < h[j].seq)
}
func (h eventHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *eventHeap) Push(x any) {
	ev := x.(*heapEvent)
	ev.index = len(*h)
	*h = append(*h, ev)
}
func (h *eventHeap) Pop() any {
	old := *h
	ev := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	ev.index = -1
	return ev
}

// heapID names a pooled heapEvent; gen tells reuses apart.
type heapID struct {
	ev  *heapEvent
	gen uint32
}

type heapMixed struct {
	h     eventHeap
	pool  []*heapEvent
	seq   uint64
	clock Time
	m     *mixedModel[heapID]
}

func (x *heapMixed) now() Time { return x.clock }
func (x *heapMixed) at(t Time, k mixedKind, arg int64) heapID {
	var ev *heapEvent
	if n := len(x.pool); n > 0 {
		ev, x.pool = x.pool[n-1], x.pool[:n-1]
	} else {
		ev = &heapEvent{}
	}
	x.seq++
	ev.at, ev.seq, ev.kind, ev.arg = t, x.seq, k, arg
	ev.gen++
	heap.Push(&x.h, ev)
	return heapID{ev, ev.gen}
}

func (x *heapMixed) cancel(id heapID) bool {
	if id.ev.gen != id.gen || id.ev.index < 0 {
		return false
	}
	heap.Remove(&x.h, id.ev.index)
	id.ev.gen++
	x.pool = append(x.pool, id.ev)
	return true
}

func (x *heapMixed) fire() {
	ev := heap.Pop(&x.h).(*heapEvent)
	x.clock = ev.at
	kind, arg := ev.kind, ev.arg
	ev.gen++
	x.pool = append(x.pool, ev)
	x.m.handle(kind, arg)
}

func benchmarkMixedContainerHeap(b *testing.B, n int) {
	x := &heapMixed{}
	x.m = newMixedModel[heapID](x, n)
	warm := x.clock.Add(time.Hour)
	for x.clock < warm {
		x.fire()
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		x.fire()
	}
}

func BenchmarkMixed(b *testing.B) {
	for _, n := range mixedSizes {
		b.Run(fmt.Sprintf("engine/n=%d", n), func(b *testing.B) { benchmarkMixedEngine(b, n) })
	}
	for _, n := range mixedSizes {
		b.Run(fmt.Sprintf("container-heap/n=%d", n), func(b *testing.B) { benchmarkMixedContainerHeap(b, n) })
	}
}
