package models

import (
	"context"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/sim"
)

// busyWorker is a 10-task worker service at 90 % utilisation (90 msg/s,
// 10 per task, 2 at a time) whose arrivals fall to 40 msg/s at 1 h, when its
// desired count drops to 4 (the tests set it).
func busyWorker(t *testing.T, protect bool, launch string) Config {
	t.Helper()
	cfg := baseConfig(t)
	cfg.Duration = 2 * time.Hour
	cfg.Resolution = time.Minute
	cfg.Providers[0].DesiredSize = 4
	s := &cfg.Services[0]
	s.Workload, s.Scaling, s.DesiredCount, s.ProtectWhileBusy = nil, nil, 10, protect
	if launch != "" {
		s.CapacityProviderStrategy, s.LaunchType = nil, launch
	}
	arr, err := workload.NewSteps(workload.StepsConfig{Initial: 90, Steps: []workload.Step{{At: testStart.Add(time.Hour), Value: 40}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Worker = &workload.WorkerConfig{Arrivals: arr, Queue: workload.QueueConfig{Concurrency: 2},
		Task: workload.TaskProfile{CPU: 512, CapacityPerSecond: 10, MemoryReservation: 1024, BaseMemory: 200}}
	return cfg
}

// TestScaleInProtectionHoldsOffScaleIn: when a busy worker service scales
// in from 10 to 4 tasks, protected tasks (at 40 % utilisation each is busy
// with probability 1 − 0.6² = 0.64, redrawn every minute) are not stopped,
// so the scale-in waits for tasks to fall idle; without protection it is
// done at the first scheduler pass. Either way it completes, and no
// protected task is ever stopped by it.
func TestScaleInProtectionHoldsOffScaleIn(t *testing.T) {
	for _, launch := range []string{"", "FARGATE"} {
		took := map[bool]time.Duration{}
		for _, protect := range []bool{false, true} {
			w, _ := newLogged(t, busyWorker(t, protect, launch))
			s := w.services[0]
			w.eng.At(sim.Time(time.Hour), funcHandler(func() { w.setServiceDesired(s, 4, "test") }), 0)
			done := time.Duration(-1)
			w.probe = func() {
				for _, id := range s.tasks {
					if tk := &w.tasks[id]; tk.stopReq && tk.protected && tk.stopReason == "Scaling activity initiated by service auto scaling" {
						t.Fatalf("launch %q: protected task %d stopped by the scale-in", launch, id)
					}
				}
				if c := w.census(s); done < 0 && w.now() > sim.Time(time.Hour) && c.current == 4 {
					done = time.Duration(w.now()) - time.Hour
				}
			}
			if _, err := w.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if done < 0 {
				t.Fatalf("launch %q, protection %v: the scale-in never completed", launch, protect)
			}
			took[protect] = done
		}
		t.Logf("launch %q: scale-in took %v without protection, %v with it", launch, took[false], took[true])
		if took[false] > time.Minute || took[true] < took[false]+time.Minute {
			t.Errorf("launch %q: scale-in took %v without protection, %v with it; want ≤ 1 min, and a minute longer with it",
				launch, took[false], took[true])
		}
	}
}

// TestScaleInProtectionNeedsAWorker: only a worker service protects itself.
func TestScaleInProtectionNeedsAWorker(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Services[0].ProtectWhileBusy = true
	if _, err := New(cfg); err == nil {
		t.Fatal("a web service with ProtectWhileBusy was accepted")
	}
}

// TestScaleInProtectionHoldsOffDeployment: a rolling deployment does not
// stop protected old tasks; it completes as they fall idle.
func TestScaleInProtectionHoldsOffDeployment(t *testing.T) {
	cfg := busyWorker(t, true, "")
	def2 := webDef()
	def2.Revision = 2
	cfg.TaskDefs = append(cfg.TaskDefs, def2)
	cfg.Services[0].Deployments = []DeploymentAt{{At: 30 * time.Minute, TaskDef: "web:2"}}
	w, events := newLogged(t, cfg)
	s := w.services[0]
	w.probe = func() {
		for _, id := range s.tasks {
			if tk := &w.tasks[id]; tk.stopReq && tk.protected && tk.stopReason == "Task replaced by the service scheduler (deployment or draining)" {
				t.Fatalf("protected task %d stopped by the deployment", id)
			}
		}
	}
	if _, err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	completed := false
	for _, e := range events.events {
		completed = completed || (e.Kind == "deployment" && e.Message == "deployment COMPLETED")
	}
	if !completed {
		t.Error("the deployment never completed")
	}
}

// TestScaleInSkipsAProviderWithOnlyProtectedTasks: when the provider the
// strategy would scale in from has only protected tasks, the task comes
// from the next provider instead of the scale-in giving up.
func TestScaleInSkipsAProviderWithOnlyProtectedTasks(t *testing.T) {
	cfg := busyWorker(t, false, "")
	cfg.Providers = append(cfg.Providers, ProviderConfig{Name: "FARGATE_SPOT", Kind: ProviderFargateSpot})
	cfg.Services[0].CapacityProviderStrategy = []StrategyItem{{Provider: "FARGATE_SPOT", Weight: 3}, {Provider: "FARGATE", Weight: 1}}
	w, _ := newLogged(t, cfg)
	s := w.services[0]
	checked := false
	w.probe = func() {
		if checked || w.now() < sim.Time(30*time.Minute) {
			return
		}
		checked = true
		preferred := s.items[w.scaleInItem(s, 0)].prov
		for _, id := range s.tasks {
			w.tasks[id].protected = w.tasks[id].prov == preferred // set by hand: nothing redraws it
		}
		if v := w.scaleInVictim(s); v < 0 || w.tasks[v].prov == preferred {
			t.Errorf("victim %d, want a task of the other provider", v)
		}
		for _, id := range s.tasks {
			w.tasks[id].protected = true
		}
		if v := w.scaleInVictim(s); v >= 0 {
			t.Errorf("victim %d although every task is protected", v)
		}
		for _, id := range s.tasks {
			w.tasks[id].protected = false
		}
	}
	if _, err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("the probe never ran")
	}
}
