package sim

import (
	"math"
	"time"
)

// Time is a point on the virtual clock: the offset from the scenario start.
// It has the verbs of time.Time so code reads the same.
type Time time.Duration

// Never is a time after every reachable time; use it for "no deadline".
const Never Time = math.MaxInt64

// Add returns t+d.
func (t Time) Add(d time.Duration) Time { return t + Time(d) }

// Sub returns the duration t-u.
func (t Time) Sub(u Time) time.Duration { return time.Duration(t - u) }

// Before reports whether t is before u.
func (t Time) Before(u Time) bool { return t < u }

// After reports whether t is after u.
func (t Time) After(u Time) bool { return t > u }

// Compare returns -1, 0 or +1 as t is before, equal to or after u.
func (t Time) Compare(u Time) int {
	switch {
	case t < u:
		return -1
	case t > u:
		return 1
	}
	return 0
}

// Duration returns the offset from the start as a time.Duration.
func (t Time) Duration() time.Duration { return time.Duration(t) }

// Seconds returns the offset from the start in seconds.
func (t Time) Seconds() float64 { return time.Duration(t).Seconds() }

// String formats the offset like time.Duration ("1h30m0s").
func (t Time) String() string {
	if t == Never {
		return "never"
	}
	return time.Duration(t).String()
}
