package workload

import "math"

// The grid of a QuantileTable: nodes at u = −ln(1 − ρ) = k·quantileGridStep
// for k = 0 … quantileNodes−1, so ρ runs from 0 to 1 − e^(−442/64) ≈
// 0.99899. The grid is uniform in u because the factors grow like
// 1/(1 − ρ) towards saturation, where uniform steps in ρ would be far too
// coarse, and change most at small u for few servers.
const (
	quantileGridStep = 1.0 / 64
	quantileNodes    = 443
	// QuantileTableMaxRelError bounds the relative error of
	// QuantileTable's p95 and p99 against the exact MMC percentiles, for
	// every server count and every utilisation the grid covers: linear
	// interpolation errs by at most h²/8 · max|f''|/f on each cell, which
	// is largest for two servers at small utilisation (measured 3.9e-5,
	// TestQuantileTableErrorBound); the bound leaves a margin of 2.5.
	QuantileTableMaxRelError = 1e-4
)

// QuantileTable memoises the p95 and p99 response times of M/M/c queues
// so that a simulation stepping thousands of services a minute does not
// solve for each percentile every step (the exact solve is a Newton
// search costing a few hundred nanoseconds; a lookup, one logarithm and
// two linear interpolations).
//
// It rests on scaling: with λ = ρcμ, μ·T is distributed independently of
// μ, so the p-quantile is T_p = f_p(ρ, c)/μ. The table keeps f_p on the
// grid above, one row per server count, each node solved exactly (MMC's
// own solver) the first time a query needs it, and interpolates linearly
// in u between nodes. The result is within QuantileTableMaxRelError of the
// exact percentile; linear interpolation of exact nodes keeps it
// non-decreasing in ρ (up to the solver's 1e-9), so latency still never
// falls as demand rises. Beyond the grid (ρ > 0.99899) the caller solves
// exactly.
//
// Values depend only on (ρ, c), never on the order of queries, so sharing
// one table among all the services of a run keeps the run deterministic.
// A QuantileTable is not safe for concurrent use (one run is one
// goroutine); rows are created on first use (7 KiB each), nodes filled
// lazily, and lookups do not allocate once a row exists.
type QuantileTable struct {
	rows map[int]*quantileRow
}

// quantileRow holds f_p95 and f_p99 of one server count at every node; a
// zero pair is a node not yet solved (the factors are ≥ −ln 0.05 > 0).
type quantileRow struct {
	servers int
	nodes   [quantileNodes][2]float64
}

// NewQuantileTable returns an empty table.
func NewQuantileTable() *QuantileTable {
	return &QuantileTable{rows: make(map[int]*quantileRow)}
}

// ResponseQuantiles returns q's p95 and p99 response times, interpolated
// within QuantileTableMaxRelError, or the exact ones (MMC's solver) when
// q's utilisation lies beyond the grid; +Inf when q is unstable.
func (t *QuantileTable) ResponseQuantiles(q MMC) (p95, p99 Seconds) {
	if p95, p99, ok := t.row(q.servers).quantiles(q); ok {
		return p95, p99
	}
	return q.ResponseQuantiles(0.95, 0.99)
}

// row returns the row of c servers, creating it on first use.
func (t *QuantileTable) row(c int) *quantileRow {
	r := t.rows[c]
	if r == nil {
		r = &quantileRow{servers: c}
		t.rows[c] = r
	}
	return r
}

// quantiles interpolates the p95 and p99 of a queue with r.servers
// servers; ok is false when its utilisation lies beyond the grid.
func (r *quantileRow) quantiles(q MMC) (p95, p99 Seconds, ok bool) {
	// u = −ln(1 − ρ) ≥ 0 for ρ in [0, 1); NaN and ρ ≥ 1 fail the test.
	pos := -math.Log(1-q.Utilisation()) * (1 / quantileGridStep)
	if !(pos >= 0 && pos < quantileNodes-1) {
		return 0, 0, false
	}
	k := int(pos)
	frac := pos - float64(k)
	a, b := r.node(k), r.node(k+1)
	inv := 1 / q.mu
	return Seconds((a[0] + frac*(b[0]-a[0])) * inv), Seconds((a[1] + frac*(b[1]-a[1])) * inv), true
}

// node returns node k's factors, solving them on first use.
func (r *quantileRow) node(k int) *[2]float64 {
	n := &r.nodes[k]
	if n[0] == 0 {
		rho := -math.Expm1(-float64(k) * quantileGridStep)
		p95, p99 := NewMMC(rho*float64(r.servers), 1, r.servers).ResponseQuantiles(0.95, 0.99)
		n[0], n[1] = float64(p95), float64(p99)
	}
	return n
}
