package workload

// The grid of a QuantileTable: nodes at g = ρ/(1 − ρ) = λ/θ (θ = cμ − λ) =
// k·quantileGridStep for k = 0 … quantileNodes−1, so ρ runs from 0 to
// 100/101 ≈ 0.9901, just beyond the default MaxStationaryUtilisation
// (0.99). The position on the grid costs one division (λ/θ, both known),
// and steps uniform in g are Δρ = h·(1 − ρ)²: as fine as h at small
// utilisation, where few servers bend the factors most, and finer still
// towards saturation, where the factors grow like 1/(1 − ρ) = 1 + g and
// so are nearly linear in g.
const (
	quantileGridStep = 1.0 / 64
	quantileNodes    = 100*64 + 1
	// QuantileTableMaxRelError bounds the relative error of
	// QuantileTable's mean, p95 and p99 against the exact MMC values, for
	// every server count and every utilisation the grid covers: linear
	// interpolation errs by at most h²/8 · max|f''|/f on each cell, which
	// is largest for two servers at small utilisation (measured 3.8e-5
	// for the percentiles and 5.8e-5 for the mean,
	// TestQuantileTableErrorBound).
	QuantileTableMaxRelError = 1e-4
)

// QuantileTable memoises the mean, p95 and p99 response times of M/M/c
// queues so that a simulation stepping thousands of services a minute does
// not solve for each percentile (a Newton search costing a few hundred
// nanoseconds) nor Erlang C every step; a lookup costs one division and
// three linear interpolations.
//
// It rests on scaling: with λ = ρcμ, μ·T is distributed independently of
// μ, so the p-quantile is T_p = f_p(ρ, c)/μ and the mean E[T] = f_m(ρ, c)/μ
// with f_m = 1 + C(c, ρc)/(c(1 − ρ)). The table keeps f_p95, f_p99 and f_m
// on the grid above, one row per server count, each node worked out
// exactly (MMC's own solver) the first time a query needs it, and
// interpolates linearly in g between nodes. Each result is within
// QuantileTableMaxRelError of the exact value (measured: 3.8e-5 for the
// percentiles, 5.8e-5 for the mean); linear interpolation of exact nodes
// keeps it non-decreasing in ρ (up to the solver's 1e-9), so latency still
// never falls as demand rises. Beyond the grid (ρ > 100/101) it is exact.
//
// Values depend only on (ρ, c), never on the order of queries, so sharing
// one table among all the services of a run keeps the run deterministic.
// A QuantileTable is not safe for concurrent use (one run is one
// goroutine); rows are created on first use, nodes filled lazily; lookups
// allocate only to extend a row to nodes never needed before (24 bytes a
// node, at most 150 KiB a row).
type QuantileTable struct {
	rows map[int]*quantileRow
}

// quantileRow holds f_p95, f_p99 and f_m of one server count at nodes 0 …
// len(nodes)−1; a zero node is one not yet worked out (the factors are
// ≥ 1 > 0).
type quantileRow struct {
	servers int
	nodes   [][3]float64
}

// NewQuantileTable returns an empty table.
func NewQuantileTable() *QuantileTable {
	return &QuantileTable{rows: make(map[int]*quantileRow)}
}

// ResponseQuantiles returns q's p95 and p99 response times, interpolated
// within QuantileTableMaxRelError, or the exact ones (MMC's solver) when
// q's utilisation lies beyond the grid; +Inf when q is unstable.
func (t *QuantileTable) ResponseQuantiles(q MMC) (p95, p99 Seconds) {
	if _, p95, p99, ok := t.row(q.servers).interpolate(q.lambda, q.theta, q.mu); ok {
		return p95, p99
	}
	return q.ResponseQuantiles(0.95, 0.99)
}

// MeanResponse returns q's mean response time, interpolated within
// QuantileTableMaxRelError, or q.MeanResponse() beyond the grid.
func (t *QuantileTable) MeanResponse(q MMC) Seconds {
	if mean, _, _, ok := t.row(q.servers).interpolate(q.lambda, q.theta, q.mu); ok {
		return mean
	}
	return q.MeanResponse()
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

// interpolate returns the mean, p95 and p99 of the queue with r.servers
// servers, arrival rate lambda, θ = cμ − λ and service rate mu; ok is
// false when its utilisation lies beyond the grid.
func (r *quantileRow) interpolate(lambda, theta, mu float64) (mean, p95, p99 Seconds, ok bool) {
	// g = λ/θ ≥ 0 for a stable queue; an unstable one (θ ≤ 0) and NaN
	// fail the test.
	pos := lambda / theta * (1 / quantileGridStep)
	if !(theta > 0 && pos < quantileNodes-1) {
		return 0, 0, 0, false
	}
	k := int(pos)
	frac := pos - float64(k)
	if k+1 >= len(r.nodes) {
		r.grow(k + 2)
	}
	a, b := r.node(k), r.node(k+1)
	inv := 1 / mu
	p95 = Seconds((a[0] + frac*(b[0]-a[0])) * inv)
	p99 = Seconds((a[1] + frac*(b[1]-a[1])) * inv)
	mean = Seconds((a[2] + frac*(b[2]-a[2])) * inv)
	return mean, p95, p99, true
}

// node returns node k's factors, working them out on first use.
func (r *quantileRow) node(k int) *[3]float64 {
	n := &r.nodes[k]
	if n[0] == 0 {
		g := float64(k) * quantileGridStep
		q := NewMMC(g/(1+g)*float64(r.servers), 1, r.servers)
		p95, p99 := q.ResponseQuantiles(0.95, 0.99)
		n[0], n[1], n[2] = float64(p95), float64(p99), float64(q.MeanResponse())
	}
	return n
}

// grow extends the row to n nodes, at least doubling it.
func (r *quantileRow) grow(n int) {
	n = min(max(n, 2*len(r.nodes), 64), quantileNodes)
	r.nodes = append(r.nodes, make([][3]float64, n-len(r.nodes))...)
}
