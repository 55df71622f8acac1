package reports

import (
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/models"
)

// Figures builds every figure of a report on results (variants of one
// scenario, in order): cumulative cost, cost per hour, total cost by kind
// and hours as bars across variants; then per variant its tasks and
// instances, its EC2 capacity (when it ran EC2 instances) and its demand
// and latency (when a service had a workload), and its totals over every
// service (when service_series_limit left services without series of
// their own). Figures without data are
// left out. Names are unique file stems.
func Figures(results []*models.Result) ([]*Figure, error) {
	labels, err := Labels(results)
	if err != nil {
		return nil, err
	}
	var out []*Figure
	for _, build := range []func([]*models.Result, []string) (*Figure, error){
		costCumulativeFigure, costRateFigure, costBarsFigure, hoursBarsFigure,
	} {
		f, err := build(results, labels)
		if err != nil {
			return nil, fmt.Errorf("reports: %w", err)
		}
		if f != nil {
			out = append(out, f)
		}
	}
	stems := FileStems(labels)
	for i, r := range results {
		rp := runPlot{r: r, label: labels[i]}
		for _, build := range []func(string) (*Figure, error){rp.tasksFigure, rp.capacityFigure, rp.demandFigure, rp.totalsFigure} {
			f, err := build(stems[i])
			if err != nil {
				return nil, fmt.Errorf("reports: figures of %s: %w", labels[i], err)
			}
			if f != nil {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// FileStems turns labels into distinct file-name stems: lower case ASCII
// letters, digits, "-" and "_" ("fargate/Spot 2" becomes
// "fargate_spot_2"), prefixed "v_" when the result would be empty or
// clash with a cross-variant figure, and numbered when two clash.
func FileStems(labels []string) []string {
	reserved := map[string]bool{"cost_cumulative": true, "cost_rate": true, "cost_bars": true, "hours_bars": true}
	used := map[string]bool{}
	out := make([]string, len(labels))
	for i, l := range labels {
		var b strings.Builder
		for _, r := range strings.ToLower(l) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
				b.WriteRune(r)
			default:
				b.WriteByte('_')
			}
		}
		base := strings.Trim(b.String(), "_")
		if base == "" || reserved[base] || strings.HasPrefix(base, "summary") || base == "index" || strings.HasPrefix(base, "timeseries") {
			base = "v_" + base
		}
		stem := base
		for n := 2; used[stem]; n++ {
			stem = fmt.Sprintf("%s_%d", base, n)
		}
		used[stem] = true
		out[i] = stem
	}
	return out
}
