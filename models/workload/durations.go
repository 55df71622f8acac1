package workload

import (
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// DurationDist draws job run times.
type DurationDist interface {
	Sample() time.Duration
}

// Fixed is a run time that never varies.
type Fixed time.Duration

// Sample returns d.
func (d Fixed) Sample() time.Duration { return time.Duration(d) }

// Exponential draws exponential run times with a given mean, through gonum's
// distuv.Exponential on the caller's stream.
type Exponential struct{ d distuv.Exponential }

// NewExponential returns the distribution; mean > 0.
func NewExponential(mean time.Duration, rng *rand.Rand) (*Exponential, error) {
	if rng == nil {
		panic("workload: NewExponential with a nil *rand.Rand")
	}
	if mean <= 0 {
		return nil, fieldErr("Exponential.Mean", "%v must be positive", mean)
	}
	return &Exponential{d: distuv.Exponential{Rate: 1 / mean.Seconds(), Src: rng}}, nil
}

// Sample draws a run time.
func (e *Exponential) Sample() time.Duration { return Seconds(e.d.Rand()).Duration() }

// LogNormal draws lognormal run times given their median and the standard
// deviation of their logarithm, through gonum's distuv.LogNormal on the
// caller's stream.
type LogNormal struct{ d distuv.LogNormal }

// NewLogNormal returns the distribution; median > 0, sigma ≥ 0.
func NewLogNormal(median time.Duration, sigma float64, rng *rand.Rand) (*LogNormal, error) {
	if rng == nil {
		panic("workload: NewLogNormal with a nil *rand.Rand")
	}
	if median <= 0 {
		return nil, fieldErr("LogNormal.Median", "%v must be positive", median)
	}
	if err := checkNonNegative("LogNormal.Sigma", sigma); err != nil {
		return nil, err
	}
	return &LogNormal{d: distuv.LogNormal{Mu: math.Log(median.Seconds()), Sigma: sigma, Src: rng}}, nil
}

// Sample draws a run time.
func (l *LogNormal) Sample() time.Duration { return Seconds(l.d.Rand()).Duration() }
