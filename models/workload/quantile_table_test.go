package workload

import (
	"fmt"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// tableMaxRho is the last utilisation the grid interpolates at.
var tableMaxRho = 100.0 / 101

// relErr returns |got − want| / want.
func relErr(got, want Seconds) float64 { return math.Abs(float64(got-want)) / float64(want) }

// TestQuantileTableErrorBound scans utilisation finely for the server
// counts where interpolation errs most (few servers) and some large ones,
// and checks every p95, p99 and mean against MMC's exact values.
func TestQuantileTableErrorBound(t *testing.T) {
	servers := []int{1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 30, 50, 100, 300, 1000, 4000}
	steps := 3000
	if testing.Short() {
		servers, steps = []int{1, 2, 3, 10, 300}, 600
	}
	tab := NewQuantileTable()
	worst := 0.0
	for _, c := range servers {
		for i := range steps {
			rho := tableMaxRho * (float64(i) + 0.37) / float64(steps)
			mu := 0.1 + float64(i%7)*13
			q := NewMMC(rho*float64(c)*mu, mu, c)
			got95, got99 := tab.ResponseQuantiles(q)
			want95, want99 := q.ResponseQuantiles(0.95, 0.99)
			gotMean, wantMean := tab.MeanResponse(q), q.MeanResponse()
			for _, e := range []float64{relErr(got95, want95), relErr(got99, want99), relErr(gotMean, wantMean)} {
				worst = max(worst, e)
				if e > QuantileTableMaxRelError {
					t.Fatalf("c=%d ρ=%v: table %v / %v / mean %v, exact %v / %v / %v (rel err %.3g)",
						c, rho, got95, got99, gotMean, want95, want99, wantMean, e)
				}
			}
		}
	}
	t.Logf("worst relative error %.3g (bound %.3g)", worst, QuantileTableMaxRelError)
}

// Property: within the bound for any server count, utilisation and μ;
// exact beyond the grid; non-decreasing in utilisation.
func TestQuantileTableProperty(t *testing.T) {
	tab := NewQuantileTable()
	rapid.Check(t, func(t *rapid.T) {
		c := rapid.IntRange(1, 2000).Draw(t, "servers")
		mu := rapid.Float64Range(0.01, 1000).Draw(t, "mu")
		r1 := rapid.Float64Range(0, 0.9999).Draw(t, "rho1")
		r2 := rapid.Float64Range(r1, 0.9999).Draw(t, "rho2")
		lo, hi := NewMMC(r1*float64(c)*mu, mu, c), NewMMC(r2*float64(c)*mu, mu, c)
		lo95, lo99 := tab.ResponseQuantiles(lo)
		hi95, hi99 := tab.ResponseQuantiles(hi)
		want95, want99 := lo.ResponseQuantiles(0.95, 0.99)
		tol := QuantileTableMaxRelError
		if lo.Utilisation() > tableMaxRho {
			tol = 0 // the exact solver itself
		}
		if relErr(lo95, want95) > tol || relErr(lo99, want99) > tol {
			t.Fatalf("c=%d ρ=%v μ=%v: table %v / %v, exact %v / %v", c, r1, mu, lo95, lo99, want95, want99)
		}
		loMean, hiMean := tab.MeanResponse(lo), tab.MeanResponse(hi)
		if relErr(loMean, lo.MeanResponse()) > tol {
			t.Fatalf("c=%d ρ=%v μ=%v: mean %v, exact %v", c, r1, mu, loMean, lo.MeanResponse())
		}
		if lo95 > hi95*(1+1e-9) || lo99 > hi99*(1+1e-9) || loMean > hiMean*(1+1e-9) {
			t.Fatalf("c=%d: latency fell from ρ=%v to ρ=%v: %v → %v, %v → %v, mean %v → %v", c, r1, r2, lo95, hi95, lo99, hi99, loMean, hiMean)
		}
	})
}

// The table's values do not depend on the order of queries, so services
// sharing one stay deterministic.
func TestQuantileTableOrderIndependent(t *testing.T) {
	var qs []MMC
	for c := 1; c <= 12; c++ {
		for _, rho := range []float64{0, 0.013, 0.2, 0.55, 0.61, 0.9, 0.99, 0.9995} {
			qs = append(qs, NewMMC(rho*float64(c)*7, 7, c))
		}
	}
	fwd, back := NewQuantileTable(), NewQuantileTable()
	got := make([][2]Seconds, len(qs))
	for i, q := range qs {
		got[i][0], got[i][1] = fwd.ResponseQuantiles(q)
	}
	for i := len(qs) - 1; i >= 0; i-- {
		if a, b := back.ResponseQuantiles(qs[i]); a != got[i][0] || b != got[i][1] {
			t.Fatalf("query %d: %v / %v in reverse order, %v / %v forwards", i, a, b, got[i][0], got[i][1])
		}
	}
}

// A Service with a table matches the exact Service within the bound, and
// its latency stays monotone: exactly in demand, within the bound in tasks.
func TestServiceWithQuantileTableProperty(t *testing.T) {
	tab := NewQuantileTable()
	rapid.Check(t, func(t *rapid.T) {
		task := webTask()
		task.CapacityPerSecond = rapid.Float64Range(1, 200).Draw(t, "capacity")
		q := QueueConfig{Concurrency: rapid.IntRange(1, 4).Draw(t, "conc"), QueueLimit: 1e5}
		running := rapid.IntRange(1, 20).Draw(t, "running")
		l1 := rapid.Float64Range(0, 3000).Draw(t, "demand1")
		l2 := rapid.Float64Range(l1, 3000).Draw(t, "demand2")
		extra := rapid.IntRange(0, 5).Draw(t, "extra tasks")
		run := func(table *QuantileTable, demand float64, tasks int) ServiceSample {
			s := must(NewService(ServiceConfig{Demand: Constant(demand), Task: task, Queue: q, Quantiles: table}))
			return s.Step(t0, time.Minute, tasks, 0)
		}
		a, b, c := run(tab, l1, running), run(tab, l2, running), run(tab, l2, running+extra)
		exact := run(nil, l2, running)
		for _, e := range []float64{relErr(b.P95, exact.P95), relErr(b.P99, exact.P99), relErr(b.MeanResponse, exact.MeanResponse)} {
			if e > QuantileTableMaxRelError {
				t.Fatalf("p95/p99/mean %v / %v / %v, exact %v / %v / %v", b.P95, b.P99, b.MeanResponse, exact.P95, exact.P99, exact.MeanResponse)
			}
		}
		same := b
		same.P95, same.P99, same.MeanResponse = exact.P95, exact.P99, exact.MeanResponse
		if same != exact {
			t.Fatalf("the table changed more than the latencies: %+v vs %+v", b, exact)
		}
		if a.P95 > b.P95*(1+1e-9) || a.P99 > b.P99*(1+1e-9) || a.MeanResponse > b.MeanResponse*(1+1e-9) {
			t.Fatalf("demand %v → %v lowered latency: %v → %v", l1, l2, a.P95, b.P95)
		}
		slack := Seconds(1 + 2*QuantileTableMaxRelError)
		if c.P95 > b.P95*slack || c.P99 > b.P99*slack || c.MeanResponse > b.MeanResponse*slack {
			t.Fatalf("%d extra tasks raised latency: p95 %v → %v", extra, b.P95, c.P95)
		}
	})
}

func TestQuantileTableStepDoesNotAllocate(t *testing.T) {
	tab := NewQuantileTable()
	s := must(NewService(ServiceConfig{Demand: Constant(300), Task: webTask(), Quantiles: tab}))
	now := t0
	s.Step(now, time.Minute, 10, 0) // the row and its nodes are made once
	allocs := testing.AllocsPerRun(200, func() {
		s.Step(now, time.Minute, 10, 0)
		now = now.Add(time.Minute)
	})
	if allocs != 0 {
		t.Errorf("Step with a table allocates %v times", allocs)
	}
}

// BenchmarkQuantileTable compares a table lookup with the exact solve, at
// the utilisations of a diurnal day (every query a new ρ).
func BenchmarkQuantileTable(b *testing.B) {
	for _, c := range []int{2, 10, 100} {
		qs := make([]MMC, 1440)
		for i := range qs {
			rho := 0.35 + 0.3*math.Sin(float64(i)/1440*2*math.Pi)
			qs[i] = NewMMC(rho*float64(c)*30, 30, c)
		}
		b.Run(fmt.Sprintf("exact/servers=%d", c), func(b *testing.B) {
			var sink Seconds
			i := 0
			for b.Loop() {
				p95, p99 := qs[i%len(qs)].ResponseQuantiles(0.95, 0.99)
				sink += p95 + p99
				i++
			}
		})
		b.Run(fmt.Sprintf("table/servers=%d", c), func(b *testing.B) {
			tab := NewQuantileTable()
			b.ReportAllocs()
			var sink Seconds
			i := 0
			for b.Loop() {
				p95, p99 := tab.ResponseQuantiles(qs[i%len(qs)])
				sink += p95 + p99
				i++
			}
		})
	}
}
