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
	// Period is the storage resolution: samples are aggregated into periods
	// [k·Period, (k+1)·Period) of simulation time. Zero means one minute.
	Period time.Duration
	// PublishDelay is how long after a period ends its datapoint becomes
	// visible to alarms. ref §6.2/§10b: CloudWatch 1-minute metrics appear
	// ~60–120 s late (modelling choice: configurable, default 0 here; the
	// scenario layer sets the §10b default).
	PublishDelay time.Duration
}

// series is one metric's ring of period aggregates. Slot k&mask holds period
// k for newest-len(ring) < k <= newest; older periods are gone.
type series struct {
	cfg     MetricConfig
	ring    []StatisticSet
	mask    int64
	newest  int64 // period index of the newest slot; minInt64 before any sample
	dropped int   // samples that arrived after their period left the ring
}

// Metrics is a store of CloudWatch-like metric series. Callers push samples
// (Push, PushSet); alarms read period datapoints. Each series keeps a ring
// of period aggregates sized by the longest window an alarm on it reads, so
// memory is bounded and steady-state pushes and reads never allocate.
//
// Samples should arrive in nondecreasing time; a sample for a period older
// than the ring holds is dropped and counted (Dropped).
type Metrics struct {
	series []series
}

// NewMetrics returns an empty store.
func NewMetrics() *Metrics { return &Metrics{} }

// Add creates a series and returns its ID.
func (m *Metrics) Add(cfg MetricConfig) (MetricID, error) {
	var fe fieldErrors
	if cfg.Period < 0 {
		fe.addf("period", "%v is negative", cfg.Period)
	}
	if cfg.Period == 0 {
		cfg.Period = DefaultMetricPeriod
	}
	if cfg.PublishDelay < 0 {
		fe.addf("publish_delay", "%v is negative", cfg.PublishDelay)
	}
	if err := fe.err(); err != nil {
		return -1, err
	}
	m.series = append(m.series, series{cfg: cfg, newest: minPeriod})
	id := MetricID(len(m.series) - 1)
	m.reserve(id, 1)
	return id, nil
}

const minPeriod = -1 << 62

// Len returns the number of series.
func (m *Metrics) Len() int { return len(m.series) }

// Config returns the configuration of series id (Period defaulted).
func (m *Metrics) Config(id MetricID) MetricConfig { return m.get(id).cfg }

// Dropped returns how many samples of series id arrived too late to keep.
func (m *Metrics) Dropped(id MetricID) int { return m.get(id).dropped }

// Retained returns how many periods series id keeps.
func (m *Metrics) Retained(id MetricID) int { return len(m.get(id).ring) }

func (m *Metrics) get(id MetricID) *series {
	if id < 0 || int(id) >= len(m.series) {
		panic("autoscale: unknown MetricID")
	}
	return &m.series[id]
}

// Push records one sample observed at simulation time at.
func (m *Metrics) Push(id MetricID, at time.Duration, v float64) {
	s := m.get(id)
	if slot := s.slot(floorDiv(int64(at), int64(s.cfg.Period))); slot != nil {
		slot.add(v)
	}
}

// PushSet records a pre-aggregated set of samples observed in the period
// containing at (CloudWatch PutMetricData with StatisticValues).
func (m *Metrics) PushSet(id MetricID, at time.Duration, set StatisticSet) {
	s := m.get(id)
	if slot := s.slot(floorDiv(int64(at), int64(s.cfg.Period))); slot != nil {
		slot.merge(set)
	}
}

// slot returns the aggregate of period k, advancing the ring if k is new,
// or nil (counting a drop) if k has already left the ring.
func (s *series) slot(k int64) *StatisticSet {
	n := int64(len(s.ring))
	switch {
	case k > s.newest:
		// Clear the slots between the old newest and k: they are periods
		// without samples (missing datapoints).
		from := max(s.newest+1, k-n+1)
		for p := from; p <= k; p++ {
			s.ring[p&s.mask] = StatisticSet{}
		}
		s.newest = k
	case k <= s.newest-n:
		s.dropped++
		return nil
	}
	return &s.ring[k&s.mask]
}

// window aggregates periods [first, first+count) of series id; periods not
// yet pushed or no longer retained count as missing.
func (m *Metrics) window(id MetricID, first, count int64) StatisticSet {
	s := &m.series[id]
	lo := max(first, s.newest-int64(len(s.ring))+1)
	hi := min(first+count-1, s.newest)
	if count == 1 && lo == hi {
		return s.ring[lo&s.mask]
	}
	var out StatisticSet
	for p := lo; p <= hi; p++ {
		out.merge(s.ring[p&s.mask])
	}
	return out
}

// Datapoint returns the aggregate of series id over [start, start+period)
// as visible to an alarm at time now: the zero set (missing) if the period
// has not ended plus the publish delay, or is no longer retained. start and
// period must be multiples of the series period.
func (m *Metrics) Datapoint(id MetricID, start, period, now time.Duration) StatisticSet {
	s := m.get(id)
	if start+period+s.cfg.PublishDelay > now {
		return StatisticSet{}
	}
	p := int64(s.cfg.Period)
	return m.window(id, floorDiv(int64(start), p), int64(period)/p)
}

// reserve grows series id's ring to hold at least periods periods, keeping
// its contents. Called when an alarm is attached, never in steady state.
func (m *Metrics) reserve(id MetricID, periods int) {
	s := m.get(id)
	if periods <= len(s.ring) {
		return
	}
	n := 1 << bits.Len(uint(periods-1)) // next power of two ≥ periods
	ring := make([]StatisticSet, n)
	if s.newest != minPeriod {
		for p := max(s.newest-int64(len(s.ring))+1, s.newest-int64(n)+1); p <= s.newest; p++ {
			ring[p&int64(n-1)] = s.ring[p&s.mask]
		}
	}
	s.ring, s.mask = ring, int64(n-1)
}

// floorDiv is integer division rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
