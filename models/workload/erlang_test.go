package workload

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// Published Erlang C values.
//
//   - [HL] F. S. Hillier and G. J. Lieberman, Introduction to Operations
//     Research, queueing-theory chapter, the County Hospital emergency-room
//     example: λ = 2 patients/h, μ = 3 patients/h. Its table of M/M/s
//     results gives for s = 1: P(Wq > 0) = 0.667, Wq = 0.667 h; for s = 2:
//     P(Wq > 0) = 0.167, Wq = 0.042 h.
//   - [CCH] Call Centre Helper, "Erlang C Formula – Made Simple With an Easy
//     Worked Example" (callcentrehelper.com/erlang-c-formula-example-121281.htm):
//     100 calls per 30 min, average handling time 180 s (10 erlangs), 11
//     agents: probability of waiting 68.21 %, average speed of answer
//     122.8 s. The pyworkforce documentation reproduces the example with 14
//     positions: waiting_probability 0.1741319335950498 and a 20-second
//     service level of 0.8883500191794669 (= 1 − P(W > 20 s)).
//   - [WL] Wolfram Language documentation of ErlangC, application "two
//     1 Mbps lines, packets at 150/s with a mean of 10 kilobits" (λ = 150/s,
//     μ = 100/s per line, c = 2): probability of queueing 0.642857 (= 9/14).
func TestErlangCPublished(t *testing.T) {
	tests := []struct {
		name              string
		lambda, mu        float64 // per second
		c                 int
		pWait, pWaitTol   float64
		meanWait, waitTol float64 // seconds; 0 = not published
	}{
		{"HL s=1", 2.0 / 3600, 3.0 / 3600, 1, 0.667, 5e-4, 0.667 * 3600, 5e-4 * 3600},
		{"HL s=2", 2.0 / 3600, 3.0 / 3600, 2, 0.167, 5e-4, 0.042 * 3600, 5e-4 * 3600},
		{"CCH 11 agents", 100.0 / 1800, 1.0 / 180, 11, 0.6821, 5e-5, 122.8, 0.05},
		{"CCH 14 agents", 100.0 / 1800, 1.0 / 180, 14, 0.1741319335950498, 1e-14, 0, 0},
		{"WL two lines", 150, 100, 2, 0.642857, 5e-7, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := NewMMC(tt.lambda, tt.mu, tt.c)
			if got := q.WaitProbability(); math.Abs(got-tt.pWait) > tt.pWaitTol {
				t.Errorf("P(W>0) = %.10g, published %.10g", got, tt.pWait)
			}
			if got := ErlangC(tt.c, tt.lambda/tt.mu); got != q.WaitProbability() {
				t.Errorf("ErlangC = %v, MMC says %v", got, q.WaitProbability())
			}
			if tt.meanWait > 0 {
				if got := float64(q.MeanWait()); math.Abs(got-tt.meanWait) > tt.waitTol {
					t.Errorf("E[W] = %.6g s, published %.6g s", got, tt.meanWait)
				}
			}
		})
	}
	// [CCH] via pyworkforce: service level within 20 s with 14 agents.
	q := NewMMC(100.0/1800, 1.0/180, 14)
	approx(t, "service level 20 s", 1-q.WaitSurvival(20), 0.8883500191794669, 1e-13)
}

// erlangCBig computes Erlang C by direct summation in 256-bit floats:
// C = T / (Σ_{k<c} a^k/k! + T), T = a^c/c! · c/(c−a). A different formula
// from the recursion under test, and exact enough to judge it.
func erlangCBig(c int, a float64) float64 {
	const prec = 256
	A := new(big.Float).SetPrec(prec).SetFloat64(a)
	term := new(big.Float).SetPrec(prec).SetInt64(1) // a^k/k!
	sum := new(big.Float).SetPrec(prec)
	for k := 0; k < c; k++ {
		sum.Add(sum, term)
		term.Mul(term, A)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k+1)))
	}
	cf := new(big.Float).SetPrec(prec).SetInt64(int64(c))
	tail := new(big.Float).SetPrec(prec).Quo(cf, new(big.Float).SetPrec(prec).Sub(cf, A))
	tail.Mul(tail, term)
	den := new(big.Float).SetPrec(prec).Add(sum, tail)
	r, _ := new(big.Float).Quo(tail, den).Float64()
	return r
}

func TestErlangCAgainstBigFloat(t *testing.T) {
	cases := []struct {
		c   int
		rho float64
	}{
		{1, 0.5}, {2, 0.9}, {5, 0.3}, {10, 0.8}, {50, 0.95}, {100, 0.5}, {100, 0.999},
		{500, 0.7}, {1000, 0.99}, {3000, 0.6}, {10000, 0.9}, {10000, 0.999}, {10000, 0.2},
	}
	if testing.Short() {
		cases = cases[:8]
	}
	for _, cc := range cases {
		a := cc.rho * float64(cc.c)
		want := erlangCBig(cc.c, a)
		got := ErlangC(cc.c, a)
		if want < 1e-300 {
			if got > 1e-290 {
				t.Errorf("ErlangC(%d, %v) = %g, want ≈ 0", cc.c, a, got)
			}
			continue
		}
		approx(t, "ErlangC", got, want, 1e-11)
	}
}

// erlangBFull is the plain recursion from k = 0, the reference for the
// skipped start in ErlangB.
func erlangBFull(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

func TestErlangBSkippedStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		c := 1 + rng.IntN(5000)
		a := float64(c) * rng.Float64() * 1.5
		want := erlangBFull(c, a)
		got := ErlangB(c, a)
		if want < 1e-280 {
			if got > 1e-270 {
				t.Fatalf("ErlangB(%d, %v) = %g, want ≈ %g", c, a, got, want)
			}
			continue
		}
		if math.Abs(got-want) > 1e-12*want {
			t.Fatalf("ErlangB(%d, %v) = %.17g, full recursion %.17g", c, a, got, want)
		}
	}
}

func TestErlangEdges(t *testing.T) {
	if ErlangB(0, 3) != 1 || ErlangB(3, 0) != 0 || ErlangB(0, 0) != 1 {
		t.Error("ErlangB edge values wrong")
	}
	if ErlangC(4, 4) != 1 || ErlangC(4, 9) != 1 {
		t.Error("ErlangC of an unstable queue must be 1")
	}
	approx(t, "M/M/1 Erlang C = ρ", ErlangC(1, 0.37), 0.37, 1e-15)
	for _, f := range []func(){func() { ErlangB(-1, 1) }, func() { ErlangB(1, math.NaN()) }, func() { ErlangC(0, 1) }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("invalid Erlang arguments did not panic")
				}
			}()
			f()
		}()
	}
}
