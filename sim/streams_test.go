package sim

import (
	"context"
	"slices"
	"testing"
	"time"
)

func draws(e *Engine, name string, n int) []uint64 {
	r := e.Stream(name)
	out := make([]uint64, n)
	for i := range out {
		out[i] = r.Uint64()
	}
	return out
}

func TestStreamIndependence(t *testing.T) {
	// Adding and drawing from other streams, in any order, never changes
	// a stream's draws.
	a := New(Config{Seed: 42})
	want := draws(a, "asg/web/launch-latency", 100)

	b := New(Config{Seed: 42})
	draws(b, "fargate/provisioning", 57)
	draws(b, "spot/interruptions", 3)
	got := draws(b, "asg/web/launch-latency", 100)
	if !slices.Equal(got, want) {
		t.Fatal("stream draws changed when other streams were added")
	}
}

func TestStreamsDiffer(t *testing.T) {
	e := New(Config{Seed: 1})
	x := draws(e, "a", 8)
	y := draws(e, "b", 8)
	if slices.Equal(x, y) {
		t.Fatal("different names gave the same draws")
	}
	f := New(Config{Seed: 2})
	if slices.Equal(x, draws(f, "a", 8)) {
		t.Fatal("different seeds gave the same draws")
	}
}

func TestStreamContinues(t *testing.T) {
	e := New(Config{Seed: 9})
	first := draws(e, "s", 4)
	second := draws(e, "s", 4)
	f := New(Config{Seed: 9})
	all := draws(f, "s", 8)
	if !slices.Equal(append(first, second...), all) {
		t.Fatal("a stream restarted instead of continuing")
	}
}

// TestDeterminism runs the same randomised model twice and demands the
// same trace.
func TestDeterminism(t *testing.T) {
	run := func() []fired {
		e := New(Config{Seed: 7})
		r := &recorder{}
		rng := e.Stream("model")
		var h HandlerFunc
		h = func(now Time, arg int64) {
			r.Handle(now, arg)
			if arg < 2000 {
				e.After(time.Duration(rng.Int64N(1000)), h, arg+1)
				if rng.IntN(2) == 0 {
					e.After(time.Duration(rng.Int64N(1000)), r, -arg)
				}
			}
		}
		e.At(0, h, 0)
		if err := e.Run(context.Background(), Never); err != nil {
			t.Fatal(err)
		}
		return r.got
	}
	if a, b := run(), run(); !slices.Equal(a, b) {
		t.Fatal("two runs of the same model differ")
	}
}
