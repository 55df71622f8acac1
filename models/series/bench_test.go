package series

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// BenchmarkWrites measures one Set on a Mean gauge, one on a Last gauge and
// one Add on a counter per iteration, at irregular times a few seconds
// apart over a one-week recorder (what a world run does per event).
func BenchmarkWrites(b *testing.B) {
	end := sim.Time(7 * 24 * time.Hour)
	r, err := New(Config{End: end})
	if err != nil {
		b.Fatal(err)
	}
	mean, last, sum := r.Gauge("cpu", "%", Mean), r.Gauge("tasks", "tasks", Last), r.Counter("requests", "requests")
	now, i := sim.Time(0), 0
	b.ReportAllocs()
	for b.Loop() {
		now += sim.Time(time.Duration(1+i%7) * time.Second)
		if now >= end { // start a fresh week: the writes, not Close, are timed
			b.StopTimer()
			r, _ = New(Config{End: end})
			mean, last, sum = r.Gauge("cpu", "%", Mean), r.Gauge("tasks", "tasks", Last), r.Counter("requests", "requests")
			now = 0
			b.StartTimer()
		}
		v := float64(i % 100)
		mean.Set(now, v)
		last.Set(now, v)
		sum.Add(now, 1)
		i++
	}
	b.ReportMetric(3*float64(b.N)/b.Elapsed().Seconds(), "writes/s")
}

// BenchmarkCarryForward measures a gauge set once an hour over a week: each
// Set fills the 60 one-minute buckets since the last one.
func BenchmarkCarryForward(b *testing.B) {
	end := sim.Time(7 * 24 * time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		r, _ := New(Config{End: end})
		g := r.Gauge("g", "", Mean)
		for h := range 7 * 24 {
			g.Set(sim.Time(time.Duration(h)*time.Hour+time.Minute/2), float64(h))
		}
		r.Close()
	}
}
