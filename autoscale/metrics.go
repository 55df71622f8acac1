package autoscale

import (
	"math/bits"
	"time"
)

// DefaultMetricPeriod is the resolution of ECS service metrics and of the
// CapacityProviderReservation metric. ref §6.2: ECS publishes every minute.
const DefaultMetricPeriod = time.Minute

// MetricID names a metric series inside a Metrics store.
type MetricID int32

// MetricConfig describes one metric series.
type MetricConfig struct {
	// Name is for people (reports, errors); it need not be unique.
	Name string
	// PublishDelay is how long after a period ends its datapoint becomes
	// visible to alarms. ref §6.2/§10b: CloudWatch 1-minute metrics appear
	// ~60–120 s late (modelling choice: configurable, default 0 here; the
	// scenario layer sets the §10b default).
	PublishDelay time.Duration
}

// Metrics is a store of CloudWatch-like metric series sharing one storage
// resolution (Period). Callers push samples (Push, PushSet); samples are
// aggregated into periods [k·Period, (k+1)·Period) of simulation time, and
// alarms read period datapoints.
//
// Memory is bounded: the store keeps a ring of the most recent periods,
// sized by the longest window any alarm on it reads. The ring is laid out
// time-major — one row per period holding every series — so that the
// simulator's once-a-period pass (push every series, evaluate every alarm)
// walks memory sequentially; steady-state pushes and reads never allocate.
//
// Samples should arrive in nondecreasing time; a sample for a period older
// than the ring holds is dropped and counted (Dropped).
type Metrics struct {
	period  time.Duration
	cfg     []MetricConfig
	dropped []int
	rows    int // ring length in periods (a power of two)
	mask    int64
	stride  int            // allocated series per row (≥ len(cfg))
	data    []StatisticSet // row (k & mask) at data[row*stride:], series i at +i
	newest  int64          // newest period held; minPeriod before any sample
	// readMark is the newest period any alarm has read; a sample landing at
	// or before it changes data an alarm has seen, so it bumps lateEpoch and
	// alarms drop their incremental state (see MetricAlarm.Evaluate).
	readMark  int64
	lateEpoch uint64
}

const minPeriod = -1 << 62

// NewMetrics returns an empty store with storage resolution period; zero
// means DefaultMetricPeriod. A negative period is a programming error.
func NewMetrics(period time.Duration) *Metrics {
	if period == 0 {
		period = DefaultMetricPeriod
	}
	if period < 0 {
		panic("autoscale: negative metric period")
	}
	return &Metrics{period: period, rows: 1, newest: minPeriod, readMark: minPeriod}
}

// Period returns the storage resolution.
func (m *Metrics) Period() time.Duration { return m.period }

// Add creates a series and returns its ID.
func (m *Metrics) Add(cfg MetricConfig) (MetricID, error) {
	if cfg.PublishDelay < 0 {
		return -1, &FieldError{Field: "publish_delay", Rule: cfg.PublishDelay.String() + " is negative"}
	}
	m.cfg = append(m.cfg, cfg)
	m.dropped = append(m.dropped, 0)
	if len(m.cfg) > m.stride {
		m.relayout(m.rows, max(8, m.stride+m.stride/4)) // modest growth: rows are cleared whole
	}
	return MetricID(len(m.cfg) - 1), nil
}

// Len returns the number of series.
func (m *Metrics) Len() int { return len(m.cfg) }

// Config returns the configuration of series id.
func (m *Metrics) Config(id MetricID) MetricConfig { return m.cfg[m.check(id)] }

// Dropped returns how many samples of series id arrived too late to keep.
func (m *Metrics) Dropped(id MetricID) int { return m.dropped[m.check(id)] }

// Retained returns how many periods the store keeps.
func (m *Metrics) Retained() int { return m.rows }

func (m *Metrics) check(id MetricID) int {
	if id < 0 || int(id) >= len(m.cfg) {
		panic("autoscale: unknown MetricID")
	}
	return int(id)
}

