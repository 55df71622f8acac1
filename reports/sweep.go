package reports

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/reports/table"
)

// SweepSchema names the JSON of sweep records and shard files.
const SweepSchema = "ecsim.sweep/v1"

// SweepParam is one swept key's value in a run, as text.
type SweepParam struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Number is the value when it is numeric (plots use it as x).
	Number *float64 `json:"number,omitempty"`
}

// SweepRun is one run of a sweep: who it is and its headline figures.
// It is what a shard writes, so merged shards aggregate exactly like a
// single-machine sweep.
type SweepRun struct {
	Index   int          `json:"index"`
	Name    string       `json:"name"`
	Group   string       `json:"group"`
	Variant string       `json:"variant"`
	Params  []SweepParam `json:"params"`
	Seed    uint64       `json:"seed"`
	Metrics []float64    `json:"metrics"` // in SweepMetrics order
}

// SweepMetric is one aggregated figure.
type SweepMetric struct {
	Key, Title, Unit string
	of               func(*models.Result) float64
}

// SweepMetrics are the figures a sweep aggregates over seeds.
var SweepMetrics = []SweepMetric{
	{"cost_usd", "cost", "USD", func(r *models.Result) float64 { return r.Cost.TotalUSD }},
	{"instance_hours", "instance hours", "h", func(r *models.Result) float64 { return r.InstanceHours }},
	{"task_hours", "task hours", "h", func(r *models.Result) float64 { return r.TaskHours }},
	{"slo_minutes", "SLO breach", "min", func(r *models.Result) float64 { return r.SLOMinutes }},
	{"p95_ms", "p95", "ms", func(r *models.Result) float64 { return 1000 * r.P95 }},
	{"dropped_requests", "dropped", "requests", func(r *models.Result) float64 { return r.Dropped }},
	{"scaling_actions", "scaling actions", "", func(r *models.Result) float64 { return float64(r.ScalingActions) }},
	{"reserved_cpu_pct", "CPU reserved", "%", func(r *models.Result) float64 { return 100 * r.ReservedCPUShare }},
}

// NewSweepRun records one finished run.
func NewSweepRun(index int, name, group, variant string, params []SweepParam, seed uint64, r *models.Result) SweepRun {
	m := make([]float64, len(SweepMetrics))
	for i, sm := range SweepMetrics {
		m[i] = sm.of(r)
	}
	return SweepRun{Index: index, Name: name, Group: group, Variant: variant, Params: params, Seed: seed, Metrics: m}
}

// SweepShard is the file a shard writes: its runs of a sweep of Total runs.
type SweepShard struct {
	Schema   string     `json:"schema"`
	Scenario string     `json:"scenario"`
	Total    int        `json:"total"`
	Shard    int        `json:"shard"`
	Shards   int        `json:"shards"`
	Runs     []SweepRun `json:"runs"`
}

// WriteSweepShard writes a shard file's JSON.
func WriteSweepShard(w io.Writer, s *SweepShard) error {
	s.Schema = SweepSchema
	return writeJSON(w, s)
}

// ReadSweepShard decodes a shard file.
func ReadSweepShard(r io.Reader) (*SweepShard, error) {
	var s SweepShard
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	if s.Schema != SweepSchema {
		return nil, fmt.Errorf("schema %q, want %q", s.Schema, SweepSchema)
	}
	return &s, nil
}

// MergeSweepShards combines shards of one sweep into its runs in index
// order, checking that together they hold every run exactly once.
func MergeSweepShards(shards []*SweepShard) (scenario string, runs []SweepRun, err error) {
	if len(shards) == 0 {
		return "", nil, errors.New("no shard files")
	}
	first := shards[0]
	seen := make([]bool, first.Total)
	for _, s := range shards {
		if s.Scenario != first.Scenario || s.Total != first.Total {
			return "", nil, fmt.Errorf("shard %d/%d is of %q with %d runs, not %q with %d", s.Shard, s.Shards, s.Scenario, s.Total, first.Scenario, first.Total)
		}
		for _, r := range s.Runs {
			if r.Index < 0 || r.Index >= first.Total || seen[r.Index] {
				return "", nil, fmt.Errorf("run %d (%s) is out of range or in two shards", r.Index, r.Name)
			}
			seen[r.Index] = true
			runs = append(runs, r)
		}
	}
	if missing := slices.Index(seen, false); missing >= 0 {
		return "", nil, fmt.Errorf("run %d of %d is in no shard file (a shard is missing)", missing, first.Total)
	}
	slices.SortFunc(runs, func(a, b SweepRun) int { return cmp.Compare(a.Index, b.Index) })
	return first.Scenario, runs, nil
}

