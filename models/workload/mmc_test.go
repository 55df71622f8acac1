package workload

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// quantileByBisection inverts ResponseSurvival without Newton steps.
func quantileByBisection(q MMC, p float64) float64 {
	lo, hi := 0.0, 1.0
	for q.ResponseSurvival(Seconds(hi)) > 1-p {
		hi *= 2
	}
	for range 200 {
		mid := (lo + hi) / 2
		if q.ResponseSurvival(Seconds(mid)) > 1-p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

func TestResponseQuantileMatchesBisection(t *testing.T) {
	for _, c := range []int{1, 2, 3, 8, 40, 200, 2000} {
		for _, rho := range []float64{0, 0.01, 0.3, 0.5, 0.8, 0.9, 0.97, 0.999} {
			for _, mu := range []float64{0.5, 10, 333} {
				q := NewMMC(rho*float64(c)*mu, mu, c)
				for _, pair := range [][2]float64{{0.95, 0.99}, {0.5, 0.999}} {
					a, b := q.ResponseQuantiles(pair[0], pair[1])
					approx(t, "pair low", float64(a), float64(q.ResponseQuantile(pair[0])), 2e-9)
					approx(t, "pair high", float64(b), quantileByBisection(q, pair[1]), 2e-9)
				}
				for _, p := range []float64{0.5, 0.95, 0.99, 0.999} {
					want := quantileByBisection(q, p)
					got := float64(q.ResponseQuantile(p))
					if math.Abs(got-want) > 2e-9*want {
						t.Errorf("c=%d ρ=%v μ=%v p=%v: quantile %.15g, bisection %.15g", c, rho, mu, p, got, want)
					}
				}
			}
		}
	}
}

func TestMMCClosedForms(t *testing.T) {
	// M/M/1: T ~ Exp(μ−λ) exactly.
	q := NewMMC(6, 10, 1)
	if q.ArrivalRate() != 6 || q.ServiceRate() != 10 || q.Servers() != 1 {
		t.Errorf("accessors %v %v %v", q.ArrivalRate(), q.ServiceRate(), q.Servers())
	}
	for _, p := range []float64{0.5, 0.95, 0.99} {
		approx(t, "M/M/1 quantile", float64(q.ResponseQuantile(p)), -math.Log(1-p)/4, 1e-9)
	}
	approx(t, "M/M/1 mean response", float64(q.MeanResponse()), 0.25, 1e-12)
	approx(t, "M/M/1 Lq", q.MeanQueueLength(), 0.36/0.4, 1e-12)
	approx(t, "M/M/1 utilisation", q.Utilisation(), 0.6, 1e-15)
	// No load: the response time is the service time.
	idle := NewMMC(0, 4, 3)
	approx(t, "idle p95", float64(idle.ResponseQuantile(0.95)), math.Log(20)/4, 1e-12)
	if idle.WaitProbability() != 0 || idle.MeanWait() != 0 || idle.WaitQuantile(0.99) != 0 {
		t.Error("an idle queue must not wait")
	}
	// Unstable: unbounded.
	u := NewMMC(10, 1, 10)
	if u.Stable() || !math.IsInf(float64(u.ResponseQuantile(0.95)), 1) || !math.IsInf(float64(u.MeanResponse()), 1) || u.WaitSurvival(5) != 1 || u.ResponseSurvival(5) != 1 {
		t.Error("an unstable queue must report unbounded latency")
	}
	// θ = μ exactly exercises the degenerate hypoexponential branch.
	d := NewMMC(9, 1, 10)
	approx(t, "θ=μ p99", float64(d.ResponseQuantile(0.99)), quantileByBisection(d, 0.99), 1e-9)
}

// simulateMMC runs an FCFS M/M/c queue for n customers and returns their
// waits and response times. Servers are a min-heap of next-free times.
func simulateMMC(lambda, mu float64, c, n int, rng *rand.Rand) (waits, resp []float64) {
	free := make(floatHeap, c)
	now := 0.0
	for range n {
		now += rng.ExpFloat64() / lambda
		start := max(now, free[0])
		s := rng.ExpFloat64() / mu
		free[0] = start + s
		heap.Fix(&free, 0)
		waits = append(waits, start-now)
		resp = append(resp, start-now+s)
	}
	return waits, resp
}

type floatHeap []float64

func (h floatHeap) Len() int           { return len(h) }
func (h floatHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h floatHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *floatHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *floatHeap) Pop() any          { old := *h; x := old[len(old)-1]; *h = old[:len(old)-1]; return x }

// A seeded discrete-event simulation of the queue agrees with the exact
// distribution (tolerances cover the sampling error of 300k customers).
func TestMMCAgainstSimulation(t *testing.T) {
	const n = 300000 // fewer leave the sampling error above the tolerances
	for _, tc := range []struct {
		lambda, mu float64
		c          int
	}{{8, 1, 10}, {3.5, 1, 4}, {40, 10, 5}} {
		q := NewMMC(tc.lambda, tc.mu, tc.c)
		waits, resp := simulateMMC(tc.lambda, tc.mu, tc.c, n, rand.New(rand.NewPCG(11, uint64(tc.c))))
		waits, resp = waits[n/10:], resp[n/10:] // drop the warm-up
		waited, sumW := 0, 0.0
		for _, w := range waits {
			if w > 0 {
				waited++
			}
			sumW += w
		}
		slices.Sort(resp)
		approx(t, "P(W>0)", float64(waited)/float64(len(waits)), q.WaitProbability(), 0.04)
		approx(t, "E[W]", sumW/float64(len(waits)), float64(q.MeanWait()), 0.08)
		approx(t, "p95 response", resp[len(resp)*95/100], float64(q.ResponseQuantile(0.95)), 0.04)
		approx(t, "p99 response", resp[len(resp)*99/100], float64(q.ResponseQuantile(0.99)), 0.08)
	}
}

// Property: latency never falls as load rises, nor as servers are added.
func TestMMCLatencyMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := rapid.IntRange(1, 500).Draw(t, "servers")
		mu := rapid.Float64Range(0.01, 1000).Draw(t, "mu")
		r1 := rapid.Float64Range(0, 0.999).Draw(t, "rho1")
		r2 := rapid.Float64Range(r1, 0.999).Draw(t, "rho2")
		p := rapid.SampledFrom([]float64{0.5, 0.95, 0.99}).Draw(t, "p")
		lo := NewMMC(r1*float64(c)*mu, mu, c)
		hi := NewMMC(r2*float64(c)*mu, mu, c)
		more := NewMMC(r2*float64(c)*mu, mu, c+1)
		tol := func(x Seconds) Seconds { return x * (1 + 1e-9) }
		if lo.ResponseQuantile(p) > tol(hi.ResponseQuantile(p)) || lo.MeanResponse() > tol(hi.MeanResponse()) {
			t.Fatalf("latency fell from ρ=%v to ρ=%v: p%v %v → %v, mean %v → %v", r1, r2, p,
				lo.ResponseQuantile(p), hi.ResponseQuantile(p), lo.MeanResponse(), hi.MeanResponse())
		}
		if more.ResponseQuantile(p) > tol(hi.ResponseQuantile(p)) || more.WaitProbability() > hi.WaitProbability()*(1+1e-12) {
			t.Fatalf("adding a server raised latency: %v → %v", hi.ResponseQuantile(p), more.ResponseQuantile(p))
		}
	})
}

func TestQuantileUpperBoundBrackets(t *testing.T) {
	for _, c := range []int{1, 3, 50} {
		for _, rho := range []float64{0.1, 0.7, 0.99} {
			q := NewMMC(rho*float64(c)*2, 2, c)
			for _, p := range []float64{0.5, 0.95, 0.999} {
				if hi, root := q.quantileUpperBound(p), quantileByBisection(q, p); hi < root {
					t.Errorf("c=%d ρ=%v p=%v: bound %v below the quantile %v", c, rho, p, hi, root)
				}
			}
		}
	}
}
