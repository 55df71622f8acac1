package workload

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Schedule yields arrival instants. Next returns the first arrival strictly
// after `after`, or the zero Time when there is none. The autoscale
// package's schedule.Schedule (cron, rate and at expressions in a time
// zone) has exactly this method, so scheduled tasks plug in as is.
type Schedule interface {
	Next(after time.Time) time.Time
}

// Times is a fixed list of arrival instants, sorted and without duplicates.
type Times []time.Time

// NewTimes validates and copies ts, which must be strictly increasing.
func NewTimes(ts []time.Time) (Times, error) {
	for i := 1; i < len(ts); i++ {
		if !ts[i].After(ts[i-1]) {
			return nil, fieldErr(indexField("Times", i), "%s is not after Times[%d] %s",
				ts[i].Format(time.RFC3339), i-1, ts[i-1].Format(time.RFC3339))
		}
	}
	return slices.Clone(ts), nil
}

// Next returns the first listed time after `after`.
func (ts Times) Next(after time.Time) time.Time {
	i, found := slices.BinarySearchFunc(ts, after, time.Time.Compare)
	if found {
		i++
	}
	if i >= len(ts) {
		return time.Time{}
	}
	return ts[i]
}

// Poisson is a homogeneous Poisson arrival process. Each call to Next
// consumes one exponential draw, so call it once per arrival, passing the
// previous arrival, to walk the process.
type Poisson struct {
	meanGap float64 // seconds
	rng     *rand.Rand
}

// NewPoisson returns a Poisson process with the given rate per second,
// drawing from rng.
func NewPoisson(ratePerSecond float64, rng *rand.Rand) (*Poisson, error) {
	if rng == nil {
		panic("workload: NewPoisson with a nil *rand.Rand")
	}
	if !(ratePerSecond > 0) || math.IsInf(ratePerSecond, 0) {
		return nil, fieldErr("Poisson.RatePerSecond", "%v must be a finite number > 0", ratePerSecond)
	}
	return &Poisson{meanGap: 1 / ratePerSecond, rng: rng}, nil
}

// Next returns after plus an exponential gap.
func (p *Poisson) Next(after time.Time) time.Time {
	// At least 1 ns, so that arrivals are strictly increasing.
	return after.Add(max(Seconds(p.rng.ExpFloat64()*p.meanGap).Duration(), 1))
}

// ModulatedPoisson is a non-homogeneous Poisson process whose rate follows
// a Demand (e.g. jobs submitted in business hours), sampled by thinning:
// candidates at MaxRate are kept with probability rate(t)/MaxRate. Rates
// above MaxRate are treated as MaxRate. There are no arrivals at or after
// End, which also bounds the work of Next when the rate stays at zero.
type ModulatedPoisson struct {
	rate    Demand
	maxRate float64
	end     time.Time
	rng     *rand.Rand
}

// NewModulatedPoisson returns the process; maxRate bounds rate from above.
func NewModulatedPoisson(rate Demand, maxRate float64, end time.Time, rng *rand.Rand) (*ModulatedPoisson, error) {
	if rng == nil || rate == nil {
		panic("workload: NewModulatedPoisson with a nil rate or *rand.Rand")
	}
	if !(maxRate > 0) || math.IsInf(maxRate, 0) {
		return nil, fieldErr("ModulatedPoisson.MaxRate", "%v must be a finite number > 0", maxRate)
	}
	if end.IsZero() {
		return nil, fieldErr("ModulatedPoisson.End", "required")
	}
	return &ModulatedPoisson{rate: rate, maxRate: maxRate, end: end, rng: rng}, nil
}

// Next returns the next accepted candidate after `after`, or the zero Time
// when it would fall at or after End.
func (m *ModulatedPoisson) Next(after time.Time) time.Time {
	t := after
	for {
		t = t.Add(max(Seconds(m.rng.ExpFloat64()/m.maxRate).Duration(), 1))
		if !t.Before(m.end) {
			return time.Time{}
		}
		if m.rng.Float64()*m.maxRate < m.rate.Rate(t) {
			return t
		}
	}
}
