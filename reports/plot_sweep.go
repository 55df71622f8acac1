package reports

import (
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// sweepPlotted are the metrics SweepFigures draws, by key.
var sweepPlotted = []string{"cost_usd", "p95_ms", "slo_minutes", "instance_hours"}

// SweepFigures plots each headline metric against the sweep's first
// numeric parameter: the mean over seeds as a line with markers and its
// 95 % confidence interval as a band, one line per variant. A sweep
// without a numeric parameter has no figures.
func SweepFigures(groups []SweepGroup) ([]*Figure, error) {
	if len(groups) == 0 || len(groups[0].Params) == 0 || groups[0].Params[0].Number == nil {
		return nil, nil
	}
	param := groups[0].Params[0].Name
	var variants []string
	for _, g := range groups {
		if !slices.Contains(variants, g.Variant) {
			variants = append(variants, g.Variant)
		}
	}
	var figs []*Figure
	for _, key := range sweepPlotted {
		m := sweepMetricIndex(key)
		sm := SweepMetrics[m]
		y := sm.Title
		if sm.Unit != "" {
			y += " (" + sm.Unit + ")"
		}
		p := newPlot(sm.Title+" vs "+param, y)
		p.X.Label.Text = param
		for vi, v := range variants {
			var mean, lower, upper plotter.XYs
			for _, g := range groups {
				if g.Variant != v || len(g.Params) == 0 || g.Params[0].Number == nil {
					continue
				}
				x, st := *g.Params[0].Number, g.Stats[m]
				mean = append(mean, plotter.XY{X: x, Y: st.Mean})
				lower = append(lower, plotter.XY{X: x, Y: st.Low})
				upper = append(upper, plotter.XY{X: x, Y: st.High})
			}
			if len(mean) == 0 {
				continue
			}
			slices.Reverse(upper) // the band's outline: along the lower edge, back along the upper
			if err := addBand(p, append(lower, upper...), vi); err != nil {
				return nil, err
			}
			line, points, err := plotter.NewLinePoints(mean)
			if err != nil {
				return nil, err
			}
			line.LineStyle = lineStyle(vi, 0)
			points.Color = colour(vi)
			points.Shape = draw.CircleGlyph{}
			p.Add(line, points)
			label := v
			if label == "" {
				label = "mean"
			}
			p.Legend.Add(label+" (mean, 95% CI)", line, points)
		}
		fromZero(p, len(variants))
		figs = append(figs, newFigure("sweep_"+key, sm.Title+" against "+param+": mean over seeds with its 95 % confidence interval", p))
	}
	return figs, nil
}

func addBand(p *plot.Plot, band plotter.XYs, i int) error {
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return err
	}
	r, g, b, _ := colour(i).RGBA()
	poly.Color = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 50}
	poly.LineStyle.Width = 0
	p.Add(poly)
	return nil
}

func sweepMetricIndex(key string) int {
	for i, m := range SweepMetrics {
		if m.Key == key {
			return i
		}
	}
	panic("reports: unknown sweep metric " + key)
}
