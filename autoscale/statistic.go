package autoscale

import (
	"fmt"
	"math"
	"strconv"
)

// Statistic is a CloudWatch statistic of the samples in one period. The same
// type names a step policy's MetricAggregationType (Average, Minimum, Maximum).
type Statistic uint8

// The CloudWatch statistics. The zero value is invalid so that a forgotten
// field is caught by validation.
const (
	Average Statistic = iota + 1
	Sum
	Minimum
	Maximum
	SampleCount
)

var statisticNames = [...]string{Average: "Average", Sum: "Sum", Minimum: "Minimum", Maximum: "Maximum", SampleCount: "SampleCount"}

// String returns the CloudWatch name ("Average", "SampleCount", …).
func (s Statistic) String() string {
	if s >= Average && s <= SampleCount {
		return statisticNames[s]
	}
	return "Statistic(" + strconv.Itoa(int(s)) + ")"
}

// ParseStatistic maps a CloudWatch statistic name to a Statistic.
func ParseStatistic(name string) (Statistic, error) {
	for s := Average; s <= SampleCount; s++ {
		if statisticNames[s] == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown statistic %q (want Average, Sum, Minimum, Maximum or SampleCount)", name)
}

// StatisticSet is the aggregate of the samples of one period, as CloudWatch
// stores it (and as PutMetricData's StatisticValues carries it). A set with
// SampleCount 0 is a missing datapoint.
type StatisticSet struct {
	SampleCount float64
	Sum         float64
	Minimum     float64
	Maximum     float64
}

// add folds one sample into the set.
func (s *StatisticSet) add(v float64) {
	if s.SampleCount == 0 {
		*s = StatisticSet{SampleCount: 1, Sum: v, Minimum: v, Maximum: v}
		return
	}
	s.SampleCount++
	s.Sum += v
	// The builtins treat NaN and ±0 as math.Min/Max do, and are inlined.
	s.Minimum = min(s.Minimum, v)
	s.Maximum = max(s.Maximum, v)
}

// merge folds another set into s.
func (s *StatisticSet) merge(o StatisticSet) {
	if o.SampleCount == 0 {
		return
	}
	if s.SampleCount == 0 {
		*s = o
		return
	}
	s.SampleCount += o.SampleCount
	s.Sum += o.Sum
	s.Minimum = math.Min(s.Minimum, o.Minimum)
	s.Maximum = math.Max(s.Maximum, o.Maximum)
}

// Value returns the statistic of the set; ok is false for a missing datapoint.
func (s StatisticSet) Value(stat Statistic) (v float64, ok bool) {
	if s.SampleCount == 0 {
		return 0, false
	}
	return s.value(stat), true
}

// value is Value of a set that is not missing. The common Average is
// inlined into the alarms' once-a-period read; the rest is a call.
func (s *StatisticSet) value(stat Statistic) float64 {
	if stat == Average {
		return s.Sum / s.SampleCount
	}
	return s.other(stat)
}

func (s *StatisticSet) other(stat Statistic) float64 {
	switch stat {
	case Average:
		return s.Sum / s.SampleCount
	case Sum:
		return s.Sum
	case Minimum:
		return s.Minimum
	case Maximum:
		return s.Maximum
	case SampleCount:
		return s.SampleCount
	}
	panic("autoscale: invalid Statistic " + stat.String())
}

// MarshalText returns the CloudWatch name.
func (s Statistic) MarshalText() ([]byte, error) {
	if s < Average || s > SampleCount {
		return nil, fmt.Errorf("invalid statistic %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText accepts the CloudWatch name, so AWS JSON and TOML decode
// into a Statistic directly.
func (s *Statistic) UnmarshalText(b []byte) error {
	v, err := ParseStatistic(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
