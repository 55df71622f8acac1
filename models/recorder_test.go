package models

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/models/workload"
)

// threeServices is baseConfig with three alike services of different
// demand, so the per-service series and the totals have something to sum.
func threeServices(t *testing.T) Config {
	t.Helper()
	cfg := baseConfig(t)
	cfg.Duration = 6 * time.Hour
	tmpl := cfg.Services[0]
	cfg.Services = nil
	for i := range 3 {
		s := tmpl
		s.Name = fmt.Sprintf("web-%d", i)
		s.Workload = diurnalWeb(t, 100+100*float64(i))
		cfg.Services = append(cfg.Services, s)
	}
	return cfg
}

// TestServiceSeriesLimit: services beyond the limit get no series of
// their own, the totals sum every service bucket by bucket, and nothing
// else in the result changes.
func TestServiceSeriesLimit(t *testing.T) {
	full := threeServices(t)
	full.ServiceSeriesLimit = 3
	limited := threeServices(t)
	limited.ServiceSeriesLimit = 2
	rf, rl := mustRun(t, full), mustRun(t, limited)

	if rf.Series.Find("total_running_tasks") != nil {
		t.Error("totals recorded although every service has its series")
	}
	for i, s := range []string{"web-0", "web-1", "web-2"} {
		got := rl.Series.Find("running_tasks", series.Label{Key: "service", Value: s}) != nil
		if want := i < 2; got != want {
			t.Errorf("service %s has series: %v, want %v", s, got, want)
		}
	}
	for _, c := range []struct {
		total, each string
		tol         float64
	}{
		{"total_desired_tasks", "desired_tasks", 0}, {"total_running_tasks", "running_tasks", 0},
		{"total_pending_tasks", "pending_tasks", 0}, {"total_demand", "demand", 1e-12},
		{"total_capacity", "capacity", 1e-12}, {"total_dropped_requests", "dropped_requests", 1e-12},
	} {
		total := rl.Series.Find(c.total)
		if total == nil {
			t.Fatalf("no %s series", c.total)
		}
		parts := rf.Series.Named(c.each)
		if len(parts) != 3 {
			t.Fatalf("%d %s series in the full run, want 3", len(parts), c.each)
		}
		for b, v := range total.Values {
			sum := 0.0
			for _, p := range parts {
				sum += p.Values[b]
			}
			if math.Abs(v-sum) > c.tol*math.Max(1, math.Abs(sum)) {
				t.Fatalf("%s bucket %d = %v, the services sum to %v", c.total, b, v, sum)
			}
		}
	}
	rf.Series, rl.Series = nil, nil
	if !reflect.DeepEqual(rf, rl) {
		t.Error("the series limit changed the summary figures")
	}
}

// TestServiceSeriesLimitBadConfig: a negative limit is an error naming it.
func TestServiceSeriesLimitBadConfig(t *testing.T) {
	cfg := baseConfig(t)
	cfg.ServiceSeriesLimit = -1
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "service_series_limit") {
		t.Fatalf("error %v, want one naming service_series_limit", err)
	}
}

// TestExactLatencyAgrees: the shared quantile table moves the latency
// figures by less than its bound and nothing else.
func TestExactLatencyAgrees(t *testing.T) {
	cfg := baseConfig(t)
	table := mustRun(t, cfg)
	cfg.ExactLatency = true
	exact := mustRun(t, cfg)
	rel := func(a, b float64) float64 { return math.Abs(a-b) / math.Max(math.Abs(b), 1e-300) }
	t.Logf("p95 %.12g s with the table, %.12g s exact", table.P95, exact.P95)
	if e := rel(table.P95, exact.P95); e > workload.QuantileTableMaxRelError {
		t.Errorf("p95 %v with the table, %v exact (rel err %.3g)", table.P95, exact.P95, e)
	}
	for i := range exact.Services {
		ts, es := &table.Services[i], &exact.Services[i]
		if e := max(rel(ts.P95, es.P95), rel(ts.MaxP95, es.MaxP95)); e > workload.QuantileTableMaxRelError {
			t.Errorf("service %s: p95 %v / max %v with the table, %v / %v exact", es.Name, ts.P95, ts.MaxP95, es.P95, es.MaxP95)
		}
		ts.P95, ts.MaxP95 = es.P95, es.MaxP95
	}
	table.P95, table.Series, exact.Series = exact.P95, nil, nil
	if !reflect.DeepEqual(table, exact) {
		t.Error("the quantile table changed more than the latency figures")
	}
}
