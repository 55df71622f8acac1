package reports

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/sim"
)

// svgText renders f as SVG and returns it for text checks.
func svgText(t *testing.T, f *Figure) string {
	t.Helper()
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	return string(svg)
}

func TestFiguresOfTheScenario(t *testing.T) {
	figs, err := Figures(dayResults(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name   string
		panels int
		texts  []string
	}{
		{"cost_cumulative", 1, []string{"Cumulative cost", "cost (USD)", "time (UTC)", "Mon 12:00", "fargate-spot"}},
		{"cost_rate", 1, []string{"Cost per hour (averaged over 1h)", "cost rate (USD/h)"}},
		{"cost_bars", 1, []string{"Total cost by kind", "EC2 On-Demand", "EBS", "Fargate Spot"}},
		{"hours_bars", 1, []string{"EC2 instance-hours", "task-hours", "time (h)"}},
		{"ec2_tasks", 2, []string{"ec2: tasks and instances", "web running", "web desired", "web pending", "ec2 in service", "ec2 launching"}},
		{"ec2_capacity", 2, []string{"CPU (vCPU)", "memory (GiB)", "CPU provisioned (registered)", "memory reserved by tasks"}},
		{"ec2_demand", 3, []string{"requests (req/s)", "web demand", "p95 response time (ms)", "web running"}},
		{"fargate_tasks", 1, []string{"fargate: tasks", "web pending"}},
		{"fargate_demand", 3, []string{"fargate: demand, capacity and latency"}},
		{"fargate-spot_tasks", 1, nil},
		{"fargate-spot_demand", 3, nil},
	}
	if len(figs) != len(want) {
		names := make([]string, len(figs))
		for i, f := range figs {
			names[i] = f.Name
		}
		t.Fatalf("figures %v, want %d", names, len(want))
	}
	for i, w := range want {
		t.Run(w.name, func(t *testing.T) {
			f := figs[i]
			if f.Name != w.name || len(f.Panels) != w.panels || f.Caption == "" {
				t.Fatalf("figure %q with %d panels, want %q with %d", f.Name, len(f.Panels), w.name, w.panels)
			}
			svg := svgText(t, f)
			for _, s := range w.texts {
				if !strings.Contains(svg, ">"+s+"<") {
					t.Errorf("no text %q", s)
				}
			}
		})
	}
}

// synthetic builds a one-provider EC2 run of two hours by hand, with the
// used_cpu/used_memory series when used is set.
func synthetic(t *testing.T, used bool) *models.Result {
	t.Helper()
	rec, err := series.New(series.Config{Start: 0, End: sim.Time(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	l := series.Label{Key: "provider", Value: "ec2"}
	set := func(name, unit string, v float64) {
		g := rec.Gauge(name, unit, series.Mean, l)
		g.Set(0, v)
		g.Set(sim.Time(time.Hour), 2*v)
	}
	set("instances", "instances", 1)
	set("registered_cpu", "CPU units", 2048)
	set("reserved_cpu", "CPU units", 1024)
	set("registered_memory", "MiB", 8000)
	set("reserved_memory", "MiB", 2048)
	if used {
		set(usedCPUSeries, "CPU units", 512)
		set(usedMemorySeries, "MiB", 1000)
	}
	return &models.Result{Name: "syn", Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Duration: 2 * time.Hour,
		Providers: []models.ProviderResult{{Name: "ec2", Kind: "EC2"}}, Series: rec.Close()}
}

func TestCapacityFigureDrawsUsedWhenRecorded(t *testing.T) {
	for _, used := range []bool{false, true} {
		f, err := runPlot{r: synthetic(t, used), label: "syn"}.capacityFigure("syn")
		if err != nil || f == nil {
			t.Fatalf("capacity figure: %v, %v", f, err)
		}
		svg := svgText(t, f)
		for _, s := range []string{"CPU used by tasks", "memory used by tasks"} {
			if got := strings.Contains(svg, ">"+s+"<"); got != used {
				t.Errorf("used series recorded %v: legend %q present %v", used, s, got)
			}
		}
	}
}

// TestStepViewIsExact checks that the step view keeps exactly the change
// points: rebuilding the step function from it gives every bucket back.
func TestStepViewIsExact(t *testing.T) {
	r := synthetic(t, false)
	for _, s := range r.Series {
		v := newWallXY(s, r.Start, 1)
		x0 := unixSeconds(r.Start)
		for i := range s.Values {
			at := x0 + s.Time(i).Seconds()
			// The value in force at bucket i is the last kept point at or
			// before its start.
			var got float64
			for k := range v.Len() - 1 {
				if x, y := v.XY(k); x <= at {
					got = y
				}
			}
			if got != s.Values[i] {
				t.Fatalf("%s bucket %d: view gives %v, series %v", s, i, got, s.Values[i])
			}
		}
		if x, y := v.XY(v.Len() - 1); x != x0+s.End.Seconds() || y != s.Values[len(s.Values)-1] {
			t.Errorf("%s: end point (%v, %v)", s, x, y)
		}
		if v.Len() != 3 { // two values, one change, plus the end point
			t.Errorf("%s: %d points, want 3", s, v.Len())
		}
	}
}

// TestCostRateAddsUp checks that the hourly cost rates integrate back to
// the bill: Σ rate × period length = total cost.
func TestCostRateAddsUp(t *testing.T) {
	for _, r := range dayResults(t) {
		s := r.Series.Find("cost_cumulative")
		pts, period := costRate(r, s)
		if period != time.Hour || len(pts) != 25 {
			t.Fatalf("%s: period %v, %d points", r.Variant, period, len(pts))
		}
		sum := 0.0
		for i := 0; i+1 < len(pts); i++ {
			sum += pts[i].Y * (pts[i+1].X - pts[i].X) / 3600
		}
		if math.Abs(sum-r.Cost.TotalUSD) > 1e-9*r.Cost.TotalUSD {
			t.Errorf("%s: rates add up to %v, bill %v", r.Variant, sum, r.Cost.TotalUSD)
		}
	}
}

func TestWallTicker(t *testing.T) {
	tests := []struct {
		name     string
		zone     string
		span     time.Duration
		step     time.Duration
		first    string
		format   string
		wantTick string
	}{
		{"day in UTC", "UTC", 24 * time.Hour, 3 * time.Hour, "2026-03-02T00:00:00Z", "Mon 15:04", "Mon 03:00"},
		{"hour", "UTC", time.Hour, 10 * time.Minute, "2026-03-02T00:00:00Z", "Mon 15:04", "Mon 00:10"},
		{"week in Kolkata", "Asia/Kolkata", 7 * 24 * time.Hour, 24 * time.Hour, "2026-03-02T00:00:00+05:30", "Mon 2 Jan", "Tue 3 Mar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Skip(err)
			}
			from := time.Date(2026, 3, 2, 0, 0, 0, 0, loc)
			if got := tickStep(tt.span); got != tt.step {
				t.Fatalf("tickStep(%v) = %v, want %v", tt.span, got, tt.step)
			}
			p := plot.New()
			timeAxis(p, from, from.Add(tt.span))
			ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
			var labels []string
			for _, tk := range ticks {
				if tk.Label == "" {
					continue
				}
				at := time.Unix(int64(tk.Value), 0).In(loc)
				if at.Sub(from)%tt.step != 0 {
					t.Errorf("tick at %v is not on a %v boundary", at, tt.step)
				}
				labels = append(labels, tk.Label)
			}
			if from.Format(time.RFC3339) != tt.first || len(labels) < 2 || labels[1] != tt.wantTick || len(labels) > 9 {
				t.Errorf("labels %q", labels)
			}
		})
	}
}

func TestFileStems(t *testing.T) {
	got := FileStems([]string{"ec2", "EC2", "fargate/Spot 2", "cost_rate", "", "index", "a/b", "a_b"})
	want := []string{"ec2", "ec2_2", "fargate_spot_2", "v_cost_rate", "v_", "v_index", "a_b", "a_b_2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("stem %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestFigurePNGIsDeterministic(t *testing.T) {
	figs, err := Figures(dayResults(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	a, err := figs[0].PNG()
	if err != nil {
		t.Fatal(err)
	}
	figs2, _ := Figures(dayResults(t)[:1])
	b, err := figs2[0].PNG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("\x89PNG\r\n\x1a\n")) {
		t.Error("two renders of the same figure differ, or it is not a PNG")
	}
}

// TestLightLineLaysOutLikeLine renders figures with gonum's own lines and
// with lightLine and demands the same SVG: keeping only the extreme glyph
// boxes must not move anything.
func TestLightLineLaysOutLikeLine(t *testing.T) {
	figs, err := Figures(dayResults(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		light := svgText(t, f)
		for _, p := range f.Panels {
			unwrapLines(p)
		}
		if heavy := svgText(t, f); heavy != light {
			t.Errorf("%s: layout differs with gonum's glyph boxes", f.Name)
		}
	}
	a := goldenBreakEven(t)
	f, err := BreakEvenFigure(a, "")
	if err != nil {
		t.Fatal(err)
	}
	light := svgText(t, f)
	for _, p := range f.Panels {
		unwrapLines(p)
	}
	if heavy := svgText(t, f); heavy != light {
		t.Error("break-even: layout differs with gonum's glyph boxes")
	}
}

func TestSpreadRows(t *testing.T) {
	a := goldenBreakEven(t)
	got := spreadRows(a.Rows, 6)
	var names []string
	for _, r := range got {
		names = append(names, r.InstanceType)
	}
	want := []string{"m6i.large", "m6i.2xlarge", "m6i.8xlarge", "m7g.medium", "m7g.xlarge", "m7g.4xlarge"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("spread rows %v, want %v", names, want)
	}
	if len(spreadRows(a.Rows[:3], 6)) != 3 {
		t.Error("fewer rows than the limit should all be kept")
	}
}

// TestTotalsFigure: a run whose service_series_limit leaves a service
// without series gets a figure of the totals over every service, and the
// per-service figures draw only the services that have series.
func TestTotalsFigure(t *testing.T) {
	cfg := scenarioConfig(t, "fargate", 3*time.Hour)
	api := cfg.Services[0]
	api.Name = "api"
	cfg.Services = append(cfg.Services, api)
	cfg.ServiceSeriesLimit = 1
	r, err := models.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	figs, err := Figures([]*models.Result{r})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Figure{}
	for _, f := range figs {
		byName[f.Name] = f
	}
	tot := byName["fargate_totals"]
	if tot == nil || len(tot.Panels) != 2 {
		t.Fatalf("totals figure %v", tot)
	}
	svg := svgText(t, tot)
	for _, s := range []string{"fargate: all 2 services", "all services demand", "all services capacity at 100 % CPU",
		"all services running", "all services desired", "all services pending"} {
		if !strings.Contains(svg, ">"+s+"<") {
			t.Errorf("totals figure: no text %q", s)
		}
	}
	tasks := svgText(t, byName["fargate_tasks"])
	if !strings.Contains(tasks, ">web running<") || strings.Contains(tasks, ">api running<") {
		t.Error("tasks figure should draw web, which has series, and not api, which has none")
	}
	// Without a limit that bites there are no totals and no such figure.
	cfg.ServiceSeriesLimit = 2
	if r, err = models.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	f, err := runPlot{r: r, label: "fargate"}.totalsFigure("fargate")
	if err != nil || f != nil {
		t.Fatalf("totals figure without totals: %v, %v", f, err)
	}
}
