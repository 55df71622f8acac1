package sim

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// script runs the same operations on an Engine and on refEngine, checks
// the queue's invariants after each and the logs at the end.
type script struct {
	t    *testing.T
	eng  *engineSide
	ref  *refEngine
	logE []fired
	logR []fired
	arg  int64
}

func newScript(t *testing.T) *script {
	s := &script{t: t, ref: &refEngine{}, eng: &engineSide{e: New(Config{})}}
	s.eng.react = func(now Time, arg int64) { s.logE = append(s.logE, fired{now, arg}) }
	s.ref.react = func(now Time, arg int64) { s.logR = append(s.logR, fired{now, arg}) }
	return s
}

// at schedules one event per time and returns the index of the first.
func (s *script) at(times ...Time) int {
	first := len(s.ref.ids)
	for _, t := range times {
		s.arg++
		s.eng.at(t, s.arg)
		s.ref.at(t, s.arg)
	}
	s.check()
	return first
}

func (s *script) cancel(k int, want bool) {
	s.t.Helper()
	if ge, gr := s.eng.cancel(k), s.ref.cancel(k); ge != want || gr != want {
		s.t.Fatalf("Cancel(#%d) = %v, reference %v, want %v", k, ge, gr, want)
	}
	s.check()
}

func (s *script) run(until Time) {
	s.t.Helper()
	if err := s.eng.run(until); err != nil {
		s.t.Fatal(err)
	}
	if err := s.ref.run(until); err != nil {
		s.t.Fatal(err)
	}
	s.check()
}

func (s *script) check() {
	s.t.Helper()
	if err := s.eng.e.check(); err != nil {
		s.t.Fatal(err)
	}
	if !slices.Equal(s.logE, s.logR) {
		s.t.Fatalf("fired %v\nreference %v", s.logE, s.logR)
	}
	if p, r := s.eng.e.Pending(), s.ref.pending(); p != r {
		s.t.Fatalf("Pending = %d, reference %d", p, r)
	}
}

func repeat(t Time, n int) []Time {
	out := make([]Time, n)
	for i := range out {
		out[i] = t
	}
	return out
}

// TestFIFOTiesAcrossBuckets schedules equal times before and after their
// bucket is cascaded or sorted, on and around digit boundaries.
func TestFIFOTiesAcrossBuckets(t *testing.T) {
	const span1, span2, span3 = Time(1) << digitBits, Time(1) << (2 * digitBits), Time(1) << (3 * digitBits)
	tests := []struct {
		name string
		at   Time // the tied time
	}{
		{"level 0", 7},
		{"last before a level-1 boundary", span1 - 1},
		{"on a level-1 boundary", span1},
		{"on a level-2 boundary", 3 * span2},
		{"after a level-3 boundary", 5*span3 + 1},
		{"whole minute", Time(90 * time.Minute)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newScript(t)
			// Early ties, arriving from far away with neighbours.
			s.at(repeat(tc.at, chunkLen+5)...)
			s.at(tc.at+1, tc.at+span1, tc.at+span2)
			if tc.at > 0 {
				s.at(tc.at - 1)
			}
			// Fire what comes before: the tied bucket is cascaded down.
			s.run(max(tc.at-1, 0))
			s.at(repeat(tc.at, 3)...) // late ties join the bucket
			s.at(tc.at + 1)
			s.run(tc.at) // ties fire, the rest waits
			s.at(tc.at, tc.at+1, tc.at)
			s.run(Never)
		})
	}
}

// TestSortedBucketServedInOrder fills a small bucket out of order, serves
// part of it, then schedules into it before, at and after its entries.
func TestSortedBucketServedInOrder(t *testing.T) {
	base := Time(5) << (2 * digitBits) // a level-2 bucket seen from 0
	s := newScript(t)
	s.at(base+900, base+30, base+30, base+77, base+5000, base+30)
	s.run(base + 30)
	s.at(base+30, base+31, base+900, base+77, base+76)
	s.run(base + 77)
	s.at(base+77, base+78)
	s.run(Never)
}

// TestCancelEverywhere cancels events in each place an entry can be.
func TestCancelEverywhere(t *testing.T) {
	tests := []struct {
		name  string
		setup func(s *script) int // returns the event to cancel
	}{
		{"far bucket", func(s *script) int {
			s.at(10)
			return s.at(Time(1) << 50)
		}},
		{"next to fire", func(s *script) int {
			k := s.at(100)
			s.at(100, 200)
			return k
		}},
		{"behind ties in a level-0 bucket", func(s *script) int {
			s.at(100, 100)
			k := s.at(100)
			s.at(100)
			return k
		}},
		{"in a sorted bucket mid-serve", func(s *script) int {
			s.at(Time(3)<<digitBits+9, Time(3)<<digitBits+1)
			k := s.at(Time(3)<<digitBits + 5)
			s.run(Time(3)<<digitBits + 1)
			return k
		}},
		{"in a bucket that spans chunks", func(s *script) int {
			s.at(repeat(Time(1)<<30, 2*chunkLen)...)
			k := s.at(Time(1)<<30 + 7)
			s.at(repeat(Time(1)<<30+3, chunkLen)...)
			return k
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newScript(t)
			k := tc.setup(s)
			s.cancel(k, true)
			s.cancel(k, false)
			s.at(s.eng.e.Now()) // may reuse the cancelled event's slot
			s.cancel(k, false)
			s.run(Never)
			s.cancel(k, false)
		})
	}
}

