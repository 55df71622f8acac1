package reports

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/ecsim/ecsim/models/placebench"
)

// PlaceBenchFigures plots a placement benchmark: the fleet size of each
// strategy chain over the operations, and the stranded CPU and memory
// (unreserved shares of the fleet in use) as bars per chain.
func PlaceBenchFigures(res []placebench.Result, ops int) ([]*Figure, error) {
	if len(res) == 0 {
		return nil, nil
	}
	fleet := newPlot("Instances in use by placement strategy chain", "instances")
	fleet.X.Label.Text = "operations (task placements and stops)"
	for i, r := range res {
		n := len(r.InstancesOverTime)
		xy := make(plotter.XYs, n)
		for j, v := range r.InstancesOverTime {
			xy[j] = plotter.XY{X: float64(ops) * float64(j+1) / float64(n), Y: float64(v)}
		}
		line, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		line.LineStyle = lineStyle(i, i/7) // a second dash pattern once the seven colours repeat
		fleet.Add(line)
		fleet.Legend.Add(r.Chain, line)
	}
	fromZero(fleet, len(res))

	stranded := newPlot("Stranded capacity by placement strategy chain", "unreserved share of the fleet in use (%)")
	w := barWidth(len(res), 2)
	for k, what := range []struct {
		name string
		of   func(placebench.Result) float64
	}{{"CPU", func(r placebench.Result) float64 { return r.StrandedCPU }}, {"memory", func(r placebench.Result) float64 { return r.StrandedMemory }}} {
		vals := make(plotter.Values, len(res))
		for i, r := range res {
			vals[i] = 100 * what.of(r)
		}
		bars, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		bars.Color = colour(k)
		bars.LineStyle.Width = 0
		bars.Offset = w * vg.Length(float64(k)-0.5)
		stranded.Add(bars)
		stranded.Legend.Add(what.name, bars)
	}
	names := make([]string, len(res))
	for i, r := range res {
		names[i] = strings.ReplaceAll(r.Chain, ",", ",\n") // chains on two lines, so labels do not collide
	}
	stranded.NominalX(names...)
	fromZero(stranded, 2)
	return []*Figure{
		newFigure("placement_instances", fmt.Sprintf("Fleet size over %d operations, per strategy chain", ops), fleet),
		newFigure("placement_stranded", "Unreserved CPU and memory on the instances in use, averaged over the run", stranded),
	}, nil
}
