package reports

import (
	"context"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/workload"
)

// testStart is a Monday at midnight UTC.
var testStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// webWorkload peaks at peak req/s at 14:00 UTC.
func webWorkload(t testing.TB, peak float64) *workload.ServiceConfig {
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
		Demand: d,
		Task: workload.TaskProfile{CPU: 512, CapacityPerSecond: 50, IdleCPU: 2, MemoryReservation: 1024,
			BaseMemory: 300, MemoryPerRequestPerSecond: 2},
		Queue:     workload.QueueConfig{Concurrency: 4},
		SLOTarget: 0.24,
	}
}

// scenarioConfig is the fixed small scenario of the golden tests: one web
// service (0.5 vCPU, 1 GiB, awsvpc) with diurnal demand and CPU target
// tracking, on one of three capacity setups named by variant: "ec2"
// (m6i.xlarge On-Demand with managed scaling), "fargate", "fargate-spot"
// (base 2 on FARGATE, the rest 1:3 FARGATE:FARGATE_SPOT).
func scenarioConfig(t testing.TB, variant string, d time.Duration) models.Config {
	t.Helper()
	cfg := models.Config{
		Name: "web", Variant: variant, Region: "us-east-1", Start: testStart, Duration: d, Seed: 7, Check: true,
		Providers: []models.ProviderConfig{
			{Name: "ec2", Kind: models.ProviderEC2, InstanceTypes: []string{"m6i.xlarge"}, MaxSize: 20,
				DesiredSize: 2, ENITrunking: true, ManagedDraining: true, RootVolumeGiB: 30,
				ManagedScaling: &models.ManagedScalingConfig{TargetCapacity: 90}, ManagedTerminationProtection: true},
			{Name: "FARGATE", Kind: models.ProviderFargate},
			{Name: "FARGATE_SPOT", Kind: models.ProviderFargateSpot},
		},
		TaskDefs: []models.TaskDef{{Family: "web", CPU: 512, Memory: 1024, NetworkMode: models.NetworkAwsvpc,
			Containers: []models.ContainerDef{{Name: "app", Essential: true, Ports: []models.PortMapping{{ContainerPort: 8080}}}}}},
		Services: []models.ServiceConfig{{
			Name: "web", TaskDef: "web", DesiredCount: 4, Workload: webWorkload(t, 400),
			Scaling: &models.ServiceScalingConfig{MinCapacity: 2, MaxCapacity: 40,
				TargetTracking: []autoscale.TargetTrackingConfig{{PolicyName: "cpu", TargetValue: 60,
					PredefinedMetricSpecification: &autoscale.PredefinedMetricSpecification{PredefinedMetricType: models.MetricCPU}}}},
		}},
	}
	switch variant {
	case "ec2":
		cfg.Services[0].CapacityProviderStrategy = []models.StrategyItem{{Provider: "ec2", Weight: 1}}
		cfg.Services[0].PlacementStrategy = []models.PlacementStrategy{
			{Type: "spread", Field: "attribute:ecs.availability-zone"}, {Type: "binpack", Field: "memory"}}
		return cfg
	case "fargate":
		cfg.Services[0].CapacityProviderStrategy = []models.StrategyItem{{Provider: "FARGATE", Weight: 1}}
	case "fargate-spot":
		cfg.Services[0].CapacityProviderStrategy = []models.StrategyItem{
			{Provider: "FARGATE", Base: 2, Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 3}}
	default:
		t.Fatalf("unknown variant %q", variant)
	}
	cfg.Providers = cfg.Providers[1:] // no EC2 Auto Scaling group
	return cfg
}

// variants are the scenario's variants in report order.
var variants = []string{"ec2", "fargate", "fargate-spot"}

// runScenario runs every variant for d.
func runScenario(t testing.TB, d time.Duration) []*models.Result {
	t.Helper()
	out := make([]*models.Result, 0, len(variants))
	for _, v := range variants {
		r, err := models.Run(context.Background(), scenarioConfig(t, v, d))
		if err != nil {
			t.Fatalf("run %s: %v", v, err)
		}
		out = append(out, r)
	}
	return out
}

// dayResults runs the golden scenario for one simulated day.
func dayResults(t testing.TB) []*models.Result {
	t.Helper()
	return runScenario(t, 24*time.Hour)
}

// reportResults are the runs whose whole report (PNGs included) tests
// render: the day scenario, or under -race (slow rasterising) its first
// variant for six hours.
func reportResults(t testing.TB) []*models.Result {
	t.Helper()
	if raceEnabled {
		r, err := models.Run(context.Background(), scenarioConfig(t, variants[0], 6*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return []*models.Result{r}
	}
	return dayResults(t)
}