// SweepStat is a metric's mean over the seeds of a group with its 95 %
// confidence interval (Student's t; the mean alone for one seed).
type SweepStat struct {
	Mean, StdDev, Low, High float64
}

// SweepGroup is one point of the sweep: runs that differ only in seed.
type SweepGroup struct {
	Group   string
	Variant string
	Params  []SweepParam
	Seeds   int
	Stats   []SweepStat // in SweepMetrics order
}

// AggregateSweep groups runs by Group (in order of first appearance) and
// computes each metric's mean and 95 % confidence interval.
func AggregateSweep(runs []SweepRun) []SweepGroup {
	var groups []SweepGroup
	idx := map[string]int{}
	var values [][][]float64 // group, metric, seed
	for _, r := range runs {
		g, ok := idx[r.Group]
		if !ok {
			g = len(groups)
			idx[r.Group] = g
			groups = append(groups, SweepGroup{Group: r.Group, Variant: r.Variant, Params: r.Params})
			values = append(values, make([][]float64, len(SweepMetrics)))
		}
		groups[g].Seeds++
		for m, v := range r.Metrics {
			values[g][m] = append(values[g][m], v)
		}
	}
	for g := range groups {
		for _, xs := range values[g] {
			groups[g].Stats = append(groups[g].Stats, meanCI(xs))
		}
	}
	return groups
}

func meanCI(xs []float64) SweepStat {
	mean, sd := stat.MeanStdDev(xs, nil)
	s := SweepStat{Mean: mean, Low: mean, High: mean}
	if len(xs) < 2 || math.IsNaN(sd) {
		return s
	}
	s.StdDev = sd
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(len(xs)))
	s.Low, s.High = mean-half, mean+half
	return s
}

// SweepTable tabulates the groups: parameters, seeds, and each metric's
// mean with its 95 % interval.
func SweepTable(scenario string, groups []SweepGroup) *table.Table {
	cols := []table.Column{{Key: "group", Title: "run", Align: table.Left}, {Key: "seeds", Title: "seeds", Align: table.Right}}
	for _, m := range SweepMetrics {
		cols = append(cols,
			table.Column{Key: m.Key + "_mean", Title: m.Title, Unit: m.Unit, Align: table.Right},
			table.Column{Key: m.Key + "_ci95", Title: "±95%", Unit: m.Unit, Align: table.Right})
	}
	t := table.New("Sweep: "+scenario, cols...)
	for _, g := range groups {
		cells := []table.Cell{table.Str(g.Group), table.Int(g.Seeds)}
		for _, st := range g.Stats {
			cells = append(cells, table.Float(st.Mean, 2), table.Float((st.High-st.Low)/2, 2))
		}
		t.Add(cells...)
	}
	t.Note("means over seeds; ±95%%: half-width of the 95%% confidence interval of the mean (Student's t)")
	return t
}

// WriteSweep writes the sweep table; JSON gives the groups.
func WriteSweep(w io.Writer, scenario string, groups []SweepGroup, f Format) error {
	t := SweepTable(scenario, groups)
	switch f {
	case Text:
		return t.WriteText(w)
	case Markdown:
		return t.WriteMarkdown(w)
	case CSV:
		return t.WriteCSV(w)
	case JSON:
		type jsonGroup struct {
			Group   string            `json:"group"`
			Variant string            `json:"variant"`
			Params  []SweepParam      `json:"params"`
			Seeds   int               `json:"seeds"`
			Metrics map[string]jsonCI `json:"metrics"`
		}
		out := struct {
			Schema   string      `json:"schema"`
			Scenario string      `json:"scenario"`
			Groups   []jsonGroup `json:"groups"`
		}{Schema: SweepSchema, Scenario: scenario}
		for _, g := range groups {
			jg := jsonGroup{Group: g.Group, Variant: g.Variant, Params: g.Params, Seeds: g.Seeds, Metrics: map[string]jsonCI{}}
			for i, st := range g.Stats {
				jg.Metrics[SweepMetrics[i].Key] = jsonCI(st)
			}
			out.Groups = append(out.Groups, jg)
		}
		return writeJSON(w, out)
	}
	return fmt.Errorf("unknown format %v", f)
}

type jsonCI struct {
	Mean   float64 `json:"mean"`
	StdDev float64 `json:"stddev"`
	Low    float64 `json:"ci95_low"`
	High   float64 `json:"ci95_high"`
}
