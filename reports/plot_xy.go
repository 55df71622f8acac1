package reports

import (
	"time"

	"gonum.org/v1/plot/plotter"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/sim"
)

// wallXY is a plotter.XYer over a recorded series with a wall-clock x axis
// (Unix seconds) and values multiplied by scale (for example MiB to GiB).
// It adds a final point at the series' end holding the last value, so a
// step line covers the last bucket too. Plots read the series through it
// without an intermediate copy.
type wallXY struct {
	s     *series.Series
	start time.Time
	scale float64
}

// Len implements plotter.XYer: the buckets and the end point.
func (w wallXY) Len() int {
	if w.s.Len() == 0 {
		return 0
	}
	return w.s.Len() + 1
}

// XY implements plotter.XYer.
func (w wallXY) XY(i int) (x, y float64) {
	if i == w.s.Len() {
		return unixSeconds(w.start.Add(w.s.End.Duration())), w.s.Values[i-1] * w.scale
	}
	return unixSeconds(w.start.Add(w.s.Time(i).Duration())), w.s.Values[i] * w.scale
}

// sumXY is the bucket-wise sum of series of one run (all share the run's
// step), with a wall-clock x axis, values × scale and an end point like
// wallXY. It sums clusters of providers for capacity plots.
type sumXY struct {
	parts []*series.Series
	start time.Time
	scale float64
}

// Len implements plotter.XYer.
func (s sumXY) Len() int {
	if len(s.parts) == 0 || s.parts[0].Len() == 0 {
		return 0
	}
	return s.parts[0].Len() + 1
}

// XY implements plotter.XYer.
func (s sumXY) XY(i int) (x, y float64) {
	first := s.parts[0]
	j, at := i, sim.Time(0)
	if i == first.Len() {
		j, at = i-1, first.End
	} else {
		at = first.Time(i)
	}
	for _, p := range s.parts {
		y += p.Values[j]
	}
	return unixSeconds(s.start.Add(at.Duration())), y * s.scale
}

// costCurve is the cumulative cost of a run: the cost_cumulative series
// (the bill at each bucket's start) ending at the final bill.
type costCurve struct {
	s     *series.Series
	start time.Time
	final float64
}

// Len implements plotter.XYer.
func (c costCurve) Len() int { return c.s.Len() + 1 }

// XY implements plotter.XYer.
func (c costCurve) XY(i int) (x, y float64) {
	if i == c.s.Len() {
		return unixSeconds(c.start.Add(c.s.End.Duration())), c.final
	}
	return unixSeconds(c.start.Add(c.s.Time(i).Duration())), c.s.Values[i]
}

// costRate returns a run's cost per hour averaged over periods of at
// least an hour (a whole number of buckets, so that at most ~200 periods
// cover the run), as points at each period's start plus the end point
// for a post-step line, and the period. The cost_cumulative series holds
// the bill at each bucket's start (a Last gauge sampled on the bucket
// boundary); the last period ends at the final bill.
func costRate(r *models.Result, s *series.Series) (plotter.XYs, time.Duration) {
	n := s.Len()
	if n == 0 {
		return nil, 0
	}
	period := max(time.Hour, r.Duration/200)
	per := max(1, int((period+s.Step-1)/s.Step)) // buckets per period
	period = time.Duration(per) * s.Step
	var pts plotter.XYs
	for i := 0; i < n; i += per {
		j := min(i+per, n)
		to, toUSD := s.End, r.Cost.TotalUSD
		if j < n {
			to, toUSD = s.Time(j), s.Values[j]
		}
		hours := to.Sub(s.Time(i)).Hours()
		pts = append(pts, plotter.XY{X: unixSeconds(r.Start.Add(s.Time(i).Duration())), Y: (toUSD - s.Values[i]) / hours})
	}
	last := pts[len(pts)-1].Y
	pts = append(pts, plotter.XY{X: unixSeconds(r.Start.Add(s.End.Duration())), Y: last})
	return pts, period
}
