package series

import "strconv"

// Agg is how a series reduces what happened in one bucket to one value.
type Agg uint8

// The aggregations. Sum belongs to counters, the others to gauges.
const (
	Last Agg = iota // value in effect at the bucket's end
	Mean            // time-weighted mean over the bucket
	Max             // largest value held in the bucket
	Min             // smallest value held in the bucket
	Sum             // sum of the Adds in the bucket (counters)
)

var aggNames = [...]string{Last: "last", Mean: "mean", Max: "max", Min: "min", Sum: "sum"}

// String returns the lower-case name, e.g. "mean".
func (a Agg) String() string {
	if int(a) < len(aggNames) {
		return aggNames[a]
	}
	return "Agg(" + strconv.Itoa(int(a)) + ")"
}

// gauge reports whether a is a gauge aggregation.
func (a Agg) gauge() bool { return a <= Min }
