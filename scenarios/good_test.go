package scenarios

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ecsim/ecsim/models"
)

// TestGoodScenarios loads the feature scenarios of testdata/good and runs
// every run with the invariant checks on.
func TestGoodScenarios(t *testing.T) {
	files, _ := filepath.Glob("testdata/good/*.toml")
	if len(files) == 0 {
		t.Fatal("no good scenarios")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range s.Warnings() {
				t.Logf("warning: %s", w)
			}
			for _, r := range s.Runs() {
				cfg, err := s.BuildRun(r)
				if err != nil {
					t.Fatal(err)
				}
				cfg.Check = true
				res, err := models.Run(context.Background(), cfg)
				if err != nil {
					t.Fatalf("%s: %v", r.Name, err)
				}
				t.Logf("%s: cost %.2f USD, %d tasks, %d scaling actions, %d Spot interruptions", r.Name,
					res.Cost.TotalUSD, res.TasksStarted, res.ScalingActions, res.SpotInterruptions)
			}
		})
	}
}

// TestConcurrentBuilds builds runs of one scenario from many goroutines
// (run with -race): a loaded Scenario is read-only.
func TestConcurrentBuilds(t *testing.T) {
	s, err := Get("cpu-target-sweep")
	if err != nil {
		t.Fatal(err)
	}
	runs := s.Runs()[:8]
	var wg sync.WaitGroup
	errs := make([]error, len(runs))
	for i, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.BuildRun(r)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("%s: %v", runs[i].Name, err)
		}
	}
}
