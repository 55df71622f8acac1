package workload

import "math"

// MMC is the steady state of an M/M/c FCFS queue: Poisson arrivals at λ per
// second, c identical servers each completing μ requests per second with
// exponential service times. Times are in seconds. Build it with NewMMC;
// the zero value is not usable. An MMC is an immutable value.
//
// Waiting time W: P(W > 0) = C (Erlang C) and P(W > t) = C·e^(−θt) with
// θ = cμ − λ. Response time T = W + S, S ~ Exp(μ) independent of W, so
//
//	P(T > t) = (1−C)·e^(−μt) + C·P(E_θ + E_μ > t),
//
// the last term the survival of a hypoexponential sum of Exp(θ) and Exp(μ).
// This is exact for M/M/c; percentiles are found numerically (safeguarded
// Newton on log P(T > t)) to a relative accuracy of about 1e-9. No
// approximation is involved beyond the M/M/c assumptions themselves.
type MMC struct {
	lambda, mu float64
	servers    int
	c, theta   float64 // Erlang C and cμ − λ
}

// NewMMC computes the queue's Erlang C once. It panics (programmer error) on
// fewer than one server, a non-positive μ or a negative or NaN λ.
func NewMMC(lambda, mu float64, servers int) MMC {
	var q MMC
	q.init(lambda, mu, servers)
	return q
}

// init makes q NewMMC(lambda, mu, servers) in place (the simulator's cache
// refills one queue every step).
func (q *MMC) init(lambda, mu float64, servers int) {
	if servers < 1 || !(mu > 0) || math.IsInf(mu, 0) || !(lambda >= 0) {
		panic("workload: NewMMC needs servers ≥ 1, μ > 0 and λ ≥ 0")
	}
	q.lambda, q.mu, q.servers, q.theta, q.c = lambda, mu, servers, float64(servers)*mu-lambda, 0
	if lambda > 0 {
		q.c = ErlangC(servers, lambda/mu)
	}
}

// ArrivalRate returns λ, per second.
func (q MMC) ArrivalRate() float64 { return q.lambda }

// ServiceRate returns μ, the completions per second of one busy server.
func (q MMC) ServiceRate() float64 { return q.mu }

// Servers returns c.
func (q MMC) Servers() int { return q.servers }

// Utilisation returns ρ = λ/(cμ), the busy fraction of each server.
func (q MMC) Utilisation() float64 { return q.lambda / (float64(q.servers) * q.mu) }

// Stable reports whether λ < cμ, so that a steady state exists.
func (q MMC) Stable() bool { return q.theta > 0 }

// WaitProbability returns P(W > 0), the Erlang C value.
func (q MMC) WaitProbability() float64 { return q.c }

// MeanWait returns E[W] = C/(cμ − λ), +Inf when unstable.
func (q MMC) MeanWait() Seconds {
	if !q.Stable() {
		return Seconds(math.Inf(1))
	}
	return Seconds(q.c / q.theta)
}

// MeanResponse returns E[T] = E[W] + 1/μ.
func (q MMC) MeanResponse() Seconds { return q.MeanWait() + Seconds(1/q.mu) }

// MeanQueueLength returns Lq = λ·E[W], the mean number waiting (Little).
func (q MMC) MeanQueueLength() float64 {
	if q.lambda == 0 {
		return 0
	}
	return q.lambda * float64(q.MeanWait())
}

// WaitSurvival returns P(W > t) = C·e^(−θt); 1 when unstable.
func (q MMC) WaitSurvival(t Seconds) float64 {
	if !q.Stable() {
		return 1
	}
	if t < 0 {
		return 1
	}
	return q.c * math.Exp(-q.theta*float64(t))
}

// WaitQuantile returns the p-quantile of W: ln(C/(1−p))/θ, or 0 when
// P(W > 0) ≤ 1−p; +Inf when unstable.
func (q MMC) WaitQuantile(p float64) Seconds {
	checkProbability(p)
	if !q.Stable() {
		return Seconds(math.Inf(1))
	}
	if q.c <= 1-p {
		return 0
	}
	return Seconds(math.Log(q.c/(1-p)) / q.theta)
}

// ResponseSurvival returns P(T > t); 1 when unstable.
func (q MMC) ResponseSurvival(t Seconds) float64 {
	if !q.Stable() || t <= 0 {
		return 1
	}
	s, _ := q.responseTail(float64(t))
	return s
}

// responseTail returns P(T > t) and the density of T at t, for t > 0.
func (q MMC) responseTail(t float64) (surv, dens float64) {
	mu, th := q.mu, q.theta
	em := math.Exp(-mu * t)
	var h, hd float64 // hypoexponential survival and density
	if d := mu - th; math.Abs(d*t) <= 1 {
		e := 1.0 // expm1(x)/x, stable as x → 0
		if x := d * t; x != 0 {
			e = math.Expm1(x) / x
		}
		h = em * (1 + mu*t*e)
		hd = th * mu * t * em * e
	} else {
		et := math.Exp(-th * t)
		h = (mu*et - th*em) / d
		hd = th * mu * (et - em) / d
	}
	return (1-q.c)*em + q.c*h, (1-q.c)*mu*em + q.c*hd
}

