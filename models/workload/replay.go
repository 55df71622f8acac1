package workload

import "time"

// Interpolation says how a replay fills the time between samples.
type Interpolation int

const (
	// Hold keeps each sample's value until the next sample (step function);
	// right for CloudWatch period aggregates.
	Hold Interpolation = iota
	// Linear interpolates between neighbouring samples.
	Linear
)

// ValueKind says what a trace's values measure.
type ValueKind int

const (
	// PerSecond values are rates (requests or messages per second), or
	// levels such as a queue depth replayed as a factor or a series.
	PerSecond ValueKind = iota
	// CountPerPeriod values are counts per Period (a CloudWatch Sum with
	// Period 60 s, an ALB RequestCount); the replay divides them by Period.
	CountPerPeriod
)

// ReplayConfig tells how to turn a Trace into a Demand.
type ReplayConfig struct {
	Interpolation Interpolation
	Kind          ValueKind
	// Period is the aggregation period of CountPerPeriod values (required
	// for them) and the length of the last sample when looping.
	Period time.Duration
	// Scale multiplies every value (after the per-period conversion);
	// 0 means 1.
	Scale float64
	// Loop repeats the trace forever. Its length is from the first sample
	// to the last plus one sample interval (Period if set, otherwise the
	// last gap). Without Loop the first and last values are held outside
	// the trace.
	Loop bool
	// AlignTo, if set, shifts the trace so that its first sample falls at
	// this instant (replay last week's traffic in a scenario starting now).
	AlignTo time.Time
}

// Replay is a Demand that plays back a Trace. It is immutable after
// construction and safe for concurrent use.
type Replay struct {
	start   time.Time // instant of the first sample after alignment
	offsets []int64   // ns from start, strictly increasing, offsets[0] == 0
	values  []float64
	loopLen int64 // > 0 when looping
	linear  bool
}

// NewReplay validates tr and cfg and returns the replay. The trace is
// copied, so later changes to it do not affect the replay.
func NewReplay(tr *Trace, cfg ReplayConfig) (*Replay, error) {
	if err := tr.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	k := cfg.Scale
	if k == 0 {
		k = 1
	}
	if cfg.Kind == CountPerPeriod {
		k /= cfg.Period.Seconds()
	}
	first := tr.Times[0]
	r := &Replay{start: first, offsets: make([]int64, len(tr.Times)),
		values: make([]float64, len(tr.Values)), linear: cfg.Interpolation == Linear}
	if !cfg.AlignTo.IsZero() {
		r.start = cfg.AlignTo
	}
	for i, t := range tr.Times {
		r.offsets[i] = int64(t.Sub(first))
		r.values[i] = tr.Values[i] * k
	}
	if cfg.Loop {
		r.loopLen = r.offsets[len(r.offsets)-1] + r.lastGap(cfg.Period)
	}
	return r, nil
}

func (cfg ReplayConfig) validate() error {
	if cfg.Interpolation != Hold && cfg.Interpolation != Linear {
		return fieldErr("ReplayConfig.Interpolation", "unknown interpolation %d", int(cfg.Interpolation))
	}
	if cfg.Kind != PerSecond && cfg.Kind != CountPerPeriod {
		return fieldErr("ReplayConfig.Kind", "unknown value kind %d", int(cfg.Kind))
	}
	if cfg.Period < 0 || (cfg.Kind == CountPerPeriod && cfg.Period == 0) {
		return fieldErr("ReplayConfig.Period", "%v: a positive period is required for count-per-period values", cfg.Period)
	}
	if err := checkNonNegative("ReplayConfig.Scale", cfg.Scale); err != nil {
		return err
	}
	return nil
}

func (r *Replay) lastGap(period time.Duration) int64 {
	switch n := len(r.offsets); {
	case period > 0:
		return int64(period)
	case n >= 2:
		return r.offsets[n-1] - r.offsets[n-2]
	default:
		return int64(time.Second) // a single sample: any positive length
	}
}

// Rate returns the replayed value at t.
func (r *Replay) Rate(t time.Time) float64 {
	d := int64(t.Sub(r.start))
	n := len(r.offsets)
	if r.loopLen > 0 {
		d %= r.loopLen
		if d < 0 {
			d += r.loopLen
		}
	} else if d <= 0 {
		return r.values[0]
	} else if d >= r.offsets[n-1] {
		return r.values[n-1]
	}
	i := lastAtOrBefore(r.offsets, d)
	if !r.linear {
		return r.values[i]
	}
	nextOff, nextVal := r.loopLen, r.values[0] // the wrap-around segment
	if i+1 < n {
		nextOff, nextVal = r.offsets[i+1], r.values[i+1]
	}
	f := float64(d-r.offsets[i]) / float64(nextOff-r.offsets[i])
	return r.values[i] + (nextVal-r.values[i])*f
}
