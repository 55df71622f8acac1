package reports

import (
	"fmt"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/cost"
)

// span returns the earliest start and the latest end of the runs.
func span(rs []*models.Result) (from, to time.Time) {
	from, to = rs[0].Start, rs[0].Start.Add(rs[0].Duration)
	for _, r := range rs[1:] {
		if r.Start.Before(from) {
			from = r.Start
		}
		if end := r.Start.Add(r.Duration); end.After(to) {
			to = end
		}
	}
	return from, to
}

// costCumulativeFigure plots each run's bill so far against time; nil when
// no run recorded cost_cumulative.
func costCumulativeFigure(rs []*models.Result, labels []string) (*Figure, error) {
	p := newPlot("Cumulative cost", "cost (USD)")
	n := 0
	for i, r := range rs {
		s := r.Series.Find("cost_cumulative")
		if s == nil || s.Len() == 0 {
			continue
		}
		l, err := newLine(costCurve{s: s, start: r.Start, final: r.Cost.TotalUSD})
		if err != nil {
			return nil, fmt.Errorf("cumulative cost of %s: %w", labels[i], err)
		}
		l.LineStyle = lineStyle(i, 0)
		p.Add(l)
		p.Legend.Add(labels[i], l)
		n++
	}
	if n == 0 {
		return nil, nil
	}
	from, to := span(rs)
	timeAxis(p, from, to)
	fromZero(p, n)
	return newFigure("cost_cumulative", "Cumulative cost of each variant: what the bill says at each moment (USD).", p), nil
}

// costRateFigure plots each run's cost per hour, averaged over periods of
// at least an hour, as step lines; nil without cost series.
func costRateFigure(rs []*models.Result, labels []string) (*Figure, error) {
	p := newPlot("Cost per hour", "cost rate (USD/h)")
	n := 0
	var period time.Duration
	for i, r := range rs {
		s := r.Series.Find("cost_cumulative")
		if s == nil || s.Len() == 0 {
			continue
		}
		pts, per := costRate(r, s)
		period = max(period, per)
		l, err := newLine(pts)
		if err != nil {
			return nil, fmt.Errorf("cost rate of %s: %w", labels[i], err)
		}
		l.StepStyle = plotter.PostStep
		l.LineStyle = lineStyle(i, 0)
		p.Add(l)
		p.Legend.Add(labels[i], l)
		n++
	}
	if n == 0 {
		return nil, nil
	}
	p.Title.Text = "Cost per hour (averaged over " + HumanDuration(period) + ")"
	from, to := span(rs)
	timeAxis(p, from, to)
	fromZero(p, n)
	return newFigure("cost_rate", "Cost rate of each variant in USD per hour, averaged over "+HumanDuration(period)+" periods.", p), nil
}

// barWidth fits n groups of k bars into the figure.
func barWidth(n, k int) vg.Length {
	return min(vg.Points(48), figureWidth*0.6/vg.Length(n*k))
}

// costBarsFigure compares the runs' total cost as bars stacked by kind of
// charge.
func costBarsFigure(rs []*models.Result, labels []string) (*Figure, error) {
	p := newPlot("Total cost by kind", "cost (USD)")
	w := barWidth(len(rs), 1)
	var below *plotter.BarChart
	entries := 0
	for ki, k := range cost.Kinds() {
		vals := make(plotter.Values, len(rs))
		total := 0.0
		for i, r := range rs {
			vals[i] = r.Cost.Kind(k)
			total += vals[i]
		}
		if total == 0 {
			continue
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, fmt.Errorf("cost bars: %w", err)
		}
		b.Color, b.LineStyle.Width = colour(ki), 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		p.Legend.Add(k.String(), b)
		entries++
	}
	nominalVariants(p, labels)
	fromZero(p, entries)
	return newFigure("cost_bars", "Total cost of each variant, stacked by kind of charge (USD).", p), nil
}

// hoursBarsFigure compares the runs' instance-hours and task-hours.
func hoursBarsFigure(rs []*models.Result, labels []string) (*Figure, error) {
	p := newPlot("Instance-hours and task-hours", "time (h)")
	w := barWidth(len(rs), 2)
	get := []func(*models.Result) float64{
		func(r *models.Result) float64 { return r.InstanceHours },
		func(r *models.Result) float64 { return r.TaskHours },
	}
	for k, name := range []string{"EC2 instance-hours", "task-hours"} {
		vals := make(plotter.Values, len(rs))
		for i, r := range rs {
			vals[i] = get[k](r)
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, fmt.Errorf("hours bars: %w", err)
		}
		b.Color, b.LineStyle.Width = colour(k), 0
		b.Offset = w * vg.Length(2*k-1) / 2
		p.Add(b)
		p.Legend.Add(name, b)
	}
	nominalVariants(p, labels)
	fromZero(p, 2)
	return newFigure("hours_bars", "EC2 instance-hours and task-hours of each variant.", p), nil
}

// nominalVariants labels the x axis with the variants, half a slot of
// room either side so that the outer bars are whole.
func nominalVariants(p *plot.Plot, labels []string) {
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.5, float64(len(labels))-0.5
	p.X.Label.Text = "variant"
}
