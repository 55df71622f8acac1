package series

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Recorder creates the series of one run and closes them together at the
// run's end. It is not safe for concurrent use; one run is one goroutine.
type Recorder struct {
	start, end sim.Time
	step       time.Duration
	buckets    int
	series     []*Series
	ids        map[string]struct{}
	closed     bool
}

// New returns a Recorder for cfg, with the step chosen by the downsampling
// rule (see Step). Errors are *FieldError.
func New(cfg Config) (*Recorder, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	d := cfg.End.Sub(cfg.Start)
	step := Step(d, cfg.Resolution, cfg.MaxPoints)
	return &Recorder{
		start:   cfg.Start,
		end:     cfg.End,
		step:    step,
		buckets: int(ceilDiv(int64(d), int64(step))),
		ids:     make(map[string]struct{}),
	}, nil
}

// Start returns the start of the first bucket.
func (r *Recorder) Start() sim.Time { return r.start }

// End returns the end of the last bucket.
func (r *Recorder) End() sim.Time { return r.end }

// Step returns the bucket width after downsampling.
func (r *Recorder) Step() time.Duration { return r.step }

// Buckets returns the number of values each series holds.
func (r *Recorder) Buckets() int { return r.buckets }

// Gauge returns a new gauge series aggregated by agg (Last, Mean, Max or
// Min). The gauge is 0 until its first Set. A name used twice with the same
// labels, an empty name or a counter aggregation panics.
func (r *Recorder) Gauge(name, unit string, agg Agg, labels ...Label) *Series {
	if !agg.gauge() {
		panic(fmt.Sprintf("series: Gauge %q: aggregation %v is not a gauge aggregation", name, agg))
	}
	return r.add(name, unit, agg, labels)
}

// Counter returns a new counter series: each bucket is the sum of the Adds
// in it. A name used twice with the same labels or an empty name panics.
func (r *Recorder) Counter(name, unit string, labels ...Label) *Series {
	return r.add(name, unit, Sum, labels)
}

func (r *Recorder) add(name, unit string, agg Agg, labels []Label) *Series {
	if r.closed {
		panic("series: new series " + name + " after Close")
	}
	if name == "" {
		panic("series: series without a name")
	}
	labels = sortedLabels(name, labels)
	id := identity(name, labels)
	if _, dup := r.ids[id]; dup {
		panic("series: duplicate series " + describe(name, labels))
	}
	r.ids[id] = struct{}{}
	s := &Series{
		Name:   name,
		Unit:   unit,
		Labels: labels,
		Agg:    agg,
		Start:  r.start,
		Step:   r.step,
		End:    r.end,
		Values: make([]float64, r.buckets),
	}
	s.open()
	r.series = append(r.series, s)
	return s
}

// Close finishes every series at End (gauges hold their last value to the
// end) and returns them sorted by name, then labels. Close is idempotent;
// writing to a series after it panics.
func (r *Recorder) Close() Set {
	if !r.closed {
		for _, s := range r.series {
			s.close()
		}
		r.closed = true
	}
	out := slices.Clone(r.series)
	slices.SortFunc(out, compareSeries)
	return out
}

// describe renders a series identity for messages: name{k=v,...}.
func describe(name string, labels []Label) string {
	if len(labels) == 0 {
		return name
	}
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = l.String()
	}
	return name + "{" + strings.Join(parts, ",") + "}"
}
