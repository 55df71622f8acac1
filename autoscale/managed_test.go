package autoscale

import (
	"strings"
	"testing"
	"time"
)

// Fresh-instance shapes as the tests use them (CPU units, MiB, task ENIs, GPUs, free ports).
var (
	m5large   = InstanceShape{"m5.large", Resources{CPU: 2048, Memory: 7680, ENIs: 2, Ports: 95}}
	m5xlarge  = InstanceShape{"m5.xlarge", Resources{CPU: 4096, Memory: 15576, ENIs: 3, Ports: 95}}
	g4dnlarge = InstanceShape{"g4dn.xlarge", Resources{CPU: 4096, Memory: 15500, ENIs: 2, GPUs: 1, Ports: 95}}
)

func newManaged(t testing.TB, mod func(*ManagedScalingConfig)) *ManagedScaling {
	t.Helper()
	cfg := ManagedScalingConfig{MaxSize: 100, InstanceTypes: []InstanceShape{m5large}}
	if mod != nil {
		mod(&cfg)
	}
	ms, err := NewManagedScaling(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func group(n int, cpu CPUUnits, mem MiB) TaskGroup {
	return TaskGroup{Count: n, Needs: Resources{CPU: cpu, Memory: mem}}
}

func TestCapacityProviderReservation(t *testing.T) {
	tests := []struct {
		name         string
		mod          func(*ManagedScalingConfig)
		in           CapacityInput
		cpr          float64
		m, extra     int
		incompatible int
	}{
		{"N=0 M=0 is 100", nil, CapacityInput{}, 100, 0, 0, 0},
		{"N=0 M>0 is 200", nil, CapacityInput{Provisioning: []TaskGroup{group(1, 512, 1024)}}, 200, 1, 1, 0},
		{"all busy", nil, CapacityInput{Instances: 10, BusyInstances: 10}, 100, 10, 0, 0},
		{"two empty of ten", nil, CapacityInput{Instances: 10, BusyInstances: 8}, 80, 8, 0, 0},
		{"provisioning binpacked", nil, CapacityInput{Instances: 5, BusyInstances: 5,
			Provisioning: []TaskGroup{group(6, 1024, 2048)}}, 160, 8, 3, 0},
		{"memory decides", nil, CapacityInput{Instances: 4, BusyInstances: 4,
			Provisioning: []TaskGroup{group(4, 256, 4096)}}, 200, 8, 4, 0},
		{"groups packed separately", nil, CapacityInput{Instances: 2, BusyInstances: 2,
			Provisioning: []TaskGroup{group(1, 1024, 1024), group(1, 512, 512)}}, 200, 4, 2, 0},
		{"minimum step size", func(c *ManagedScalingConfig) { c.MinimumScalingStepSize = 3 },
			CapacityInput{Instances: 3, BusyInstances: 3, Provisioning: []TaskGroup{group(1, 256, 256)}}, 200, 6, 3, 0},
		{"maximum step size", func(c *ManagedScalingConfig) { c.MaximumScalingStepSize = 2 },
			CapacityInput{Instances: 4, BusyInstances: 4, Provisioning: []TaskGroup{group(10, 2048, 1024)}}, 150, 6, 2, 0},
		{"all incompatible: CPR stays at target", func(c *ManagedScalingConfig) { c.TargetCapacity = 90 },
			CapacityInput{Instances: 3, BusyInstances: 1, Provisioning: []TaskGroup{group(2, 4096, 1024)}}, 90, 3, 0, 2},
		{"bigger than the smallest type is incompatible", func(c *ManagedScalingConfig) {
			c.InstanceTypes = []InstanceShape{m5large, m5xlarge}
		}, CapacityInput{Instances: 2, BusyInstances: 2, Provisioning: []TaskGroup{group(3, 3000, 1024), group(3, 1024, 1024)}}, 150, 3, 1, 3},
		{"largest type gives the count", func(c *ManagedScalingConfig) {
			c.InstanceTypes = []InstanceShape{m5xlarge, m5large}
		}, CapacityInput{Instances: 2, BusyInstances: 2, Provisioning: []TaskGroup{group(8, 1024, 1024)}}, 200, 4, 2, 0},
		{"static host port: one per instance", nil, CapacityInput{Instances: 1, BusyInstances: 1,
			Provisioning: []TaskGroup{{Count: 3, Needs: Resources{CPU: 128, Memory: 128, Ports: 1}}}}, 400, 4, 3, 0},
		{"awsvpc ENIs", nil, CapacityInput{Instances: 1, BusyInstances: 1,
			Provisioning: []TaskGroup{{Count: 5, Needs: Resources{CPU: 128, Memory: 128, ENIs: 1}}}}, 400, 4, 3, 0},
		{"GPU tasks on a mixed group without GPUs in the smallest", func(c *ManagedScalingConfig) {
			c.InstanceTypes = []InstanceShape{m5xlarge, g4dnlarge}
		}, CapacityInput{Instances: 1, BusyInstances: 1, Provisioning: []TaskGroup{{Count: 2, Needs: Resources{CPU: 512, Memory: 512, GPUs: 1}}}}, 100, 1, 0, 2},
		{"GPU tasks", func(c *ManagedScalingConfig) { c.InstanceTypes = []InstanceShape{g4dnlarge} },
			CapacityInput{Instances: 1, BusyInstances: 1, Provisioning: []TaskGroup{{Count: 2, Needs: Resources{CPU: 512, Memory: 512, GPUs: 1}}}}, 300, 3, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newManaged(t, tc.mod).Reserve(tc.in)
			if r.CPR != tc.cpr || r.M != tc.m || r.Extra != tc.extra || r.Incompatible != tc.incompatible {
				t.Errorf("got %+v, want CPR %v M %d extra %d incompatible %d", r, tc.cpr, tc.m, tc.extra, tc.incompatible)
			}
		})
	}
}

func TestManagedScalingTargetCapacitySpare(t *testing.T) {
	// ref §5.3 [S17]: with t < 100 spare instances stay; M = 9, t = 90 ⇒ desired 10.
	ms := newManaged(t, func(c *ManagedScalingConfig) { c.TargetCapacity = 90 })
	d := ms.Evaluate(time.Minute, CapacityInput{Instances: 9, BusyInstances: 9, DesiredCapacity: 9, NewestLaunch: -time.Hour})
	if d.Action != ScaleOut || d.DesiredCapacity != 10 || d.AlarmHigh != Alarm {
		t.Errorf("decision %+v, want scale-out to 10", d)
	}
	// Empty cluster with t < 100 (CPR = 100 > 90) must not loop: ceil(100·0/90) = 0.
	ms = newManaged(t, func(c *ManagedScalingConfig) { c.TargetCapacity = 80 })
	for k := 1; k <= 30; k++ {
		if d := ms.Evaluate(time.Duration(k)*time.Minute, CapacityInput{}); d.Action != NoAction {
			t.Fatalf("minute %d: empty cluster scaled: %+v", k, d)
		}
	}
}

// TestManagedScalingFromZeroAndWarmup follows the reference's timing
// example (ref §5.4): demand at t=0 on an empty cluster ⇒ CPR 200 at the
// first publish ⇒ 2 instances; the next step waits for their warm-up.
func TestManagedScalingFromZeroAndWarmup(t *testing.T) {
	ms := newManaged(t, nil)
	demand := []TaskGroup{group(10, 1024, 1024)} // 5 m5.large worth
	d := ms.Evaluate(time.Minute, CapacityInput{Provisioning: demand})
	if d.CPR != 200 || d.Action != ScaleOut || d.DesiredCapacity != 2 {
		t.Fatalf("from zero: %+v, want CPR 200 and desired 2", d)
	}
	// Instances launch at 1m30s and register; 6 tasks remain PROVISIONING.
	in := CapacityInput{Instances: 2, BusyInstances: 2, DesiredCapacity: 2, NewestLaunch: 90 * time.Second,
		Provisioning: []TaskGroup{group(6, 1024, 1024)}}
	for k := 2; k <= 6; k++ {
		d = ms.Evaluate(time.Duration(k)*time.Minute, in)
		if d.Action != NoAction || d.Blocked != BlockedWarmup || d.AlarmHigh != Alarm {
			t.Fatalf("minute %d: %+v, want blocked by warm-up", k, d)
		}
	}
	d = ms.Evaluate(7*time.Minute, in) // 90 s + 300 s = 6m30s has passed
	if d.Action != ScaleOut || d.DesiredCapacity != 5 || d.CPR != 250 {
		t.Errorf("after warm-up: %+v, want desired 5 (M = 2 + 3)", d)
	}
}

func TestManagedScalingScaleInPacing(t *testing.T) {
	ms := newManaged(t, nil)
	in := CapacityInput{Instances: 10, BusyInstances: 4, DesiredCapacity: 10}
	for k := 1; k < 15; k++ {
		if d := ms.Evaluate(time.Duration(k)*time.Minute, in); d.Action != NoAction || d.CPR != 40 {
			t.Fatalf("minute %d: %+v, want waiting for 15 low datapoints", k, d)
		}
	}
	// ref §5.4: at most floor(50 % of N) per minute, never below ceil(100·M/t).
	d := ms.Evaluate(15*time.Minute, in)
	if d.Action != ScaleIn || d.DesiredCapacity != 5 || d.AlarmLow != Alarm {
		t.Fatalf("minute 15: %+v, want scale-in to 5", d)
	}
	in = CapacityInput{Instances: 5, BusyInstances: 4, DesiredCapacity: 5}
	if d := ms.Evaluate(16*time.Minute, in); d.Action != ScaleIn || d.DesiredCapacity != 4 {
		t.Fatalf("minute 16: %+v, want scale-in to 4 (the busy instances)", d)
	}
	in = CapacityInput{Instances: 4, BusyInstances: 4, DesiredCapacity: 4}
	if d := ms.Evaluate(17*time.Minute, in); d.Action != NoAction || d.AlarmLow != OK {
		t.Errorf("minute 17: %+v, want no action with CPR back at 100", d)
	}
}

func TestManagedScalingScaleInHoldAfterScaleOut(t *testing.T) {
	ms := newManaged(t, func(c *ManagedScalingConfig) { c.Model.LowEvaluationPeriods = 2 })
	d := ms.Evaluate(time.Minute, CapacityInput{Instances: 2, BusyInstances: 2, DesiredCapacity: 2, NewestLaunch: -time.Hour,
		Provisioning: []TaskGroup{group(2, 2048, 1024)}})
	if d.Action != ScaleOut || d.DesiredCapacity != 4 {
		t.Fatalf("minute 1: %+v, want scale-out to 4", d)
	}
	idle := CapacityInput{Instances: 4, BusyInstances: 1, DesiredCapacity: 4}
	for k := 2; k <= 15; k++ {
		d := ms.Evaluate(time.Duration(k)*time.Minute, idle)
		if d.Action != NoAction {
			t.Fatalf("minute %d: scaled in within 15 minutes of a scale-out: %+v", k, d)
		}
		if k >= 3 && d.Blocked != BlockedCooldown {
			t.Errorf("minute %d: blocked %v, want the scale-in hold", k, d.Blocked)
		}
	}
	if d := ms.Evaluate(16*time.Minute, idle); d.Action != ScaleIn || d.DesiredCapacity != 2 {
		t.Errorf("minute 16: %+v, want scale-in to 2", d)
	}
}

func TestManagedScalingGroupBounds(t *testing.T) {
	ms := newManaged(t, func(c *ManagedScalingConfig) { c.MaxSize, c.MinSize = 3, 1 })
	d := ms.Evaluate(time.Minute, CapacityInput{Instances: 2, BusyInstances: 2, DesiredCapacity: 2, NewestLaunch: -time.Hour,
		Provisioning: []TaskGroup{group(8, 2048, 1024)}})
	if d.DesiredCapacity != 3 || d.Action != ScaleOut {
		t.Fatalf("capped at MaxSize: %+v", d)
	}
	d = ms.Evaluate(7*time.Minute, CapacityInput{Instances: 3, BusyInstances: 3, DesiredCapacity: 3,
		Provisioning: []TaskGroup{group(7, 2048, 1024)}})
	if d.Action != NoAction || d.Blocked != BlockedBounds {
		t.Errorf("at MaxSize: %+v, want blocked by bounds", d)
	}
	// Scale-in never goes below MinSize.
	ms = newManaged(t, func(c *ManagedScalingConfig) { c.MaxSize, c.MinSize = 10, 3 })
	var last CapacityDecision
	for k := 1; k <= 20; k++ {
		last = ms.Evaluate(time.Duration(k)*time.Minute, CapacityInput{Instances: 6, DesiredCapacity: 6})
	}
	if last.DesiredCapacity < 3 {
		t.Errorf("below MinSize: %+v", last)
	}
}

func TestManagedScalingValidation(t *testing.T) {
	_, err := NewManagedScaling(ManagedScalingConfig{TargetCapacity: 101, MinimumScalingStepSize: 20, MaximumScalingStepSize: 10,
		InstanceWarmupPeriod: Seconds(20000), MinSize: 2, MaxSize: 0,
		InstanceTypes: []InstanceShape{{InstanceType: "bad"}}})
	for _, want := range []string{
		"target_capacity: 101 is not within 1–100",
		"maximum_scaling_step_size: 10 is less than minimum_scaling_step_size 20",
		"instance_warmup_period: 5h33m20s is not within 0–10000 s",
		"max_size: 0: the Auto Scaling group's MaxSize must be positive",
		"min_size: 2 is not within 0..max_size (0)",
		`instance_types[0]: "bad" needs positive CPU and memory`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nlacks %q", err, want)
		}
	}
	if _, err := NewManagedScaling(ManagedScalingConfig{MaxSize: 1}); err == nil || !strings.Contains(err.Error(), "instance_types: at least one") {
		t.Errorf("no instance types: %v", err)
	}
	ms := newManaged(t, nil)
	if ms.TargetCapacity() != 100 {
		t.Errorf("default target %d", ms.TargetCapacity())
	}
}
