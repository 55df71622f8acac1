package autoscale_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/autoscale"
)

// A service at 4 tasks with a 75 % CPU target sees 90 % for three minutes.
func Example() {
	metrics := autoscale.NewMetrics(time.Minute)
	cpu, _ := metrics.Add(autoscale.MetricConfig{Name: "web/CPUUtilization"})
	target, err := autoscale.NewScalableTarget(metrics, autoscale.ScalableTargetConfig{
		ResourceId: "service/default/web", MinCapacity: 1, MaxCapacity: 10,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = target.AddTargetTracking(autoscale.TargetTrackingConfig{
		PolicyName: "cpu75", TargetValue: 75, Metric: cpu,
		PredefinedMetricSpecification: &autoscale.PredefinedMetricSpecification{
			PredefinedMetricType: autoscale.ECSServiceAverageCPUUtilization,
		},
		ScaleOutCooldown: autoscale.Seconds(60), ScaleInCooldown: autoscale.Seconds(60),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	in := autoscale.TargetInput{Running: 4, Desired: 4}
	for minute := range 3 {
		metrics.Push(cpu, time.Duration(minute)*time.Minute, 90)
		d := target.Evaluate(time.Duration(minute+1)*time.Minute, in)
		fmt.Printf("minute %d: %v %d\n", minute+1, d.Action, d.Desired)
	}

	// Bad configuration names the field and the rule.
	_, err = target.AddStepScaling(autoscale.StepScalingConfig{
		PolicyName: "steps", AdjustmentType: autoscale.ChangeInCapacity,
		StepAdjustments: []autoscale.StepAdjustment{
			{MetricIntervalLowerBound: autoscale.Bound(0), MetricIntervalUpperBound: autoscale.Bound(20), ScalingAdjustment: 1},
			{MetricIntervalLowerBound: autoscale.Bound(10), ScalingAdjustment: 2},
		},
		Alarm: autoscale.AlarmConfig{Metric: cpu, Statistic: autoscale.Average, EvaluationPeriods: 1,
			Threshold: 80, ComparisonOperator: autoscale.GreaterThanThreshold},
	})
	var fe *autoscale.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe)
	}
	// Output:
	// minute 1: none 4
	// minute 2: none 4
	// minute 3: scale-out 5
	// step_adjustments[1]: lower bound 10 overlaps previous upper bound 20 (step_adjustments[0])
}

// Cluster auto scaling from an empty Auto Scaling group.
func ExampleManagedScaling() {
	ms, err := autoscale.NewManagedScaling(autoscale.ManagedScalingConfig{
		TargetCapacity: 100, MaxSize: 10,
		InstanceTypes: []autoscale.InstanceShape{{InstanceType: "m5.large",
			Offers: autoscale.Resources{CPU: 2048, Memory: 7680, ENIs: 2, Ports: 95}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := ms.Evaluate(time.Minute, autoscale.CapacityInput{
		Provisioning: []autoscale.TaskGroup{{Count: 6, Needs: autoscale.Resources{CPU: 1024, Memory: 2048}}},
	})
	fmt.Printf("CPR %.0f%%, %v to %d instances\n", d.CPR, d.Action, d.DesiredCapacity)
	// Output:
	// CPR 200%, scale-out to 2 instances
}