// ResponseQuantile returns the p-quantile of the response time T; +Inf
// when unstable. It panics unless 0 < p < 1.
func (q MMC) ResponseQuantile(p float64) Seconds {
	checkProbability(p)
	if !q.Stable() {
		return Seconds(math.Inf(1))
	}
	t, _, _ := q.solveQuantile(p, 0)
	return Seconds(t)
}

// ResponseQuantiles returns the pa- and pb-quantiles of T for pa < pb (p95
// and p99, say) for little more than the cost of one: the second search
// starts from the first result extrapolated along the tail's decay rate.
func (q MMC) ResponseQuantiles(pa, pb float64) (Seconds, Seconds) {
	checkProbability(pa)
	checkProbability(pb)
	if !(pa < pb) {
		panic("workload: ResponseQuantiles needs pa < pb")
	}
	if !q.Stable() {
		return Seconds(math.Inf(1)), Seconds(math.Inf(1))
	}
	ta, rate, exact := q.solveQuantile(pa, 0)
	shift := math.Log((1 - pa) / (1 - pb))
	if exact {
		// The neglected term decays faster than the dominant one, so it
		// stays negligible further out and the extrapolation is exact.
		return Seconds(ta), Seconds(ta + shift/rate)
	}
	tb, _, _ := q.solveQuantile(pb, ta+shift/rate)
	return Seconds(ta), Seconds(tb)
}

// solveQuantile finds t with P(T > t) = 1−p, starting from start if it is
// positive and from tailGuess otherwise. It returns the local decay rate
// of the tail at t (the hazard, density/survival), and whether t came from
// tailGuess's exact closed form.
func (q MMC) solveQuantile(p, start float64) (t, rate float64, exact bool) {
	t = start
	if t <= 0 {
		if t, rate, exact = q.tailGuess(1 - p); exact {
			return t, rate, true
		}
	}
	target := math.Log1p(-p)
	lo, hi := 0.0, math.Inf(1) // bracket of the root, hi found lazily
	for range 100 {
		s, f := q.responseTail(t)
		rate = f / s
		g := math.Log(s) - target // decreasing in t; its root is wanted
		if g > 0 {
			lo = t
		} else {
			hi = t
		}
		step := g / rate // Newton step on the log-survival
		next := t + step
		// Newton converges quadratically here (log P(T > t) is nearly
		// linear in the tail), so a step below 1e-4·t leaves next within
		// ~1e-9 relative of the root (checked against bisection in tests).
		if math.Abs(step) <= 1e-4*t || hi-lo <= 1e-12*t {
			return next, rate, false
		}
		if !(next > lo && next < hi) {
			if math.IsInf(hi, 1) {
				hi = q.quantileUpperBound(p)
			}
			next = lo + (hi-lo)/2
		}
		t = next
	}
	return t, rate, false
}

// quantileUpperBound bounds the p-quantile of T = W + S from above by
// P(W+S > a+b) ≤ P(W > a) + P(S > b), splitting 1−p evenly.
func (q MMC) quantileUpperBound(p float64) float64 {
	half := (1 - p) / 2
	return float64(q.WaitQuantile(1-half)) + math.Log(1/half)/q.mu
}

// tailGuess solves P(T > t) = prob for the dominant exponential of the
// tail. For θ ≠ μ, P(T > t) = A·e^(−μt) + B·e^(−θt) with B = Cμ/(μ−θ) and
// A = 1 − B; the slower term dominates for large t. It returns the guess,
// the dominant rate, and exact when the other term is below 1e-12·prob at
// the guess, so that the guess is the root to double precision (the common
// case of many servers, where θ ≫ μ).
func (q MMC) tailGuess(prob float64) (t, rate float64, exact bool) {
	mu, th := q.mu, q.theta
	switch d := mu - th; {
	case d > 1e-9*mu: // θ < μ: the waiting time dominates
		if b := q.c * mu / d; b > prob {
			t = math.Log(b/prob) / th
			return t, th, negligible(math.Abs(1-b), mu*t, prob)
		}
	case d < -1e-9*mu: // θ > μ: the service time dominates
		b := q.c * mu / d // ≤ 0
		if a := 1 - b; a > prob {
			t = math.Log(a/prob) / mu
			return t, mu, negligible(-b, th*t, prob)
		}
	}
	return float64(q.WaitQuantile(1-prob)) - math.Log(prob)/mu, mu, false
}

// negligible reports whether coef·e^(−x) ≤ 1e-12·prob, skipping the
// exponential when x alone settles it (e^(−50) ≈ 2e-22).
func negligible(coef, x, prob float64) bool {
	if x > 50 && coef <= 1 && prob >= 1e-9 {
		return true
	}
	return coef*math.Exp(-x) <= 1e-12*prob
}

func checkProbability(p float64) {
	if !(p > 0 && p < 1) {
		panic("workload: quantile probability must be in (0, 1)")
	}
}
