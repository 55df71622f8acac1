package workload

import (
	"math"
	"time"
)

// LinearRampConfig moves a value linearly from From at Start to To at End;
// it holds From before Start and To after End. As a rate it models linear
// growth or a migration; as a factor (From 1, To 2) it scales a shape.
type LinearRampConfig struct {
	Start, End time.Time
	From, To   float64 // both finite and ≥ 0
}

// LinearRamp is a Demand built from a LinearRampConfig.
type LinearRamp struct {
	start    time.Time
	spanSec  float64
	from, to float64
}

// NewLinearRamp validates cfg and returns the ramp.
func NewLinearRamp(cfg LinearRampConfig) (*LinearRamp, error) {
	if err := checkNonNegative("LinearRampConfig.From", cfg.From); err != nil {
		return nil, err
	}
	if err := checkNonNegative("LinearRampConfig.To", cfg.To); err != nil {
		return nil, err
	}
	if !cfg.End.After(cfg.Start) {
		return nil, fieldErr("LinearRampConfig.End", "%s is not after Start %s",
			cfg.End.Format(time.RFC3339), cfg.Start.Format(time.RFC3339))
	}
	return &LinearRamp{start: cfg.Start, spanSec: cfg.End.Sub(cfg.Start).Seconds(), from: cfg.From, to: cfg.To}, nil
}

// Rate returns the ramp's value at t.
func (r *LinearRamp) Rate(t time.Time) float64 {
	x := t.Sub(r.start).Seconds() / r.spanSec
	switch {
	case x <= 0:
		return r.from
	case x >= 1:
		return r.to
	}
	return r.from + (r.to-r.from)*x
}

// GrowthConfig describes compound growth: a factor of (1+RatePerPeriod) per
// Period, continuously compounded between periods, starting at 1 at Start.
type GrowthConfig struct {
	Start time.Time
	// RatePerPeriod is the relative growth per period (0.1 = +10 %);
	// it must be > -1 (shrinking is allowed).
	RatePerPeriod float64
	Period        time.Duration // > 0, e.g. 30 days
}

// Growth is a dimensionless compound-growth factor; it is 1 before Start.
type Growth struct {
	start     time.Time
	logPerSec float64
}

// NewGrowth validates cfg and returns the factor.
func NewGrowth(cfg GrowthConfig) (*Growth, error) {
	if math.IsNaN(cfg.RatePerPeriod) || math.IsInf(cfg.RatePerPeriod, 0) || cfg.RatePerPeriod <= -1 {
		return nil, fieldErr("GrowthConfig.RatePerPeriod", "%v must be a finite number > -1", cfg.RatePerPeriod)
	}
	if cfg.Period <= 0 {
		return nil, fieldErr("GrowthConfig.Period", "%v must be positive", cfg.Period)
	}
	return &Growth{start: cfg.Start, logPerSec: math.Log1p(cfg.RatePerPeriod) / cfg.Period.Seconds()}, nil
}

// Rate returns (1+RatePerPeriod)^((t−Start)/Period), or 1 before Start.
func (g *Growth) Rate(t time.Time) float64 {
	x := t.Sub(g.start).Seconds()
	if x <= 0 {
		return 1
	}
	return math.Exp(g.logPerSec * x)
}

// Step sets a new value from At on.
type Step struct {
	At    time.Time
	Value float64 // finite and ≥ 0
}

// StepsConfig is a piecewise-constant demand: Initial before the first step,
// then each step's Value from its At until the next step.
type StepsConfig struct {
	Initial float64
	Steps   []Step // strictly increasing At
}

// Steps is a Demand built from a StepsConfig.
type Steps struct {
	initial float64
	first   time.Time
	at      []int64 // nanoseconds after first
	values  []float64
}

// NewSteps validates cfg and returns the demand.
func NewSteps(cfg StepsConfig) (*Steps, error) {
	if err := checkNonNegative("StepsConfig.Initial", cfg.Initial); err != nil {
		return nil, err
	}
	s := &Steps{initial: cfg.Initial, at: make([]int64, len(cfg.Steps)), values: make([]float64, len(cfg.Steps))}
	for i, st := range cfg.Steps {
		if err := checkNonNegative(indexField("StepsConfig.Steps", i)+".Value", st.Value); err != nil {
			return nil, err
		}
		if i > 0 && !st.At.After(cfg.Steps[i-1].At) {
			return nil, fieldErr(indexField("StepsConfig.Steps", i)+".At", "%s is not after Steps[%d].At %s",
				st.At.Format(time.RFC3339), i-1, cfg.Steps[i-1].At.Format(time.RFC3339))
		}
		s.values[i] = st.Value
	}
	if len(cfg.Steps) > 0 {
		s.first = cfg.Steps[0].At
		if span := cfg.Steps[len(cfg.Steps)-1].At.Sub(s.first); span > maxTraceSpan {
			return nil, fieldErr("StepsConfig.Steps", "steps span %v, more than 200 years", span)
		}
	}
	for i, st := range cfg.Steps {
		s.at[i] = int64(st.At.Sub(s.first))
	}
	return s, nil
}

// Rate returns the value of the last step at or before t.
func (s *Steps) Rate(t time.Time) float64 {
	if len(s.at) == 0 {
		return s.initial
	}
	i := lastAtOrBefore(s.at, int64(t.Sub(s.first)))
	if i < 0 {
		return s.initial
	}
	return s.values[i]
}

// lastAtOrBefore returns the largest i with xs[i] ≤ x, or -1. xs is sorted.
// Hand-written so that the hot path does not build a closure.
func lastAtOrBefore(xs []int64, x int64) int {
	lo, hi := 0, len(xs) // invariant: xs[:lo] ≤ x < xs[hi:]
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if xs[mid] <= x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}