// Push records one sample of series id observed at simulation time at.
func (m *Metrics) Push(id MetricID, at time.Duration, v float64) {
	if slot := m.slot(m.check(id), floorDiv(int64(at), int64(m.period))); slot != nil {
		slot.add(v)
	}
}

// PushSet records a pre-aggregated set of samples observed in the period
// containing at (CloudWatch PutMetricData with StatisticValues).
func (m *Metrics) PushSet(id MetricID, at time.Duration, set StatisticSet) {
	if slot := m.slot(m.check(id), floorDiv(int64(at), int64(m.period))); slot != nil {
		slot.merge(set)
	}
}

// slot returns series i's aggregate of period k, advancing the ring if k
// is new, or nil (counting a drop) if k has already left the ring.
func (m *Metrics) slot(i int, k int64) *StatisticSet {
	n := int64(m.rows)
	switch {
	case k > m.newest:
		// Clear the rows between the old newest and k: periods without
		// samples are missing datapoints for every series.
		for p := max(m.newest+1, k-n+1); p <= k; p++ {
			row := int(p&m.mask) * m.stride
			clear(m.data[row : row+m.stride])
		}
		m.newest = k
	case k <= m.newest-n:
		m.dropped[i]++
		return nil
	}
	if k <= m.readMark {
		m.lateEpoch++
	}
	return &m.data[int(k&m.mask)*m.stride+i]
}

// at returns series i's aggregate of period k, or the zero set (missing)
// if k has not been pushed or has left the ring.
func (m *Metrics) at(i int, k int64) StatisticSet {
	if k > m.newest || k <= m.newest-int64(m.rows) {
		return StatisticSet{}
	}
	return m.data[int(k&m.mask)*m.stride+i]
}

// value is series id's statistic stat in period k (at(id, k).Value(stat)
// without copying the set); ok is false when it is missing.
func (m *Metrics) value(id MetricID, k int64, stat Statistic) (v float64, ok bool) {
	if k > m.newest || k <= m.newest-int64(m.rows) {
		return 0, false
	}
	if set := &m.data[int(k&m.mask)*m.stride+int(id)]; set.SampleCount != 0 {
		return set.value(stat), true
	}
	return 0, false
}

// window aggregates series i over periods [first, first+count).
func (m *Metrics) window(i int, first, count int64) StatisticSet {
	var out StatisticSet
	for p := first; p < first+count; p++ {
		out.merge(m.at(i, p))
	}
	return out
}

// Datapoint returns the aggregate of series id over [start, start+period)
// as visible to an alarm at time now: the zero set (missing) if the period
// has not ended plus the publish delay, or is no longer retained. start and
// period are rounded down to multiples of the store period.
func (m *Metrics) Datapoint(id MetricID, start, period, now time.Duration) StatisticSet {
	i := m.check(id)
	if start+period+m.cfg[i].PublishDelay > now {
		return StatisticSet{}
	}
	p := int64(m.period)
	return m.window(i, floorDiv(int64(start), p), int64(period)/p)
}

// reserve grows the ring to hold at least periods periods, keeping its
// contents. Called when an alarm is attached, never in steady state.
func (m *Metrics) reserve(periods int) {
	if periods > m.rows {
		m.relayout(1<<bits.Len(uint(periods-1)), m.stride)
	}
}

// relayout reallocates the ring with rows rows of stride series, copying
// the retained periods.
func (m *Metrics) relayout(rows, stride int) {
	data := make([]StatisticSet, rows*stride)
	if m.newest != minPeriod {
		for p := max(m.newest-int64(m.rows)+1, m.newest-int64(rows)+1); p <= m.newest; p++ {
			from := int(p&m.mask) * m.stride
			to := int(p&int64(rows-1)) * stride
			copy(data[to:to+stride], m.data[from:from+m.stride])
		}
	}
	m.data, m.rows, m.mask, m.stride = data, rows, int64(rows-1), stride
}

// floorDiv is integer division rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
