package sim

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// recorder logs (time, arg) of every event it handles.
type recorder struct {
	got []fired
}

type fired struct {
	at  Time
	arg int64
}

func (r *recorder) Handle(now Time, arg int64) { r.got = append(r.got, fired{now, arg}) }

func TestOrderByTime(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	times := []Time{50, 10, 40, 20, 30, 0}
	for i, at := range times {
		e.At(at, r, int64(i))
	}
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	want := []fired{{0, 5}, {10, 1}, {20, 3}, {30, 4}, {40, 2}, {50, 0}}
	if !slices.Equal(r.got, want) {
		t.Fatalf("got %v, want %v", r.got, want)
	}
	if e.Fired() != 6 {
		t.Fatalf("Fired = %d, want 6", e.Fired())
	}
}

func TestFIFOTieBreak(t *testing.T) {
	tests := []struct {
		name string
		n    int
	}{{"few", 5}, {"many", 1000}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Config{})
			r := &recorder{}
			// Interleave two times so the heap must reorder, yet each
			// time's events keep their scheduling order.
			for i := 0; i < tc.n; i++ {
				e.At(Time(i%2)*100, r, int64(i))
			}
			if err := e.Run(context.Background(), Never); err != nil {
				t.Fatal(err)
			}
			var prev fired
			for i, f := range r.got {
				if i > 0 && f.at == prev.at && f.arg < prev.arg {
					t.Fatalf("tie at %v fired %d after %d", f.at, f.arg, prev.arg)
				}
				prev = f
			}
		})
	}
}

func TestEventsScheduledDuringRunAtSameTimeFireAfter(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	var spawn HandlerFunc = func(now Time, arg int64) {
		r.Handle(now, arg)
		if arg == 0 {
			e.At(now, r, 2) // same time, scheduled later: fires after arg 1
		}
	}
	e.At(5, spawn, 0)
	e.At(5, r, 1)
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	want := []fired{{5, 0}, {5, 1}, {5, 2}}
	if !slices.Equal(r.got, want) {
		t.Fatalf("got %v, want %v", r.got, want)
	}
}

func TestCancel(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	a := e.At(10, r, 1)
	b := e.At(20, r, 2)
	c := e.At(30, r, 3)
	if !e.Cancel(b) {
		t.Fatal("Cancel of a pending event returned false")
	}
	if e.Cancel(b) {
		t.Fatal("second Cancel of the same event returned true")
	}
	if e.Cancel(EventID{}) {
		t.Fatal("Cancel of the zero ID returned true")
	}
	if err := e.Run(context.Background(), 15); err != nil {
		t.Fatal(err)
	}
	if e.Cancel(a) {
		t.Fatal("Cancel of a fired event returned true")
	}
	// a's slot is reused by d; a's stale ID must not cancel d.
	d := e.At(25, r, 4)
	if d.slot() != a.slot() && d.slot() != b.slot() {
		t.Logf("slot not reused (a=%d b=%d d=%d); stale-ID check still valid", a.slot(), b.slot(), d.slot())
	}
	if e.Cancel(a) || e.Cancel(b) {
		t.Fatal("stale ID cancelled a reused slot")
	}
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	want := []fired{{10, 1}, {25, 4}, {30, 3}}
	if !slices.Equal(r.got, want) {
		t.Fatalf("got %v, want %v", r.got, want)
	}
	_ = c
}

func TestCancelRandomMatchesModel(t *testing.T) {
	// Schedule and cancel at random; the survivors must fire in (time,
	// schedule order) order, exactly as a sorted list says.
	rng := rand.New(rand.NewPCG(1, 2))
	e := New(Config{})
	r := &recorder{}
	type ev struct {
		at  Time
		arg int64
		id  EventID
	}
	var all []ev
	for i := range 5000 {
		at := Time(rng.IntN(500))
		all = append(all, ev{at, int64(i), e.At(at, r, int64(i))})
	}
	var want []fired
	for _, x := range all {
		if rng.IntN(3) == 0 {
			if !e.Cancel(x.id) {
				t.Fatalf("cancel %d failed", x.arg)
			}
			continue
		}
		want = append(want, fired{x.at, x.arg})
	}
	slices.SortStableFunc(want, func(a, b fired) int { return a.at.Compare(b.at) })
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.got, want) {
		t.Fatalf("fired %d events, want %d; first mismatch in order", len(r.got), len(want))
	}
}

func TestPeriodicNoDrift(t *testing.T) {
	const periods = 1_000_000
	period := 333333333 * time.Nanosecond // not a divisor of a second: accumulation would be exact too, so also check odd first
	e := New(Config{})
	first := Time(7)
	n := int64(0)
	var tick HandlerFunc = func(now Time, _ int64) {
		if want := first.Add(time.Duration(n) * period); now != want {
			t.Fatalf("firing %d at %v, want %v", n, now, want)
		}
		n++
	}
	id := e.Every(first, period, tick, 0)
	until := first.Add(time.Duration(periods-1) * period)
	if err := e.Run(context.Background(), until); err != nil {
		t.Fatal(err)
	}
	if n != periods {
		t.Fatalf("fired %d times, want %d", n, periods)
	}
	if !e.Cancel(id) {
		t.Fatal("cancel of a periodic timer failed")
	}
	if err := e.Run(context.Background(), until.Add(10*period)); err != nil {
		t.Fatal(err)
	}
	if n != periods {
		t.Fatalf("fired after cancel: %d", n)
	}
}