func TestCancelFromHandlerOfEarlierEvent(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	var victim EventID
	var killer HandlerFunc = func(now Time, arg int64) {
		if !e.Cancel(victim) {
			t.Error("cancel of the next event failed")
		}
	}
	e.At(5, killer, 0)
	victim = e.At(5, r, 1) // same time, next in line
	e.At(6, r, 2)
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	if want := []fired{{6, 2}}; !slices.Equal(r.got, want) {
		t.Fatalf("got %v, want %v", r.got, want)
	}
}

// TestScheduleBeforeLastAfterBudgetStop covers the one way an event can be
// scheduled before the queue's last time: Run cascades towards an event,
// then stops on the event budget without firing it.
func TestScheduleBeforeLastAfterBudgetStop(t *testing.T) {
	e := New(Config{MaxEvents: 1})
	r := &recorder{}
	e.At(10, r, 1)
	e.At(Time(1)<<40+3, r, 2)
	e.At(Time(1)<<40+1, r, 3)
	// Enough company that the far bucket is cascaded, not sorted.
	for i := range chunkLen {
		e.At(Time(1)<<40+Time(1000+i), r, int64(100+i))
	}
	if err := e.Run(context.Background(), Never); !errors.Is(err, ErrEventBudget) {
		t.Fatalf("err = %v, want the budget", err)
	}
	if e.q.last <= e.Now() {
		t.Fatalf("last %v, now %v: the test no longer reaches the rewind", e.q.last, e.Now())
	}
	e.At(11, r, 4)
	e.At(Time(1)<<40+1, r, 5)
	if err := e.check(); err != nil {
		t.Fatal(err)
	}
	e.cfg.MaxEvents = 0
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	want := []fired{{10, 1}, {11, 4}, {Time(1)<<40 + 1, 3}, {Time(1)<<40 + 1, 5}, {Time(1)<<40 + 3, 2}}
	if len(r.got) != len(want)+chunkLen || !slices.Equal(r.got[:len(want)], want) {
		t.Fatalf("got %v, want %v", r.got, want)
	}
}

// TestCancelledEntriesAreCompacted cancels far-future events en masse:
// the queue must shed them long before they come due, and reuse the
// memory.
func TestCancelledEntriesAreCompacted(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	e.At(1, r, 0)
	ids := make([]EventID, 10000)
	for i := range ids {
		ids[i] = e.At(Time(1)<<45+Time(i)*Time(time.Second), r, int64(i))
	}
	chunksUsed := len(e.q.ch.next)
	for _, id := range ids {
		e.Cancel(id)
	}
	if e.q.len() > 2*compactMin || e.Pending() != 1 {
		t.Fatalf("after cancelling all but one: %d queued, %d pending", e.q.len(), e.Pending())
	}
	if err := e.check(); err != nil {
		t.Fatal(err)
	}
	for i := range ids {
		e.At(Time(1)<<45+Time(i), r, int64(i))
	}
	if n := len(e.q.ch.next); n != chunksUsed {
		t.Fatalf("chunk pool grew from %d to %d chunks", chunksUsed, n)
	}
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	if len(r.got) != 1+len(ids) {
		t.Fatalf("fired %d, want %d", len(r.got), 1+len(ids))
	}
}

// TestBurstFromHandler schedules a large burst at the current time from a
// handler: it fires after the events already due then, in order, and
// every chunk returns to the pool.
func TestBurstFromHandler(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	const n = 5000
	var tick HandlerFunc = func(now Time, _ int64) {
		for i := range n {
			e.At(now, r, int64(i))
		}
	}
	e.At(Time(time.Minute), tick, -1)
	e.At(Time(time.Minute), r, -2)
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	if len(r.got) != n+1 || r.got[0].arg != -2 {
		t.Fatalf("fired %d, first %v", len(r.got), r.got[0])
	}
	for i, f := range r.got[1:] {
		if f.arg != int64(i) {
			t.Fatalf("burst event %d fired as %d", i, f.arg)
		}
	}
	if e.q.ch.nfree != len(e.q.ch.next) {
		t.Fatalf("%d of %d chunks free after running dry", e.q.ch.nfree, len(e.q.ch.next))
	}
}

// TestHoldKeepsChunkPoolSize runs the hold model past its warm-up and
// checks that the chunk pool all but stops growing: memory is O(n). (It
// may still creep up as the number of partly filled chunks reaches new
// highs.)
func TestHoldKeepsChunkPoolSize(t *testing.T) {
	inc := incrementTable()
	e := New(Config{})
	h := &holdHandler{e: e, inc: inc}
	const n = 20000
	for i := range n {
		e.At(Time(inc[i&(incTableSize-1)]), h, int64(i))
	}
	for range 5 * n {
		e.step()
	}
	size := len(e.q.ch.next)
	for range 20 * n {
		e.step()
	}
	if grown := len(e.q.ch.next); grown > size+size/20 {
		t.Fatalf("chunk pool grew from %d to %d in steady state", size, grown)
	}
	if err := e.check(); err != nil {
		t.Fatal(err)
	}
}
