package scenarios

import (
	"context"
	"testing"

	"github.com/ecsim/ecsim/models"
)

// exampleShortening keeps each example's end-to-end test to a few seconds
// under -race: overrides applied before running (the files stay as
// shipped). Sweeps run a sample of their runs.
var exampleShortening = map[string][][2]any{
	"large-cluster": {
		{"duration", "6h"},
		{"service_groups.ec2-api.count", 12},
		{"service_groups.fargate-web.count", 6},
		{"service_groups.ec2-internal.count", 3},
		{"providers.ec2.desired_size", 4},
	},
	"web-ec2-vs-fargate": {{"duration", "2d"}},
	"replay-trace":       {{"duration", "2d"}},
}

// TestExamplesRunEndToEnd loads every example, builds every variant (and a
// sample of sweep runs) and runs it with the invariant checks on.
func TestExamplesRunEndToEnd(t *testing.T) {
	list := List()
	if len(list) < 8 {
		t.Fatalf("%d examples, want at least 8", len(list))
	}
	if list[0].Name != DefaultExample {
		t.Errorf("first example %q, want the default %q", list[0].Name, DefaultExample)
	}
	for _, ex := range list {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			s, err := Get(ex.Name)
			if err != nil {
				t.Fatal(err)
			}
			if ex.Description == "" {
				t.Error("no description")
			}
			for _, o := range exampleShortening[ex.Name] {
				if s, err = s.Override(o[0].(string), o[1]); err != nil {
					t.Fatalf("override %v: %v", o, err)
				}
			}
			for _, r := range sampleRuns(s.Runs()) {
				cfg, err := s.BuildRun(r)
				if err != nil {
					t.Fatalf("%s: %v", r.Name, err)
				}
				cfg.Check = true
				res, err := models.Run(context.Background(), cfg)
				if err != nil {
					t.Fatalf("%s: %v", r.Name, err)
				}
				if res.Cost.TotalUSD <= 0 || res.TasksStarted == 0 {
					t.Errorf("%s: cost %.2f USD, %d tasks started: the example does nothing", r.Name, res.Cost.TotalUSD, res.TasksStarted)
				}
				t.Logf("%-28s cost %8.2f USD  tasks %5d  instances %4d  scale out/in %d/%d  SLO min %.0f  p95 %.3fs",
					r.Name, res.Cost.TotalUSD, res.TasksStarted, res.InstancesLaunched, res.ServiceScaleOuts, res.ServiceScaleIns, res.SLOMinutes, res.P95)
			}
		})
	}
}

// sampleRuns keeps the first run of every group and the first group's
// seeds, so a 50-run sweep costs a handful of runs in tests.
func sampleRuns(runs []Run) []Run {
	if len(runs) <= 6 {
		return runs
	}
	var out []Run
	seen := map[string]bool{}
	for _, r := range runs {
		if !seen[r.Group] || r.Group == runs[0].Group && len(out) < 3 {
			out = append(out, r)
		}
		seen[r.Group] = true
	}
	return out
}
