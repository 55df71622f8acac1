package models

import (
	"context"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/workload"
)

var testStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday

// webDef is a 0.5 vCPU / 1 GiB awsvpc task that runs on EC2 and Fargate.
func webDef() TaskDef {
	return TaskDef{
		Family: "web", CPU: 512, Memory: 1024, NetworkMode: NetworkAwsvpc,
		Containers: []ContainerDef{{Name: "app", Essential: true, Ports: []PortMapping{{ContainerPort: 8080}}}},
	}
}

func ec2Provider(name string, managed bool) ProviderConfig {
	p := ProviderConfig{
		Name: name, Kind: ProviderEC2, InstanceTypes: []string{"m6i.xlarge"},
		MinSize: 0, MaxSize: 50, DesiredSize: 2, ENITrunking: true, ManagedDraining: true,
	}
	if managed {
		p.ManagedScaling = &ManagedScalingConfig{TargetCapacity: 100}
		p.ManagedTerminationProtection = true
	}
	return p
}

// diurnalWeb returns a web workload peaking at 300 req/s at 14:00 UTC.
func diurnalWeb(t testing.TB, peak float64) *workload.ServiceConfig {
	t.Helper()
	shape, err := workload.NewDiurnal(workload.DiurnalConfig{TroughRatio: 0.2, PeakHour: 14, TimeZone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := workload.Scale(shape, peak)
	if err != nil {
		t.Fatal(err)
	}
	return &workload.ServiceConfig{
		Demand:    d,
		Task:      workload.TaskProfile{CPU: 512, CapacityPerSecond: 50, IdleCPU: 2, MemoryReservation: 1024, BaseMemory: 300, MemoryPerRequestPerSecond: 2},
		Queue:     workload.QueueConfig{Concurrency: 4},
		SLOTarget: 0.5,
	}
}

func cpuTracking(target float64) autoscale.TargetTrackingConfig {
	return autoscale.TargetTrackingConfig{
		PolicyName: "cpu", TargetValue: target,
		PredefinedMetricSpecification: &autoscale.PredefinedMetricSpecification{PredefinedMetricType: MetricCPU},
	}
}

// baseConfig is a one-day cluster with an EC2 provider (managed scaling)
// and FARGATE, and one web service on EC2 with CPU target tracking.
func baseConfig(t testing.TB) Config {
	t.Helper()
	return Config{
		Name: "test", Start: testStart, Duration: 24 * time.Hour, Seed: 1, Check: true,
		Providers: []ProviderConfig{ec2Provider("ec2", true), {Name: "FARGATE", Kind: ProviderFargate}},
		TaskDefs:  []TaskDef{webDef()},
		Services: []ServiceConfig{{
			Name: "web", TaskDef: "web", DesiredCount: 4,
			CapacityProviderStrategy: []StrategyItem{{Provider: "ec2", Weight: 1}},
			Workload:                 diurnalWeb(t, 300),
			Scaling: &ServiceScalingConfig{
				MinCapacity: 2, MaxCapacity: 40, TargetTracking: []autoscale.TargetTrackingConfig{cpuTracking(60)},
			},
		}},
	}
}

// newLogged builds the world of cfg with an event log.
func newLogged(t testing.TB, cfg Config) (*World, *logSink) {
	t.Helper()
	log := &logSink{}
	cfg.EventLog = log
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w, log
}

func mustRun(t testing.TB, cfg Config) *Result {
	t.Helper()
	r, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
