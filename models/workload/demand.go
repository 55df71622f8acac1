package workload

import (
	"math"
	"time"
)

// Demand is a non-negative quantity over wall-clock time: a request or
// message arrival rate in requests per second, or a dimensionless factor
// (diurnal, weekly, noise) meant to be multiplied with a rate.
//
// Rate must be cheap and allocation-free: the simulator calls it once per
// service per step. Implementations in this package are pure functions of t,
// except Noise, whose state advances on a fixed grid so that its value does
// not depend on how often or at which instants it is queried.
type Demand interface {
	Rate(t time.Time) float64
}

// DemandFunc adapts a function to the Demand interface.
type DemandFunc func(t time.Time) float64

// Rate returns f(t).
func (f DemandFunc) Rate(t time.Time) float64 { return f(t) }

// Constant is a demand that never changes.
type Constant float64

// Rate returns c.
func (c Constant) Rate(time.Time) float64 { return float64(c) }

// NewConstant returns Constant(rps) after checking that rps is a finite,
// non-negative rate.
func NewConstant(rps float64) (Constant, error) {
	if err := checkNonNegative("Constant", rps); err != nil {
		return 0, err
	}
	return Constant(rps), nil
}

type sum []Demand

func (s sum) Rate(t time.Time) float64 {
	var v float64
	for _, d := range s {
		v += d.Rate(t)
	}
	return v
}

type product []Demand

func (p product) Rate(t time.Time) float64 {
	v := 1.0
	for _, d := range p {
		v *= d.Rate(t)
	}
	return v
}

// Sum returns the demand whose rate is the sum of the parts' rates: use it to
// add spikes or independent sources onto a base. It panics if a part is nil.
func Sum(parts ...Demand) Demand {
	return sum(checkParts("Sum", parts))
}

// Product returns the demand whose rate is the product of the parts' rates:
// use it to shape a base rate by diurnal, weekly, growth and noise factors.
// It panics if a part is nil.
func Product(parts ...Demand) Demand {
	return product(checkParts("Product", parts))
}

func checkParts(op string, parts []Demand) []Demand {
	for _, d := range parts {
		if d == nil {
			panic("workload: " + op + " of a nil Demand")
		}
	}
	return append([]Demand(nil), parts...)
}

type scaled struct {
	d Demand
	k float64
}

func (s scaled) Rate(t time.Time) float64 { return s.k * s.d.Rate(t) }

// Scale returns d multiplied by the finite, non-negative factor k.
func Scale(d Demand, k float64) (Demand, error) {
	if d == nil {
		panic("workload: Scale of a nil Demand")
	}
	if err := checkNonNegative("Scale.Factor", k); err != nil {
		return nil, err
	}
	return scaled{d: d, k: k}, nil
}

func checkNonNegative(field string, v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return fieldErr(field, "%v is not a finite number", v)
	case v < 0:
		return fieldErr(field, "negative value %v", v)
	}
	return nil
}