func TestPeriodicCancelFromOwnHandler(t *testing.T) {
	e := New(Config{})
	var id EventID
	count := 0
	var tick HandlerFunc = func(now Time, _ int64) {
		count++
		if count == 3 {
			e.Cancel(id)
		}
	}
	id = e.Every(0, time.Second, tick, 0)
	if err := e.Run(context.Background(), Time(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if count != 3 {
		t.Fatalf("count = %d, want 3", count)
	}
}

func TestRunUntil(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	for _, at := range []Time{10, 20, 30} {
		e.At(at, r, int64(at))
	}
	if err := e.Run(context.Background(), 20); err != nil {
		t.Fatal(err)
	}
	if len(r.got) != 2 || e.Now() != 20 {
		t.Fatalf("after Run(20): %d events, now %v", len(r.got), e.Now())
	}
	if err := e.Run(context.Background(), 100); err != nil {
		t.Fatal(err)
	}
	if len(r.got) != 3 || e.Now() != 100 {
		t.Fatalf("after Run(100): %d events, now %v; want clock at the until point", len(r.got), e.Now())
	}
	if err := e.Run(context.Background(), 50); err == nil {
		t.Fatal("Run until a past time returned no error")
	}
}

func TestRunCancelledContext(t *testing.T) {
	e := New(Config{})
	var tick HandlerFunc = func(Time, int64) {}
	e.Every(0, time.Second, tick, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.Run(ctx, Never)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if e.Fired() != 0 {
		t.Fatalf("fired %d events under a cancelled context", e.Fired())
	}
}

func TestRunContextCancelledMidway(t *testing.T) {
	e := New(Config{})
	ctx, cancel := context.WithCancel(context.Background())
	var tick HandlerFunc = func(now Time, _ int64) {
		if now == Time(5000*time.Second) {
			cancel()
		}
	}
	e.Every(0, time.Second, tick, 0)
	err := e.Run(ctx, Never)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if f := e.Fired(); f < 5001 || f > 5001+ctxCheckEvery {
		t.Fatalf("fired %d events; want the run to stop soon after the cancel", f)
	}
}

func TestStopAndFail(t *testing.T) {
	e := New(Config{})
	r := &recorder{}
	var stopper HandlerFunc = func(Time, int64) { e.Stop() }
	e.At(1, r, 1)
	e.At(2, stopper, 0)
	e.At(3, r, 3)
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	if len(r.got) != 1 || e.Now() != 2 {
		t.Fatalf("Stop: %d events, now %v", len(r.got), e.Now())
	}
	boom := errors.New("boom")
	var failer HandlerFunc = func(Time, int64) { e.Fail(boom) }
	e.At(4, failer, 0)
	if err := e.Run(context.Background(), Never); !errors.Is(err, boom) {
		t.Fatalf("Fail: err = %v", err)
	}
}

func TestEventBudget(t *testing.T) {
	e := New(Config{MaxEvents: 100})
	var tick HandlerFunc = func(Time, int64) {}
	e.Every(0, time.Second, tick, 0)
	err := e.Run(context.Background(), Never)
	if !errors.Is(err, ErrEventBudget) || e.Fired() != 100 {
		t.Fatalf("err = %v after %d events", err, e.Fired())
	}
}

func TestSchedulingInThePastPanics(t *testing.T) {
	e := New(Config{})
	e.At(10, &recorder{}, 0)
	if err := e.Run(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	e.At(5, &recorder{}, 0)
}

func TestWallClock(t *testing.T) {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	e := New(Config{Start: start})
	e.At(Time(90*time.Minute), &recorder{}, 0)
	if err := e.Run(context.Background(), Never); err != nil {
		t.Fatal(err)
	}
	if got := e.WallClock(e.Now()); !got.Equal(start.Add(90 * time.Minute)) {
		t.Fatalf("WallClock = %v", got)
	}
}

func TestScheduleDoesNotAllocateInSteadyState(t *testing.T) {
	e := New(Config{})
	r := HandlerFunc(func(Time, int64) {})
	for i := range 1000 {
		e.At(Time(i), r, 0)
	}
	allocs := testing.AllocsPerRun(1000, func() {
		id := e.After(time.Second, r, 1)
		e.Cancel(id)
		e.After(time.Millisecond, r, 2)
		_ = e.Run(context.Background(), e.Now().Add(time.Millisecond))
	})
	if allocs != 0 {
		t.Fatalf("%v allocs per schedule/cancel/fire", allocs)
	}
}
