package models

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/models/workload"
)

// logSink collects the event log.
type logSink struct{ events []LogEvent }

func (l *logSink) Log(e LogEvent) { l.events = append(l.events, e) }

func find(t *testing.T, r *Result, name string, labels ...series.Label) *series.Series {
	t.Helper()
	s := r.Series.Find(name, labels...)
	if s == nil {
		t.Fatalf("no series %s %v", name, labels)
	}
	return s
}

// stepDemand is a constant demand that jumps from lo to hi at `at`.
func stepDemand(t *testing.T, lo, hi float64, at time.Duration) workload.Demand {
	t.Helper()
	d, err := workload.NewSteps(workload.StepsConfig{Initial: lo, Steps: []workload.Step{{At: testStart.Add(at), Value: hi}}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestTrafficStepWaitsForManagedScaling: a traffic step makes the service
// scale out; the new tasks wait in PROVISIONING until managed scaling's
// instances register (ref §5.4, §9 pain point 1).
func TestTrafficStepWaitsForManagedScaling(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 3 * time.Hour
	cfg.Providers[0].DesiredSize = 1
	cfg.Providers[0].MinSize = 1
	wl := diurnalWeb(t, 0)
	wl.Demand = stepDemand(t, 40, 600, time.Hour)
	cfg.Services[0].Workload = wl
	cfg.Services[0].DesiredCount = 2
	r := mustRun(t, cfg)
	pending := find(t, r, "pending_tasks", series.Label{Key: "service", Value: "web"})
	inst := find(t, r, "instances", series.Label{Key: "provider", Value: "ec2"})
	var firstPending, firstGrow time.Duration = -1, -1
	for i := range pending.Len() {
		at := pending.Time(i).Duration()
		if _, v := pending.XY(i); v > 0 && firstPending < 0 && at > time.Hour {
			firstPending = at
		}
		if _, v := inst.XY(i); v > 1 && firstGrow < 0 {
			firstGrow = at
		}
	}
	if firstPending < 0 || firstGrow < 0 {
		t.Fatalf("no pending tasks (%v) or no new instances (%v) after the step", firstPending, firstGrow)
	}
	// ref §5.4: metric (≥1 min) + alarm + launch (~60 s) + registration.
	if lag := firstGrow - firstPending; lag < time.Minute || lag > 10*time.Minute {
		t.Errorf("instances registered %v after tasks started pending; want the managed-scaling delay of a few minutes", lag)
	}
	if r.InstancesLaunched == 0 || r.ServiceScaleOuts == 0 {
		t.Errorf("launched %d instances, %d service scale-outs", r.InstancesLaunched, r.ServiceScaleOuts)
	}
	t.Logf("pending at %v, instances grew at %v; launched %d, max instances %d", firstPending, firstGrow, r.InstancesLaunched, r.Providers[0].MaxInstances)
}

// TestScaleFromZeroLaunchesTwo: with no instances, managed scaling
// publishes CPR 200 and the group starts two instances (ref §5.3, §9 #3).
func TestScaleFromZeroLaunchesTwo(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 30 * time.Minute
	cfg.Providers[0].DesiredSize = 0
	cfg.Services[0].DesiredCount = 1
	cfg.Services[0].Scaling = nil
	cfg.Services[0].Workload = nil
	r := mustRun(t, cfg)
	if r.InstancesLaunched != 2 {
		t.Errorf("launched %d instances from zero, want 2", r.InstancesLaunched)
	}
	if got := r.Services[0].FinalDesired; got != 1 {
		t.Errorf("desired %d", got)
	}
	running := find(t, r, "running_tasks", series.Label{Key: "service", Value: "web"})
	if _, v := running.XY(running.Len() - 1); v != 1 {
		t.Errorf("running tasks at the end = %v, want 1", v)
	}
}

// TestBinpackUsesFewerInstancesThanSpread: the same workload packs onto
// fewer instances with binpack; spread keeps instances busy so managed
// scaling cannot scale in (ref §0 fact 5, §9 #6).
func TestBinpackUsesFewerInstancesThanSpread(t *testing.T) {
	run := func(strategy []PlacementStrategy) *Result {
		cfg := baseConfig(t)
		cfg.Duration = 6 * time.Hour
		cfg.Providers[0].DesiredSize = 6
		cfg.Services[0].Scaling = nil
		cfg.Services[0].Workload = nil
		cfg.Services[0].DesiredCount = 6
		cfg.Services[0].PlacementStrategy = strategy
		return mustRun(t, cfg)
	}
	bin := run([]PlacementStrategy{{Type: "binpack", Field: "memory"}})
	spread := run([]PlacementStrategy{{Type: "spread", Field: "instanceId"}})
	bi, si := bin.InstanceHours, spread.InstanceHours
	if bi >= si {
		t.Errorf("binpack used %.1f instance-hours, spread %.1f; want binpack fewer", bi, si)
	}
	t.Logf("instance-hours: binpack %.1f, spread %.1f; cost %.2f vs %.2f", bi, si, bin.Cost.TotalUSD, spread.Cost.TotalUSD)
}

// TestDaemonOnEveryInstance: a DAEMON service runs one task on each
// instance, including instances that join later (ref §1.11).
func TestDaemonOnEveryInstance(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 3 * time.Hour
	cfg.Providers[0].DesiredSize = 1
	cfg.Providers[0].MinSize = 1
	cfg.TaskDefs = append(cfg.TaskDefs, TaskDef{Family: "agent", CPU: 128, Memory: 256,
		Containers: []ContainerDef{{Name: "agent", Essential: true}}})
	cfg.Services = append(cfg.Services, ServiceConfig{Name: "agent", TaskDef: "agent", Daemon: true,
		CapacityProviderStrategy: []StrategyItem{{Provider: "ec2", Weight: 1}}})
	wl := diurnalWeb(t, 0)
	wl.Demand = stepDemand(t, 40, 600, time.Hour)
	cfg.Services[0].Workload = wl
	r := mustRun(t, cfg)
	inst := find(t, r, "instances", series.Label{Key: "provider", Value: "ec2"})
	daemons := find(t, r, "running_tasks", series.Label{Key: "service", Value: "agent"})
	_, ni := inst.XY(inst.Len() - 1)
	_, nd := daemons.XY(daemons.Len() - 1)
	if ni < 2 || nd != ni {
		t.Errorf("at the end: %v instances, %v daemon tasks; want one daemon per instance and growth", ni, nd)
	}
}
