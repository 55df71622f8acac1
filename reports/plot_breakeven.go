package reports

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/ecsim/ecsim/reports/breakeven"
)

// maxBreakEvenLines bounds the instance types drawn: one palette colour
// each, black kept for Fargate.
const maxBreakEvenLines = 6

// BreakEvenFigure plots the cost of a task-hour against utilisation: one
// curve per instance type (at most six, spread over the rows: the
// smallest, the largest and evenly between), On-Demand above and Spot
// below, against the flat Fargate and Fargate Spot task-hour prices, with
// each crossing marked. Its file stem is "breakeven" plus suffix. Fargate
// prices are drawn in black, solid for On-Demand and dotted for Spot.
func BreakEvenFigure(a *breakeven.Analysis, suffix string) (*Figure, error) {
	if len(a.Rows) == 0 {
		return nil, fmt.Errorf("reports: break-even figure: no instance type holds the task")
	}
	rows := spreadRows(a.Rows, maxBreakEvenLines)
	panels := make([]*plot.Plot, 2)
	task := fmt.Sprintf("(%g vCPU / %g GiB task, %s)", a.TaskCPU.VCPUs(), a.TaskMemory.GiB(), a.Region)
	for k, spot := range []bool{false, true} {
		title := "EC2 On-Demand vs Fargate " + task
		if spot {
			title = "EC2 Spot vs Fargate " + task
		}
		p, err := breakEvenPanel(rows, spot, title)
		if err != nil {
			return nil, err
		}
		panels[k] = p
	}
	caption := "Break-even for the " + breakEvenTask(a) + ": cost of a task-hour against the share of EC2 task slots in use (curves), Fargate and Fargate Spot task-hour prices (flat lines); circles mark where EC2 becomes cheaper."
	if len(rows) < len(a.Rows) {
		caption += fmt.Sprintf(" %d of the %d instance types are drawn, spread from the first to the last row.", len(rows), len(a.Rows))
	}
	return newFigure("breakeven"+suffix, caption, panels...), nil
}

// spreadRows returns at most n rows, evenly spread from the first to the
// last, so that a long family shows its range (and both architectures
// when two families are listed).
func spreadRows(rows []breakeven.Row, n int) []breakeven.Row {
	if len(rows) <= n {
		return rows
	}
	out := make([]breakeven.Row, n)
	for k := range out {
		out[k] = rows[int(math.Round(float64(k)*float64(len(rows)-1)/float64(n-1)))]
	}
	return out
}

func breakEvenPanel(rows []breakeven.Row, spot bool, title string) (*plot.Plot, error) {
	p := newPlot(title, "cost per task-hour (USD)")
	p.X.Label.Text = "EC2 utilisation: share of task slots in use (%)"
	top := 0.0
	for i, r := range rows {
		pts := make(plotter.XYs, 0, 96)
		for u := 5; u <= 100; u++ {
			pts = append(pts, plotter.XY{X: float64(u), Y: r.EC2USDPerTaskHour(float64(u)/100, spot)})
		}
		l, err := newLine(pts)
		if err != nil {
			return nil, fmt.Errorf("break-even curve of %s: %w", r.InstanceType, err)
		}
		l.LineStyle = lineStyle(i, 0)
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("%s (%d tasks)", r.InstanceType, r.TasksPerInstance), l)
		top = math.Max(top, r.FargateUSDPerTaskHour)
	}
	n, err := addFargateLevels(p, rows)
	if err != nil {
		return nil, err
	}
	if err := addCrossings(p, rows, spot); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = 0, 100
	p.X.Tick.Marker = percentTicks{}
	p.Legend.Left = false // the curves fall to the right: the top right is free
	p.Y.Min, p.Y.Max = 0, 2.2*top*(1+0.04*float64(len(rows)+n))
	return p, nil
}

// addFargateLevels draws the Fargate and Fargate Spot task-hour prices,
// once per architecture among rows; it returns the legend entries added.
func addFargateLevels(p *plot.Plot, rows []breakeven.Row) (int, error) {
	seen := map[string]bool{}
	n := 0
	for _, r := range rows {
		if seen[string(r.Arch)] {
			continue
		}
		seen[string(r.Arch)] = true
		for k, level := range []float64{r.FargateUSDPerTaskHour, r.FargateSpotUSDPerTaskHour} {
			l, err := newLine(plotter.XYs{{X: 0, Y: level}, {X: 100, Y: level}})
			if err != nil {
				return 0, err
			}
			l.LineStyle = draw.LineStyle{Color: colour(6), Width: vg.Points(lineWidth), Dashes: dashes(2 * k)}
			if len(seen) > 1 {
				l.LineStyle.Dashes = dashes(2*k + 1)
			}
			name := []string{"Fargate", "Fargate Spot"}[k] + " (" + string(r.Arch) + ")"
			p.Add(l)
			p.Legend.Add(name, l)
			n++
		}
	}
	return n, nil
}

// addCrossings marks each type's break-even against Fargate and Fargate
// Spot where it lies within 0–100 %.
func addCrossings(p *plot.Plot, rows []breakeven.Row, spot bool) error {
	for i, r := range rows {
		vs := []float64{r.OnDemandVsFargate, r.OnDemandVsFargateSpot}
		if spot {
			vs = []float64{r.SpotVsFargate, r.SpotVsFargateSpot}
		}
		levels := []float64{r.FargateUSDPerTaskHour, r.FargateSpotUSDPerTaskHour}
		var pts plotter.XYs
		for k, u := range vs {
			if u <= 1 {
				pts = append(pts, plotter.XY{X: 100 * u, Y: levels[k]})
			}
		}
		if len(pts) == 0 {
			continue
		}
		s, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: colour(i), Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		p.Add(s)
	}
	return nil
}

// percentTicks marks 0–100 % every 10 %, minor ticks every 5 %.
type percentTicks struct{}

// Ticks implements plot.Ticker.
func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for v := 0; v <= 100; v += 5 {
		if x := float64(v); x >= lo && x <= hi {
			t := plot.Tick{Value: x}
			if v%10 == 0 {
				t.Label = fmt.Sprint(v)
			}
			ts = append(ts, t)
		}
	}
	return ts
}
