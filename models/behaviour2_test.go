package models

import (
	"context"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/series"
)

// TestSpotInterruptionReplacedWithinNotice: with Spot draining on and
// spare capacity, a Spot instance's tasks are replaced before EC2
// reclaims it (ref §7.3).
func TestSpotInterruptionReplacedWithinNotice(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 2 * time.Hour
	p := &cfg.Providers[0]
	p.Purchase, p.SpotDraining, p.DesiredSize, p.MinSize = Spot, true, 3, 3
	p.SpotInterruptions.At = []time.Duration{time.Hour}
	cfg.Services[0].Scaling = nil
	cfg.Services[0].Deployment = DeploymentConfig{MinimumHealthyPercent: 50, MaximumPercent: 200}
	log := &logSink{}
	cfg.EventLog = log
	r := mustRun(t, cfg)
	if r.SpotInterruptions != 1 {
		t.Fatalf("%d interruptions", r.SpotInterruptions)
	}
	for _, e := range log.events {
		if strings.Contains(e.Message, "Host EC2 instance terminated") {
			t.Errorf("a task was still on the instance when it was reclaimed: %v %s %s", e.At, e.Subject, e.Message)
		}
	}
	running := find(t, r, "running_tasks", series.Label{Key: "service", Value: "web"})
	if _, v := running.XY(running.Len() - 1); v != 4 {
		t.Errorf("running at the end %v, want 4", v)
	}
}

// TestRollingDeploymentKeepsMinimumHealthy: during a deployment the
// healthy count never drops below minimumHealthyPercent (ref §4.2).
func TestRollingDeploymentKeepsMinimumHealthy(t *testing.T) {
	for _, tc := range []struct{ min, max int }{{100, 200}, {50, 100}, {50, 150}} {
		cfg := baseConfig(t)
		cfg.Duration = 2 * time.Hour
		cfg.Resolution = 10 * time.Second
		def2 := webDef()
		def2.Revision = 2
		cfg.TaskDefs = append(cfg.TaskDefs, def2)
		s := &cfg.Services[0]
		s.Scaling, s.Workload, s.DesiredCount = nil, nil, 6
		s.Deployment = DeploymentConfig{MinimumHealthyPercent: tc.min, MaximumPercent: tc.max}
		s.Deployments = []DeploymentAt{{At: 30 * time.Minute, TaskDef: "web:2"}}
		w, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		minSeen := 1 << 30
		w.probe = func() {
			if w.now() < sim30m {
				return
			}
			c := w.census(w.services[0])
			minSeen = min(minSeen, c.healthy)
		}
		r, err := w.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := (6*tc.min + 99) / 100
		if minSeen < want {
			t.Errorf("min %d%%/max %d%%: healthy fell to %d, minimum is %d", tc.min, tc.max, minSeen, want)
		}
		if r.Deployments != 1 {
			t.Errorf("deployments %d", r.Deployments)
		}
		for _, id := range w.services[0].tasks {
			if w.tasks[id].rev != w.services[0].rev {
				t.Errorf("min %d%%/max %d%%: an old task survived the deployment", tc.min, tc.max)
				break
			}
		}
	}
}

const sim30m = 30 * 60 * 1e9

// TestManagedScaleInWaits: after the load goes, instances are removed only
// after the 15-minute low alarm (ref §5.4, §9 #2).
func TestManagedScaleInWaits(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 3 * time.Hour
	cfg.Providers[0].DesiredSize = 4
	s := &cfg.Services[0]
	s.Scaling, s.Workload, s.DesiredCount = nil, nil, 1
	s.PlacementStrategy = []PlacementStrategy{{Type: "binpack", Field: "memory"}}
	r := mustRun(t, cfg)
	inst := find(t, r, "instances", series.Label{Key: "provider", Value: "ec2"})
	var firstDrop time.Duration = -1
	for i := range inst.Len() {
		if _, v := inst.XY(i); v < 4 && firstDrop < 0 {
			firstDrop = inst.Time(i).Duration()
		}
	}
	if firstDrop < 15*time.Minute {
		t.Errorf("first instance removed at %v, want after the 15-minute low alarm", firstDrop)
	}
	if _, v := inst.XY(inst.Len() - 1); v != 1 {
		t.Errorf("instances at the end %v, want 1 (one busy instance)", v)
	}
}

// TestFargateService runs a service on Fargate and Fargate Spot by weight.
func TestFargateService(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Providers = append(cfg.Providers, ProviderConfig{Name: "FARGATE_SPOT", Kind: ProviderFargateSpot,
		SpotInterruptions: SpotInterruptions{RatePerHour: 0.05}})
	s := &cfg.Services[0]
	s.CapacityProviderStrategy = []StrategyItem{{Provider: "FARGATE", Base: 2, Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 3}}
	r := mustRun(t, cfg)
	var fargate, spot float64
	for _, k := range r.Cost.ByKind {
		switch k.Kind.String() {
		case "Fargate":
			fargate = k.USD
		case "Fargate Spot":
			spot = k.USD
		}
	}
	if fargate <= 0 || spot <= 0 {
		t.Errorf("Fargate %.2f USD, Fargate Spot %.2f USD: both should be used", fargate, spot)
	}
	t.Logf("cost %.2f (Fargate %.2f, Spot %.2f), interruptions %d", r.Cost.TotalUSD, fargate, spot, r.SpotInterruptions)
}

// TestDeterminism: the same config gives deep-equal results, also under
// another GOMAXPROCS.
func TestDeterminism(t *testing.T) {
	a := mustRun(t, baseConfig(t))
	prev := runtime.GOMAXPROCS(1)
	b := mustRun(t, baseConfig(t))
	runtime.GOMAXPROCS(prev)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs of the same world differ")
	}
}

// TestBadConfig: inconsistent configs are errors naming the part.
func TestBadConfig(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"undefined task def", func(c *Config) { c.Services[0].TaskDef = "nope" }, `task definition "nope" is not defined`},
		{"undefined provider", func(c *Config) { c.Services[0].CapacityProviderStrategy[0].Provider = "x" }, `provider "x" is not defined`},
		{"min over max", func(c *Config) { c.Providers[0].MinSize = 60 }, "min_size"},
		{"task too big", func(c *Config) { c.TaskDefs[0].Memory = 64 * 1024 }, "fits no instance type"},
		{"bad fargate size", func(c *Config) {
			c.Services[0].CapacityProviderStrategy = []StrategyItem{{Provider: "FARGATE", Weight: 1}}
			c.TaskDefs[0].Memory = 3000
		}, "Fargate"},
		{"unknown instance type", func(c *Config) { c.Providers[0].InstanceTypes = []string{"m6i.huge"} }, "m6i.huge"},
		{"zero duration", func(c *Config) { c.Duration = 0 }, "duration"},
		{"scaling bounds", func(c *Config) { c.Services[0].Scaling.MinCapacity = 50 }, "max_capacity"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := baseConfig(t)
			tc.mod(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
