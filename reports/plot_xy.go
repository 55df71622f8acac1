package reports

import (
	"time"

	"gonum.org/v1/plot/plotter"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/series"
)

// wallXY is a plotter.XYer over a recorded series for a post-step line:
// wall-clock x (Unix seconds), values multiplied by scale (for example
// MiB to GiB), only the buckets where the value changes (a step line
// through the others draws nothing new, and SVGs stay small), and a final
// point at the series' end holding the last value, so that the line
// covers the last bucket. Plots read the series through it without an
// intermediate copy of the values.
type wallXY struct {
	s      *series.Series // bucket times
	values []float64      // s.Values, or a sum over series like s
	start  time.Time
	scale  float64
	keep   []int // indices of the buckets drawn
}

// newWallXY returns the step view of s.
func newWallXY(s *series.Series, start time.Time, scale float64) wallXY {
	return stepView(s, s.Values, start, scale)
}

// newSumXY returns the step view of the bucket-wise sum of parts, series
// of one run (they share its buckets), for example one per provider.
func newSumXY(parts []*series.Series, start time.Time, scale float64) wallXY {
	sum := make([]float64, parts[0].Len())
	for _, p := range parts {
		for i, v := range p.Values {
			sum[i] += v
		}
	}
	return stepView(parts[0], sum, start, scale)
}

func stepView(s *series.Series, values []float64, start time.Time, scale float64) wallXY {
	w := wallXY{s: s, values: values, start: start, scale: scale}
	for i, v := range values {
		if i == 0 || v != values[i-1] {
			w.keep = append(w.keep, i)
		}
	}
	return w
}

// Len implements plotter.XYer: the kept buckets and the end point.
func (w wallXY) Len() int {
	if len(w.keep) == 0 {
		return 0
	}
	return len(w.keep) + 1
}

// XY implements plotter.XYer.
func (w wallXY) XY(i int) (x, y float64) {
	if i == len(w.keep) {
		return unixSeconds(w.start.Add(w.s.End.Duration())), w.values[len(w.values)-1] * w.scale
	}
	j := w.keep[i]
	return unixSeconds(w.start.Add(w.s.Time(j).Duration())), w.values[j] * w.scale
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
// boundary); the first period starts from nothing and the last ends at
// the final bill, so the rates integrate to the bill.
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
		fromUSD := s.Values[i]
		if i == 0 {
			fromUSD = 0 // the bill at the start already holds minimum charges for the first period's usage
		}
		hours := to.Sub(s.Time(i)).Hours()
		pts = append(pts, plotter.XY{X: unixSeconds(r.Start.Add(s.Time(i).Duration())), Y: (toUSD - fromUSD) / hours})
	}
	last := pts[len(pts)-1].Y
	pts = append(pts, plotter.XY{X: unixSeconds(r.Start.Add(s.End.Duration())), Y: last})
	return pts, period
}
