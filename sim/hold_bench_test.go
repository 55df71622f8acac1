package sim

import (
	"container/heap"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// The classic "hold" model: the queue holds n events; each operation pops
// the earliest and pushes one at now + a random increment, so the size
// stays n. Increments come from a precomputed exponential table so both
// implementations pay the same, negligible cost for randomness. Both run
// holdWarmup·n operations before timing, the usual way to measure the
// hold model's steady state rather than the transient after filling
// (and, for the engine, the one-time growth of its chunk pool).

var holdSizes = []int{100, 1000, 10000, 100000, 1000000}

const incTableSize = 1 << 12

const holdWarmup = 2

func incrementTable() []time.Duration {
	rng := rand.New(rand.NewPCG(1, 1))
	t := make([]time.Duration, incTableSize)
	for i := range t {
		t[i] = time.Duration(rng.ExpFloat64()*float64(time.Second)) + 1
	}
	return t
}

// holdHandler reschedules itself: one pop and one push per fired event.
type holdHandler struct {
	e   *Engine
	inc []time.Duration
	i   int
}

func (h *holdHandler) Handle(now Time, arg int64) {
	h.i = (h.i + 1) & (incTableSize - 1)
	h.e.After(h.inc[h.i], h, arg)
}

// step fires the next event as Run does, less Run's per-event looks at
// the context and the event budget.
func (e *Engine) step() {
	if p := e.q.front(Never); p != nil {
		e.fire(p)
	}
}

func benchmarkHoldEngine(b *testing.B, n int) {
	inc := incrementTable()
	e := New(Config{})
	h := &holdHandler{e: e, inc: inc}
	for i := range n {
		e.At(Time(inc[i&(incTableSize-1)]), h, int64(i))
	}
	for range holdWarmup * n {
		e.step()
	}
	runtime.GC() // start the timed loop with no collection of setup garbage in flight
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.step()
	}
	if e.Pending() != n {
		b.Fatalf("queue size %d, want %d", e.Pending(), n)
	}
}

// heapItem and itemHeap are the textbook container/heap priority queue
// with interface items, as in container/heap's example.
type heapItem struct {
	at  Time
	seq uint64
}

type itemHeap []heapItem

func (h itemHeap) Len() int { return len(h) }
func (h itemHeap) Less(i, j int) bool {
	return h[i].at < h[j].at || (h[i].at == h[j].at && h[i].seq < h[j].seq)
}
func (h itemHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *itemHeap) Push(x any)   { *h = append(*h, x.(heapItem)) }
func (h *itemHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func benchmarkHoldContainerHeap(b *testing.B, n int) {
	inc := incrementTable()
	h := &itemHeap{}
	var seq uint64
	for i := range n {
		seq++
		heap.Push(h, heapItem{at: Time(inc[i&(incTableSize-1)]), seq: seq})
	}
	j := 0
	for range holdWarmup * n {
		it := heap.Pop(h).(heapItem)
		j = (j + 1) & (incTableSize - 1)
		seq++
		heap.Push(h, heapItem{at: it.at.Add(inc[j]), seq: seq})
	}
	runtime.GC() // start the timed loop with no collection of setup garbage in flight
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		it := heap.Pop(h).(heapItem)
		j = (j + 1) & (incTableSize - 1)
		seq++
		heap.Push(h, heapItem{at: it.at.Add(inc[j]), seq: seq})
	}
	if h.Len() != n {
		b.Fatalf("queue size %d, want %d", h.Len(), n)
	}
}

func BenchmarkHold(b *testing.B) {
	for _, n := range holdSizes {
		b.Run(fmt.Sprintf("engine/n=%d", n), func(b *testing.B) { benchmarkHoldEngine(b, n) })
	}
	for _, n := range holdSizes {
		b.Run(fmt.Sprintf("container-heap/n=%d", n), func(b *testing.B) { benchmarkHoldContainerHeap(b, n) })
	}
}
