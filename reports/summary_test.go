package reports

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models"
)

func TestLabels(t *testing.T) {
	r := func(name, variant string) *models.Result { return &models.Result{Name: name, Variant: variant} }
	tests := []struct {
		name string
		in   []*models.Result
		want []string
	}{
		{"variants", []*models.Result{r("web", "ec2"), r("web", "fargate")}, []string{"ec2", "fargate"}},
		{"no variant", []*models.Result{r("web", "")}, []string{"web"}},
		{"nothing", []*models.Result{r("", "")}, []string{"run"}},
		{"two scenarios", []*models.Result{r("a", "ec2"), r("b", "ec2"), r("b", "")}, []string{"a/ec2", "b/ec2", "b"}},
		{"duplicates", []*models.Result{r("w", "x"), r("w", "x"), r("w", "x#2")}, []string{"x", "x#2", "x#2#2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Labels(tt.in)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Labels = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Labels([]*models.Result{r("a", ""), nil}); err == nil || !strings.Contains(err.Error(), "results[1]") {
		t.Errorf("nil result: error %v", err)
	}
}

// TestSummaryProperties runs the scenario for several seeds and lengths
// and checks what must hold of any summary: the cheapest is the minimum,
// rates agree with totals, shares are percentages, JSON round-trips and
// CSV is rectangular.
func TestSummaryProperties(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		var rs []*models.Result
		for _, v := range variants {
			cfg := scenarioConfig(t, v, time.Duration(seed)*5*time.Hour)
			cfg.Seed = seed
			r, err := models.Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, r)
		}
		s, err := Summarize(rs...)
		if err != nil {
			t.Fatal(err)
		}
		checkSummary(t, s, rs)
	}
}

func checkSummary(t *testing.T, s *Summary, rs []*models.Result) {
	t.Helper()
	marked := 0
	for i, v := range s.Variants {
		if v.Cheapest {
			marked++
			if s.Cheapest != v.Label {
				t.Errorf("Cheapest %q, marked %q", s.Cheapest, v.Label)
			}
		}
		if v.CostUSD < s.Variants[indexOf(s, s.Cheapest)].CostUSD {
			t.Errorf("%s costs %v, less than the cheapest", v.Label, v.CostUSD)
		}
		if h := rs[i].Duration.Hours(); math.Abs(v.CostUSDPerHour*h-v.CostUSD) > 1e-9*v.CostUSD {
			t.Errorf("%s: %v USD/h × %v h ≠ %v USD", v.Label, v.CostUSDPerHour, h, v.CostUSD)
		}
		sum := v.UnusedUSD
		for _, sv := range v.Services {
			sum += sv.CostUSD
		}
		if math.Abs(sum-v.CostUSD) > 1e-9*math.Max(1, v.CostUSD) {
			t.Errorf("%s: services + unused = %v, total %v", v.Label, sum, v.CostUSD)
		}
		for _, p := range []*float64{v.ReservedCPUPct, v.UsedCPUPct, v.ReservedMemoryPct, v.UsedMemoryPct} {
			if p != nil && (*p < 0 || *p > 100) {
				t.Errorf("%s: share %v outside 0–100", v.Label, *p)
			}
		}
		if (v.ReservedCPUPct == nil) != (v.InstanceHours == 0) {
			t.Errorf("%s: shares present %v with %v instance-hours", v.Label, v.ReservedCPUPct != nil, v.InstanceHours)
		}
	}
	if marked != 1 {
		t.Errorf("%d variants marked cheapest", marked)
	}
	var b bytes.Buffer
	if err := s.Write(&b, JSON); err != nil {
		t.Fatal(err)
	}
	var back Summary
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || !reflect.DeepEqual(normalise(&back), normalise(s)) {
		t.Errorf("JSON does not round-trip: %v", err)
	}
	b.Reset()
	if err := s.Write(&b, CSV); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != len(s.Variants)+1 {
		t.Errorf("CSV: %d records, %v", len(recs), err)
	}
}

// normalise drops what JSON does not carry: the location of times and
// the unexported chart data.
func normalise(s *Summary) *Summary {
	c := *s
	c.Variants = append([]Variant(nil), s.Variants...)
	for i := range c.Variants {
		c.Variants[i].Start = c.Variants[i].Start.UTC()
		c.Variants[i].costCurve = nil
	}
	return &c
}

func indexOf(s *Summary, label string) int {
	for i, v := range s.Variants {
		if v.Label == label {
			return i
		}
	}
	return -1
}

func TestCompareDeltas(t *testing.T) {
	rs := dayResults(t)
	c, err := CompareResults(rs...)
	if err != nil {
		t.Fatal(err)
	}
	cost := c.Metrics[0]
	if cost.Key != "cost_usd" || *cost.Values[0] != rs[0].Cost.TotalUSD {
		t.Fatalf("first metric %+v", cost)
	}
	for i := range rs {
		d := rs[i].Cost.TotalUSD - rs[0].Cost.TotalUSD
		if *cost.Deltas[i] != d || math.Abs(*cost.DeltaPcts[i]-100*d/rs[0].Cost.TotalUSD) > 1e-12 {
			t.Errorf("%s: delta %v (%v %%)", c.Labels[i], *cost.Deltas[i], *cost.DeltaPcts[i])
		}
	}
	for _, m := range c.Metrics {
		if m.Key == "reserved_cpu_pct" && (m.Values[1] != nil || m.Deltas[1] != nil || m.DeltaPcts[1] != nil) {
			t.Errorf("Fargate's EC2 share should be missing: %+v", m)
		}
		if m.Key == "placement_failures" && (m.DeltaPcts[1] == nil || *m.DeltaPcts[1] != 0) {
			t.Errorf("zero against zero should be 0 %%: %+v", m)
		}
	}
	if _, err := CompareResults(); err == nil {
		t.Error("no error comparing nothing")
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	s, err := Summarize(dayResults(t)[:1]...)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(&bytes.Buffer{}, Format(9)); err == nil || !strings.Contains(err.Error(), "Format(9)") {
		t.Errorf("error %v", err)
	}
	if s.Verdict() != "" {
		t.Errorf("a single variant has a verdict: %q", s.Verdict())
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		7 * 24 * time.Hour: "7d", 36 * time.Hour: "36h", 90 * time.Minute: "1h30m", 45 * time.Minute: "45m",
		30 * time.Second: "30s", 25*time.Hour + 30*time.Minute: "25h30m",
	} {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{"text", "MD", " json ", "csv", "yaml", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseFormat(s)
		if err != nil {
			if !strings.Contains(err.Error(), "unknown output format") {
				t.Fatalf("error %v", err)
			}
			return
		}
		again, err := ParseFormat(got.String())
		if err != nil || again != got {
			t.Fatalf("%q parsed as %v, which does not round-trip: %v", s, got, err)
		}
	})
}
