package models

import (
	"fmt"
	"testing"
	"time"
)

// Extreme scenarios finish with an explained outcome: never a hang, never
// a panic.

func TestExtremeNoCapacityAtAll(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = time.Hour
	p := &cfg.Providers[0]
	p.ManagedScaling, p.ManagedTerminationProtection, p.DesiredSize, p.MaxSize = nil, false, 0, 0
	cfg.Services[0].Scaling = nil
	r := mustRun(t, cfg)
	if len(r.PlacementFailures) == 0 || r.PlacementFailures[0].Reason != "NO ACTIVE INSTANCES" {
		t.Errorf("placement failures %v, want NO ACTIVE INSTANCES", r.PlacementFailures)
	}
	if r.Served != 0 || r.Dropped == 0 && r.Requests > 0 && r.SLOMinutes == 0 {
		t.Errorf("served %v with no capacity; dropped %v, SLO minutes %v", r.Served, r.Dropped, r.SLOMinutes)
	}
}

func TestExtremeMaxCapacityUnderSpike(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 4 * time.Hour
	cfg.Providers[0].MaxSize = 2
	wl := diurnalWeb(t, 0)
	wl.Demand = stepDemand(t, 100, 5000, time.Hour)
	wl.Queue.QueueLimit = 10000
	cfg.Services[0].Workload = wl
	r := mustRun(t, cfg)
	if r.Providers[0].MaxInstances > 2 {
		t.Errorf("%d instances above max_size 2", r.Providers[0].MaxInstances)
	}
	if r.Dropped == 0 || r.SLOMinutes == 0 || r.ProvisioningGiveUps == 0 {
		t.Errorf("dropped %v, SLO minutes %v, provisioning give-ups %d: the overload should show", r.Dropped, r.SLOMinutes, r.ProvisioningGiveUps)
	}
}

func TestExtremeEverySpotInstanceAtOnce(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 3 * time.Hour
	p := &cfg.Providers[0]
	p.Purchase, p.DesiredSize, p.MinSize = Spot, 4, 4
	p.ManagedScaling, p.ManagedTerminationProtection = nil, false
	p.SpotInterruptions = SpotInterruptions{At: []time.Duration{time.Hour}, All: true}
	r := mustRun(t, cfg)
	if r.SpotInterruptions != 4 {
		t.Errorf("%d interruptions, want all 4 instances", r.SpotInterruptions)
	}
	if r.InstancesLaunched < 4 {
		t.Errorf("%d replacement instances launched", r.InstancesLaunched)
	}
}

func TestExtremeOneSecondRun(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = time.Second
	r := mustRun(t, cfg)
	if r.Duration != time.Second || r.Cost.TotalUSD <= 0 {
		t.Errorf("duration %v, cost %v (the 60 s minimum charge applies)", r.Duration, r.Cost.TotalUSD)
	}
}

func TestExtremeOneYearRun(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 365 * 24 * time.Hour
	cfg.Check = false
	cfg.Services[0].Workload, cfg.Services[0].Scaling = nil, nil
	r := mustRun(t, cfg)
	if got := r.Series.Find("tasks").Len(); got > DefaultMaxSeriesPoints {
		t.Errorf("a series kept %d points, more than the bound %d", got, DefaultMaxSeriesPoints)
	}
	if r.Cost.TotalUSD < 1000 {
		t.Errorf("a year of two instances cost %.2f USD", r.Cost.TotalUSD)
	}
}

func TestExtremeZeroServices(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Services = nil
	r := mustRun(t, cfg)
	if r.Cost.UnusedUSD <= 0 || r.TaskHours != 0 {
		t.Errorf("unused %.2f USD, task-hours %.1f: idle instances should be all unused cost", r.Cost.UnusedUSD, r.TaskHours)
	}
}

func TestExtremeTenThousandServices(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 10 * time.Minute
	cfg.Check = false
	tmpl := cfg.Services[0]
	tmpl.CapacityProviderStrategy = []StrategyItem{{Provider: "FARGATE", Weight: 1}}
	tmpl.DesiredCount, tmpl.Workload, tmpl.Scaling = 1, nil, nil
	cfg.Services = make([]ServiceConfig, 10000)
	for i := range cfg.Services {
		cfg.Services[i] = tmpl
		cfg.Services[i].Name = fmt.Sprintf("svc-%05d", i)
	}
	r := mustRun(t, cfg)
	if len(r.Services) != 10000 || r.TasksStarted < 10000 {
		t.Errorf("%d services, %d tasks started", len(r.Services), r.TasksStarted)
	}
}
