package series

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Defaults of Config.
const (
	// DefaultResolution is the bucket width before downsampling: ECS
	// publishes its service metrics once a minute (reference §6.2).
	DefaultResolution = time.Minute
	// DefaultMaxPoints bounds the values per series: one week of minutes.
	DefaultMaxPoints = 7 * 24 * 60
)

// Config sizes a Recorder.
type Config struct {
	// Start and End bound the recorded run: [Start, End). End must be after
	// Start.
	Start sim.Time
	End   sim.Time
	// Resolution is the finest bucket width; zero means DefaultResolution.
	Resolution time.Duration
	// MaxPoints is the most values a series may hold; the step grows by a
	// whole factor of Resolution to respect it. Zero means DefaultMaxPoints.
	MaxPoints int
}

// FieldError reports an invalid Config field.
type FieldError struct {
	Field  string // Go field name, e.g. "Resolution"
	Reason string
}

func (e *FieldError) Error() string { return "series: Config." + e.Field + ": " + e.Reason }

// withDefaults fills zero fields and validates the result.
func (c Config) withDefaults() (Config, error) {
	if c.Resolution == 0 {
		c.Resolution = DefaultResolution
	}
	if c.MaxPoints == 0 {
		c.MaxPoints = DefaultMaxPoints
	}
	switch {
	case c.Start < 0:
		return c, &FieldError{"Start", fmt.Sprintf("%v is before the scenario start", c.Start)}
	case c.End <= c.Start:
		return c, &FieldError{"End", fmt.Sprintf("%v is not after Start %v", c.End, c.Start)}
	case c.Resolution < 0:
		return c, &FieldError{"Resolution", fmt.Sprintf("%v is negative", c.Resolution)}
	case c.MaxPoints < 0:
		return c, &FieldError{"MaxPoints", fmt.Sprintf("%d is negative", c.MaxPoints)}
	}
	return c, nil
}

// Step returns the bucket width for a run of the given duration:
// resolution × ceil(ceil(duration/resolution) / maxPoints), so that
// ceil(duration/step) ≤ maxPoints. duration, resolution and maxPoints must
// be positive.
func Step(duration, resolution time.Duration, maxPoints int) time.Duration {
	if duration <= 0 || resolution <= 0 || maxPoints <= 0 {
		panic(fmt.Sprintf("series: Step(%v, %v, %d): arguments must be positive", duration, resolution, maxPoints))
	}
	buckets := ceilDiv(int64(duration), int64(resolution))
	factor := ceilDiv(buckets, int64(maxPoints))
	return resolution * time.Duration(factor)
}

// ceilDiv returns ⌈a/b⌉ for a ≥ 0, b > 0.
func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }
