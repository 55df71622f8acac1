package series

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Series is one recorded time series: while the run goes, the handle the
// simulation writes to; after Recorder.Close, the finished values.
//
// Values[i] is the aggregate of bucket i, which starts at Start + i·Step and
// ends at the next bucket's start or at End. Values has its full length from
// creation but is complete only after Close. The exported fields are for
// reading; changing them breaks the series.
type Series struct {
	Name   string
	Unit   string
	Labels []Label // sorted by key
	Agg    Agg
	Start  sim.Time
	Step   time.Duration
	End    sim.Time
	Values []float64

	// Gauge state: cur is the value in effect since `since`; b is the open
	// bucket, which ends at bEnd; acc folds the part of bucket b before
	// `since` (integral of value × ns for Mean, the extreme for Max/Min,
	// the value for Last). A write at a time in [since, bEnd) stays in the
	// open bucket: the fast path, which needs no other check. For counters
	// and closed series bEnd = since, an empty range, so their writes
	// always take the checked path.
	cur    float64
	since  sim.Time
	bEnd   sim.Time
	b      int
	acc    float64
	seen   bool
	closed bool
	// Counter state: the bucket of the latest Add, [cLo, cHi), so that
	// Adds in one bucket skip the division (cHi ≤ cLo: none yet).
	cb       int
	cLo, cHi sim.Time
}

// Set gives a gauge the value v from at on. Times must not decrease and must
// lie in [Start, End]; a Set at End has no effect.
func (s *Series) Set(at sim.Time, v float64) {
	if s.within(at) {
		s.hold(at)
		s.cur = v
		return
	}
	s.checkGauge("Set", at)
	s.advance(at)
	s.cur = v
}

// within reports whether at lies in [since, bEnd): a valid gauge write
// that does not close the open bucket. One unsigned comparison covers
// both bounds.
func (s *Series) within(at sim.Time) bool {
	return uint64(at-s.since) < uint64(s.bEnd-s.since)
}

// hold folds the current value over [since, at) into the open bucket, for
// at within it (the fast path of advance).
func (s *Series) hold(at sim.Time) {
	if at > s.since {
		s.fold(s.cur, at.Sub(s.since))
		s.since = at
	}
}

// Add adds v to a counter's bucket containing at (at End: the last bucket),
// or, on a gauge, sets the gauge to its current value plus v (a convenience
// for counts that go up and down). Times must lie in [Start, End]; a
// counter's times may come in any order.
func (s *Series) Add(at sim.Time, v float64) {
	if s.within(at) { // a gauge, in its open bucket
		s.hold(at)
		s.cur += v
		return
	}
	if s.Agg.gauge() {
		s.checkGauge("Add", at)
		s.advance(at)
		s.cur += v
		return
	}
	if at >= s.cLo && at < s.cHi { // the bucket of the previous Add
		s.Values[s.cb] += v
		return
	}
	s.checkOpen("Add", at)
	i := int(int64(at-s.Start) / int64(s.Step))
	if i == len(s.Values) { // at == End, whose bucket is the last
		i--
	}
	s.cb, s.cLo, s.cHi = i, s.bucketStart(i), s.bucketEnd(i)
	s.Values[i] += v
}

// Current returns a gauge's value in effect now (0 for a counter).
func (s *Series) Current() float64 {
	if !s.Agg.gauge() {
		return 0
	}
	return s.cur
}

// Time returns the start of bucket i.
func (s *Series) Time(i int) sim.Time { return s.Start.Add(time.Duration(i) * s.Step) }

// String identifies the series as name{key=value,...}.
func (s *Series) String() string { return describe(s.Name, s.Labels) }

func (s *Series) checkOpen(op string, at sim.Time) {
	if s.closed {
		panic(fmt.Sprintf("series: %v: %s after Close", s, op))
	}
	if at < s.Start || at > s.End {
		panic(fmt.Sprintf("series: %v: %s at %v outside [%v, %v]", s, op, at, s.Start, s.End))
	}
}

func (s *Series) checkGauge(op string, at sim.Time) {
	if !s.Agg.gauge() {
		panic(fmt.Sprintf("series: %v: %s on a counter", s, op))
	}
	s.checkOpen(op, at)
	if at < s.since {
		panic(fmt.Sprintf("series: %v: %s at %v before the previous write at %v", s, op, at, s.since))
	}
}

// bucketStart and bucketEnd bound bucket i.
func (s *Series) bucketStart(i int) sim.Time { return s.Time(i) }

func (s *Series) bucketEnd(i int) sim.Time {
	return min(s.Time(i+1), s.End)
}

// advance folds the current value, held over [since, to), into the buckets.
// Whole buckets at one value are written directly: a gauge left alone for
// hours costs one store per bucket, not per event.
func (s *Series) advance(to sim.Time) {
	for s.since < to {
		end := s.bEnd
		if !s.seen && end <= to { // the whole bucket at one value
			s.Values[s.b] = s.cur
			s.nextBucket()
			continue
		}
		seg := min(to, end)
		s.fold(s.cur, seg.Sub(s.since))
		s.since = seg
		if seg == end {
			s.Values[s.b] = s.result(end.Sub(s.bucketStart(s.b)))
			s.nextBucket()
			s.seen = false
		}
	}
}

// nextBucket opens the bucket after b, from the end of b.
func (s *Series) nextBucket() {
	s.since = s.bEnd
	s.b++
	s.bEnd = s.bucketEnd(s.b)
}

// fold adds value v held for dt > 0 to the open bucket.
func (s *Series) fold(v float64, dt time.Duration) {
	switch s.Agg {
	case Mean:
		if !s.seen {
			s.acc = 0
		}
		s.acc += v * float64(dt)
	case Max:
		if !s.seen || v > s.acc {
			s.acc = v
		}
	case Min:
		if !s.seen || v < s.acc {
			s.acc = v
		}
	default: // Last
		s.acc = v
	}
	s.seen = true
}

// result is the open bucket's value, given its width.
func (s *Series) result(width time.Duration) float64 {
	if s.Agg == Mean {
		return s.acc / float64(width)
	}
	return s.acc
}

func (s *Series) close() {
	if s.Agg.gauge() {
		s.advance(s.End)
	}
	s.closed = true
	s.bEnd, s.cHi = s.since, s.cLo // empty ranges: every write takes the checked path
}

// open readies a new series' write state (see the fields).
func (s *Series) open() {
	s.since = s.Start
	s.bEnd = s.since // empty: a counter's Set takes the checked path
	if s.Agg.gauge() {
		s.bEnd = s.bucketEnd(0)
	}
}
