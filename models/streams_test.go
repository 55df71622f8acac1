package models

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/sim"
)

func batchDef() TaskDef {
	return TaskDef{Family: "etl", CPU: 1024, Memory: 2048, NetworkMode: NetworkAwsvpc,
		Containers: []ContainerDef{{Name: "job", Essential: true}}}
}

// TestBatchStreamOnSpot runs Poisson batch jobs on a Spot provider with
// interruptions: every job is accounted for.
func TestBatchStreamOnSpot(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Services = nil
	cfg.TaskDefs = append(cfg.TaskDefs, batchDef())
	p := &cfg.Providers[0]
	p.Purchase, p.SpotDraining, p.DesiredSize, p.MinSize = Spot, true, 0, 0
	p.SpotInterruptions.RatePerHour = 0.2
	cfg.Streams = []TaskStreamConfig{{
		Name: "etl", RatePerHour: 30, Mix: []JobMix{{TaskDef: "etl", Weight: 1, Duration: LogNormal(10*time.Minute, 30*time.Minute)}},
		CapacityProviderStrategy: []StrategyItem{{Provider: "ec2", Weight: 1}},
	}}
	r := mustRun(t, cfg)
	st := r.Streams[0]
	if st.Ran < 500 || st.Failed != 0 {
		t.Errorf("ran %d jobs, %d failed; want ~720 arrivals in a day on a managed provider", st.Ran, st.Failed)
	}
	if r.SpotInterruptions == 0 || r.InstancesLaunched == 0 {
		t.Errorf("%d interruptions, %d instances launched", r.SpotInterruptions, r.InstancesLaunched)
	}
	t.Logf("jobs %d, interruptions %d, instances launched %d, cost %.2f", st.Ran, r.SpotInterruptions, r.InstancesLaunched, r.Cost.TotalUSD)
}

// TestRunTaskFailsWithoutManagedScaling: without a managed-scaling
// provider, RunTask on a full cluster fails at once (ref §3.2).
func TestRunTaskFailsWithoutManagedScaling(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = time.Hour
	cfg.Services = nil
	cfg.TaskDefs = append(cfg.TaskDefs, batchDef())
	p := &cfg.Providers[0]
	p.ManagedScaling, p.ManagedTerminationProtection, p.DesiredSize = nil, false, 1
	cfg.Streams = []TaskStreamConfig{{
		Name: "burst", At: []time.Duration{time.Minute}, TasksPerArrival: 10,
		Mix:                      []JobMix{{TaskDef: "etl", Weight: 1, Duration: Fixed(20 * time.Minute)}},
		CapacityProviderStrategy: []StrategyItem{{Provider: "ec2", Weight: 1}},
	}}
	r := mustRun(t, cfg)
	// m6i.xlarge: 4096 CPU units, 1024 per task → 4 fit.
	if st := r.Streams[0]; st.Ran != 4 || st.Failed != 6 {
		t.Errorf("ran %d, failed %d; want 4 and 6", st.Ran, st.Failed)
	}
}

// TestQueueWorkerScalesOnBacklogPerTask scales a worker service on the
// backlog-per-task custom metric.
func TestQueueWorkerScalesOnBacklogPerTask(t *testing.T) {
	cfg := baseConfig(t)
	cfg.Duration = 6 * time.Hour
	s := &cfg.Services[0]
	s.Workload = nil
	arr, err := workload.NewSteps(workload.StepsConfig{Initial: 5, Steps: []workload.Step{{At: testStart.Add(time.Hour), Value: 200}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Worker = &workload.WorkerConfig{Arrivals: arr,
		Task: workload.TaskProfile{CPU: 512, CapacityPerSecond: 10, MemoryReservation: 1024, BaseMemory: 200}}
	s.Scaling.TargetTracking = []autoscale.TargetTrackingConfig{{
		PolicyName: "backlog", TargetValue: 100,
		CustomizedMetricSpecification: &autoscale.CustomizedMetricSpecification{MetricName: MetricBacklogPerTask, Namespace: NamespaceECSim, Statistic: autoscale.Average},
	}}
	r := mustRun(t, cfg)
	if r.ServiceScaleOuts == 0 || r.Services[0].MaxDesired < 10 {
		t.Errorf("scale-outs %d, max desired %d; 200 msg/s at 10 per task needs ≥ 20 tasks", r.ServiceScaleOuts, r.Services[0].MaxDesired)
	}
}

// TestScheduledScaling raises the minimum at 08:00 and lowers it at 20:00.
func TestScheduledScaling(t *testing.T) {
	cfg := baseConfig(t)
	s := &cfg.Services[0]
	s.Workload = nil
	s.Scaling.TargetTracking = nil
	s.Scaling.Scheduled = []autoscale.ScheduledActionConfig{
		{ScheduledActionName: "morning", Schedule: "cron(0 8 * * ? *)", ScalableTargetAction: autoscale.ScalableTargetAction{MinCapacity: autoscale.Capacity(10)}},
		{ScheduledActionName: "evening", Schedule: "cron(0 20 * * ? *)", ScalableTargetAction: autoscale.ScalableTargetAction{MinCapacity: autoscale.Capacity(2), MaxCapacity: autoscale.Capacity(3)}},
	}
	r := mustRun(t, cfg)
	if r.Services[0].MaxDesired != 10 || r.Services[0].FinalDesired != 3 {
		t.Errorf("max desired %d, final %d; want 10 and 3", r.Services[0].MaxDesired, r.Services[0].FinalDesired)
	}
}

// TestEventBudgetAndCancellation: a run stops with an error, not a hang.
func TestEventBudgetAndCancellation(t *testing.T) {
	cfg := baseConfig(t)
	cfg.MaxEvents = 100
	if _, err := Run(context.Background(), cfg); !errors.Is(err, sim.ErrEventBudget) {
		t.Errorf("err = %v, want the event budget", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, baseConfig(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want cancellation", err)
	}
}
