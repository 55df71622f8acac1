package reports

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/reports/table"
)

// ComparisonSchema identifies the layout of Comparison's JSON.
const ComparisonSchema = "ecsim.compare/v1"

// Comparison sets runs side by side: every headline metric of each run,
// and its change against the first run (the baseline), absolute and in
// percent.
type Comparison struct {
	Schema   string    `json:"schema"`   // ComparisonSchema
	Baseline string    `json:"baseline"` // label of the first run
	Labels   []string  `json:"labels"`   // every run, baseline first
	Metrics  []Compare `json:"metrics"`  // in summary column order
}

// Compare is one metric across runs. Slices are indexed like
// Comparison.Labels; a null value is a figure the run does not have, a
// null delta one that cannot be formed (either value missing), and a null
// percentage one against a baseline of zero.
type Compare struct {
	Key       string     `json:"key"` // the summary CSV key, e.g. "cost_usd"
	Title     string     `json:"title"`
	Unit      string     `json:"unit"`
	Values    []*float64 `json:"values"`
	Deltas    []*float64 `json:"deltas"`    // value − baseline
	DeltaPcts []*float64 `json:"delta_pct"` // 100 × (value − baseline) / |baseline|

	decimals int
}

// CompareResults compares runs, the first being the baseline. The runs may
// come from different scenarios (labels then read "scenario/variant").
func CompareResults(results ...*models.Result) (*Comparison, error) {
	if len(results) == 0 {
		return nil, errors.New("reports: comparison of no results")
	}
	s, err := Summarize(results...)
	if err != nil {
		return nil, err
	}
	return CompareSummary(s), nil
}

// CompareSummary compares the variants of a summary, the first being the
// baseline.
func CompareSummary(s *Summary) *Comparison {
	c := &Comparison{Schema: ComparisonSchema, Baseline: s.Variants[0].Label}
	for _, v := range s.Variants {
		c.Labels = append(c.Labels, v.Label)
	}
	for _, m := range headline() {
		row := Compare{Key: m.key, Title: m.title, Unit: m.unit, decimals: m.decimals}
		base, baseOK := m.value(&s.Variants[0])
		for i := range s.Variants {
			x, ok := m.value(&s.Variants[i])
			var val, d, pct *float64
			if ok {
				val = ptr(x)
			}
			if ok && baseOK {
				d = ptr(x - base)
				switch {
				case base != 0:
					pct = ptr(100 * (x - base) / math.Abs(base))
				case x == 0:
					pct = ptr(0)
				}
			}
			row.Values = append(row.Values, val)
			row.Deltas = append(row.Deltas, d)
			row.DeltaPcts = append(row.DeltaPcts, pct)
		}
		c.Metrics = append(c.Metrics, row)
	}
	return c
}

// Table returns the comparison as a table: a row per metric, the
// baseline's value, then each other run's value, delta and delta %.
func (c *Comparison) Table() *table.Table {
	cols := []table.Column{{Key: "metric", Title: "metric"}, {Key: "unit", Title: "unit"},
		{Key: csvKey(c.Labels[0]), Title: c.Labels[0], Unit: "baseline", Align: table.Right}}
	for _, l := range c.Labels[1:] {
		k := csvKey(l)
		cols = append(cols,
			table.Column{Key: k, Title: l, Unit: "value", Align: table.Right},
			table.Column{Key: k + "_delta", Title: l, Unit: "Δ", Align: table.Right},
			table.Column{Key: k + "_delta_pct", Title: l, Unit: "Δ %", Align: table.Right})
	}
	t := table.New("Comparison against "+c.Baseline, cols...)
	for _, m := range c.Metrics {
		row := []table.Cell{table.Str(m.Title), table.Str(m.Unit), optCell(m.Values[0], m.decimals, false)}
		for i := 1; i < len(c.Labels); i++ {
			row = append(row, optCell(m.Values[i], m.decimals, false),
				optCell(m.Deltas[i], m.decimals, true), optCell(m.DeltaPcts[i], 1, true))
		}
		t.Add(row...)
	}
	t.Note("Δ: value − %s; Δ %%: relative to %s (%s where a value is missing or the baseline is zero).", c.Baseline, c.Baseline, table.Dash)
	return t
}

// Write renders the comparison in format f (CSV and JSON hold full
// precision).
func (c *Comparison) Write(w io.Writer, f Format) error {
	var err error
	switch f {
	case Text:
		err = c.Table().WriteText(w)
	case Markdown:
		err = c.Table().WriteMarkdown(w)
	case JSON:
		err = writeJSON(w, c)
	case CSV:
		err = c.Table().WriteCSV(w)
	default:
		err = fmt.Errorf("unknown format %v", f)
	}
	if err != nil {
		return fmt.Errorf("reports: comparison as %v: %w", f, err)
	}
	return nil
}

func optCell(p *float64, decimals int, signed bool) table.Cell {
	switch {
	case p == nil:
		return table.None()
	case signed:
		return table.Signed(*p, decimals)
	}
	return table.Float(*p, decimals)
}

// csvKey turns a label into a CSV column key: letters and digits kept,
// everything else "_".
func csvKey(label string) string {
	b := []byte(label)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}
