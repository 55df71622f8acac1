package workload

import "math"

// erlangSkipSigmas is how many standard deviations (√a) below the offered
// load a an ErlangB recursion may start instead of at 0; see ErlangB.
const erlangSkipSigmas = 12

// ErlangB returns the Erlang B blocking probability of `servers` servers
// offered `offered` erlangs (a = λ/μ), by the numerically stable recursion
// on its reciprocal x(k) = 1/B(k):
//
//	x(0) = 1,  x(k) = 1 + (k/a)·x(k−1),
//
// which is B(k) = a·B(k−1)/(k + a·B(k−1)) without a division per step. It
// loses no precision for servers up to millions; x overflowing to +Inf
// means B underflows to 0. Relative errors contract at every step (by
// ≈k/a while k < a), so when servers ≥ a the recursion starts at
// k0 = a − 12√a from the leading-order value x(k0) ≈ a/(a−k0), whose error
// is damped by ≈e^(−(12²−1)/2) by the time k reaches a, far below double
// precision: cost O(servers − a + 12√a) instead of O(servers). It panics on a negative server count or a negative or
// NaN load.
func ErlangB(servers int, offered float64) float64 {
	if servers < 0 || offered < 0 || math.IsNaN(offered) {
		panic("workload: ErlangB with negative servers or invalid load")
	}
	if offered == 0 {
		if servers == 0 {
			return 1
		}
		return 0
	}
	x, k := 1.0, 0
	// The damping argument needs the recursion to pass k ≈ a, hence c ≥ a.
	if k0 := int(offered - erlangSkipSigmas*math.Sqrt(offered)); k0 > 0 && float64(servers) >= offered {
		x, k = offered/(offered-float64(k0)), k0
	}
	inv := 1 / offered
	// Four steps per iteration, x(k+4) = A + B·x(k) with r_i = (k+i)/a,
	// A = 1 + r4(1 + r3(1 + r2)) and B = r1·r2·r3·r4 (all positive, so no
	// cancellation), cut the dependency chain through x to a quarter.
	for ; k+4 <= servers; k += 4 {
		fk := float64(k)
		r1, r2, r3, r4 := (fk+1)*inv, (fk+2)*inv, (fk+3)*inv, (fk+4)*inv
		x = 1 + r4*(1+r3*(1+r2)) + (r1*r2)*(r3*r4)*x
	}
	for k < servers {
		k++
		x = 1 + float64(k)*inv*x
	}
	return 1 / x
}

// ErlangC returns the Erlang C probability that an arrival must wait in an
// M/M/c queue with c = servers and offered load a = λ/μ erlangs:
// C = B / (1 − ρ(1 − B)) with ρ = a/c and B = ErlangB(c, a). It is 1 when
// a ≥ c (the queue is unstable and every arrival waits).
func ErlangC(servers int, offered float64) float64 {
	if servers < 1 {
		panic("workload: ErlangC needs at least one server")
	}
	rho := offered / float64(servers)
	if rho >= 1 {
		return 1
	}
	b := ErlangB(servers, offered)
	return b / (1 - rho*(1-b))
}
