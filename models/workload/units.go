package workload

import (
	"math"
	"time"
)

// CPUUnits is an amount of CPU in ECS CPU units (1,024 units = 1 vCPU).
type CPUUnits int

// MiB is an amount of memory in mebibytes.
type MiB float64

// Percent is a utilisation in percent of a reservation (100 = the whole
// reservation). ECS reports CPU utilisation above 100 when a task bursts
// into unreserved CPU of its instance.
type Percent float64

// Seconds is a time span in seconds as a float, so that latencies below a
// nanosecond and unbounded latencies (+Inf when no task runs) can be
// represented. Use Duration to convert finite values.
type Seconds float64

// Duration converts s to a time.Duration, saturating at the largest
// representable duration for +Inf or very large values.
func (s Seconds) Duration() (d time.Duration) {
	const maxSeconds = float64(math.MaxInt64) / float64(time.Second)
	switch {
	case math.IsNaN(float64(s)) || s <= 0:
		return 0
	case float64(s) >= maxSeconds:
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(float64(s) * float64(time.Second))
}
