package series

import "github.com/ecsim/ecsim/sim"

// Len returns the number of buckets (gonum/plot's plotter.XYer).
func (s *Series) Len() int { return len(s.Values) }

// XY returns bucket i as (start in seconds from the scenario start, value)
// (gonum/plot's plotter.XYer), so a plot reads the series without copying.
func (s *Series) XY(i int) (x, y float64) { return s.Time(i).Seconds(), s.Values[i] }

// XYs returns a view of s whose x values are x(bucket start), e.g. hours or
// wall-clock Unix seconds, for plots with another time axis. The view shares
// s's values.
func (s *Series) XYs(x func(sim.Time) float64) XYView { return XYView{s: s, x: x} }

// XYView is a plotter.XYer over a Series with a caller-chosen x axis.
type XYView struct {
	s *Series
	x func(sim.Time) float64
}

// Len returns the number of buckets.
func (v XYView) Len() int { return len(v.s.Values) }

// XY returns (x(start of bucket i), value of bucket i).
func (v XYView) XY(i int) (x, y float64) { return v.x(v.s.Time(i)), v.s.Values[i] }
