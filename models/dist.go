package models

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// DistKind names the shape of a latency distribution.
type DistKind int

const (
	// DistFixed always yields Value.
	DistFixed DistKind = iota
	// DistUniform yields a value uniform in [Min, Max].
	DistUniform
	// DistLogNormal is parameterised by its Median and 95th percentile,
	// the two figures public latency measurements report.
	DistLogNormal
	// DistExponential has mean Value.
	DistExponential
)

var distKindNames = [...]string{"fixed", "uniform", "lognormal", "exponential"}

func (k DistKind) String() string {
	if int(k) < len(distKindNames) {
		return distKindNames[k]
	}
	return fmt.Sprintf("DistKind(%d)", int(k))
}

// ParseDistKind maps a name ("fixed", "uniform", "lognormal",
// "exponential") to its kind.
func ParseDistKind(s string) (DistKind, error) {
	for i, n := range distKindNames {
		if n == s {
			return DistKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown distribution %q (want one of fixed, uniform, lognormal, exponential)", s)
}

// Dist is a distribution of durations (launch latency, image pull, …),
// kept as plain data so configs can be compared and printed. Sampling
// takes the random stream explicitly.
type Dist struct {
	Kind     DistKind
	Value    time.Duration // fixed value, or mean of an exponential
	Min, Max time.Duration // uniform bounds
	Median   time.Duration // lognormal median
	P95      time.Duration // lognormal 95th percentile
}

// Fixed returns a distribution that always yields d.
func Fixed(d time.Duration) Dist { return Dist{Kind: DistFixed, Value: d} }

// Uniform returns a distribution uniform in [lo, hi].
func Uniform(lo, hi time.Duration) Dist { return Dist{Kind: DistUniform, Min: lo, Max: hi} }

// LogNormal returns a lognormal distribution with the given median and
// 95th percentile.
func LogNormal(median, p95 time.Duration) Dist {
	return Dist{Kind: DistLogNormal, Median: median, P95: p95}
}

// z95 is the standard normal quantile at 0.95.
const z95 = 1.6448536269514722

// Validate reports a distribution that cannot be sampled.
func (d Dist) Validate() error {
	switch d.Kind {
	case DistFixed, DistExponential:
		if d.Value < 0 {
			return fmt.Errorf("%v distribution: negative value %v", d.Kind, d.Value)
		}
	case DistUniform:
		if d.Min < 0 || d.Max < d.Min {
			return fmt.Errorf("uniform distribution: need 0 ≤ min ≤ max, got [%v, %v]", d.Min, d.Max)
		}
	case DistLogNormal:
		if d.Median <= 0 || d.P95 < d.Median {
			return fmt.Errorf("lognormal distribution: need 0 < median ≤ p95, got median %v, p95 %v", d.Median, d.P95)
		}
	default:
		return fmt.Errorf("unknown distribution kind %d", int(d.Kind))
	}
	return nil
}

// Sample draws one duration from r. Every kind but fixed draws exactly one
// or two numbers, so a stream's later draws do not depend on values.
func (d Dist) Sample(r *rand.Rand) time.Duration {
	switch d.Kind {
	case DistFixed:
		return d.Value
	case DistUniform:
		if d.Max == d.Min {
			return d.Min
		}
		return d.Min + time.Duration(r.Int64N(int64(d.Max-d.Min)+1))
	case DistLogNormal:
		sigma := math.Log(float64(d.P95)/float64(d.Median)) / z95
		return time.Duration(float64(d.Median) * math.Exp(sigma*r.NormFloat64()))
	case DistExponential:
		return time.Duration(float64(d.Value) * r.ExpFloat64())
	}
	panic(fmt.Sprintf("models: unknown distribution kind %d", int(d.Kind)))
}

// Mean returns the distribution's mean, for reports and sanity checks.
func (d Dist) Mean() time.Duration {
	switch d.Kind {
	case DistUniform:
		return (d.Min + d.Max) / 2
	case DistLogNormal:
		sigma := math.Log(float64(d.P95)/float64(d.Median)) / z95
		return time.Duration(float64(d.Median) * math.Exp(sigma*sigma/2))
	}
	return d.Value
}

func (d Dist) String() string {
	switch d.Kind {
	case DistUniform:
		return fmt.Sprintf("uniform(%v, %v)", d.Min, d.Max)
	case DistLogNormal:
		return fmt.Sprintf("lognormal(median %v, p95 %v)", d.Median, d.P95)
	case DistExponential:
		return fmt.Sprintf("exponential(mean %v)", d.Value)
	}
	return d.Value.String()
}
