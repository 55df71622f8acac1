package autoscale

import (
	"math"
	"strings"
	"testing"
	"time"
)

var nan = math.NaN()

func TestTargetTrackingAlarmHighNeeds3Minutes(t *testing.T) {
	h := newHarness(t, 1, 20, 4, 1)
	h.tt(0, 75, nil)
	acted := h.run(3, 90)
	d, ok := acted[3]
	if len(acted) != 1 || !ok {
		t.Fatalf("acted %v, want exactly at minute 3", acted)
	}
	// ref §6.3 modelling choice: ceil(4 × 90 / 75) = ceil(4.8) = 5.
	if d.Action != ScaleOut || d.Desired != 5 || d.Cause != CauseTargetTracking || d.Policy != 0 {
		t.Errorf("decision %+v", d)
	}
}

func TestTargetTrackingRounding(t *testing.T) {
	// ref §6.3 [S33] by analogy: a computed need to add 1.5 adds 2; a
	// computed 1.5 to remove removes only 1.
	t.Run("add 1.5 adds 2", func(t *testing.T) {
		h := newHarness(t, 1, 20, 3, 1)
		h.tt(0, 50, nil)
		if d := h.run(3, 75)[3]; d.Desired != 5 {
			t.Errorf("desired %d, want 5 (3 × 75/50 = 4.5)", d.Desired)
		}
	})
	t.Run("remove 1.5 removes 1", func(t *testing.T) {
		h := newHarness(t, 1, 20, 3, 1)
		h.tt(0, 50, nil)
		if d := h.run(15, 25)[15]; d.Action != ScaleIn || d.Desired != 2 {
			t.Errorf("decision %+v, want scale-in to 2 (3 × 25/50 = 1.5)", d)
		}
	})
	t.Run("round nearest", func(t *testing.T) {
		h := newHarness(t, 1, 20, 3, 1)
		h.tt(0, 50, func(c *TargetTrackingConfig) { c.Model.Rounding = RoundNearest })
		if d := h.run(3, 70)[3]; d.Desired != 4 {
			t.Errorf("desired %d, want 4 (3 × 70/50 = 4.2)", d.Desired)
		}
	})
}

func TestTargetTrackingScaleOutCooldown(t *testing.T) {
	h := newHarness(t, 1, 20, 4, 1)
	h.tt(0, 75, nil)
	h.follow = false // new tasks are still starting: running stays 4
	h.run(3, 90)     // scale-out to 5 at minute 3
	// Same metric during the cooldown: capacity 5 is not larger, blocked.
	if d := h.minute(90); d.Action != NoAction || d.Blocked != BlockedCooldown {
		t.Errorf("minute 4: %+v, want blocked by cooldown", d)
	}
	// A larger scale-out proceeds during the cooldown (which runs to minute
	// 8): AlarmHigh is still in ALARM and its latest datapoint gives
	// ceil(4×150/75) = 8.
	if d := h.minute(150); d.Action != ScaleOut || d.Desired != 8 {
		t.Errorf("minute 5: %+v, want scale-out to 8", d)
	}
}

func TestTargetTrackingScaleInAndCooldown(t *testing.T) {
	h := newHarness(t, 1, 20, 10, 1)
	h.tt(0, 75, nil)
	acted := h.run(14, 30)
	if len(acted) != 0 {
		t.Fatalf("scaled in before 15 low minutes: %v", acted)
	}
	// ref §6.3: AlarmLow = 15 of 15 below 0.9 × 75; ceil(10 × 30/75) = 4.
	if d := h.minute(30); d.Action != ScaleIn || d.Desired != 4 {
		t.Fatalf("minute 15: %+v, want scale-in to 4", d)
	}
	// The scale-in cooldown (300 s) holds the next scale-in (to 2) until minute 20.
	acted = h.run(5, 30)
	if d, ok := acted[20]; len(acted) != 1 || !ok || d.Desired != 2 {
		t.Errorf("after cooldown: %v, want scale-in to 2 at minute 20", acted)
	}
	if h.history[16].Blocked != BlockedCooldown {
		t.Errorf("minute 17 blocked = %v, want cooldown", h.history[16].Blocked)
	}
}

func TestTargetTrackingScaleOutCancelsScaleInCooldown(t *testing.T) {
	h := newHarness(t, 1, 20, 10, 1)
	h.tt(0, 75, func(c *TargetTrackingConfig) { c.ScaleInCooldown = Seconds(3600) })
	h.run(15, 30) // scale-in to 4 at minute 15, scale-in cooldown until minute 75
	acted := h.run(3, 150)
	if d, ok := acted[18]; !ok || d.Action != ScaleOut || d.Desired != 8 {
		t.Fatalf("scale-out during scale-in cooldown: %v", acted)
	}
	// With the scale-in cooldown cancelled, 15 low minutes scale in again.
	acted = h.run(15, 30)
	if d, ok := acted[33]; !ok || d.Action != ScaleIn {
		t.Errorf("scale-in after cancelled cooldown: %v", acted)
	}
}

func TestTargetTrackingDisableScaleInAndDeployment(t *testing.T) {
	t.Run("DisableScaleIn", func(t *testing.T) {
		h := newHarness(t, 1, 20, 10, 1)
		h.tt(0, 1000, func(c *TargetTrackingConfig) {
			c.DisableScaleIn = true
			c.PredefinedMetricSpecification = &PredefinedMetricSpecification{PredefinedMetricType: ALBRequestCountPerTarget, ResourceLabel: "app/x/y/targetgroup/z/w"}
		})
		if acted := h.run(30, 10); len(acted) != 0 {
			t.Errorf("scaled with scale-in disabled: %v", acted)
		}
		if acted := h.run(3, 2000); acted[33].Desired != 20 {
			t.Errorf("scale-out still works (clamped to max 20): %v", acted)
		}
	})
	t.Run("deployment suspends scale-in only", func(t *testing.T) {
		h := newHarness(t, 1, 20, 10, 1)
		h.tt(0, 75, nil)
		h.in.DeploymentInProgress = true
		if acted := h.run(20, 30); len(acted) != 0 {
			t.Errorf("scaled in during a deployment: %v", acted)
		}
		if h.history[19].Blocked != BlockedDeployment {
			t.Errorf("blocked = %v, want deployment", h.history[19].Blocked)
		}
		if acted := h.run(3, 150); acted[23].Action != ScaleOut {
			t.Errorf("scale-out during a deployment: %v", acted)
		}
	})
}

func TestTargetTrackingClamping(t *testing.T) {
	tests := []struct {
		name             string
		min, max         int
		running, desired int
		metric           float64
		minutes          int
		want             Action
		wantDesired      int
	}{
		{"scale-out capped at max", 1, 6, 4, 4, 300, 3, ScaleOut, 6},
		{"scale-in floored at min", 3, 20, 10, 10, 5, 15, ScaleIn, 3},
		{"below min: scale-out goes to min at least", 5, 20, 2, 2, 80, 3, ScaleOut, 5},
		{"below min: scale-in does nothing", 5, 20, 2, 2, 10, 15, NoAction, 2},
		{"above max: scale-in goes to max at least", 1, 8, 12, 12, 60, 15, ScaleIn, 8},
		{"above max: scale-out does nothing", 1, 8, 12, 12, 300, 3, NoAction, 12},
		{"base is running, not desired", 1, 20, 4, 10, 150, 3, NoAction, 10}, // ceil(4×150/75) = 8 ≤ 10
		{"base is running: scale-out above desired", 1, 20, 6, 10, 150, 3, ScaleOut, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.min, tc.max, tc.desired, 1)
			h.in.Running = tc.running
			h.follow = false
			h.tt(0, 75, nil)
			var last Decision
			for range tc.minutes {
				last = h.minute(tc.metric)
			}
			if last.Action != tc.want || last.Desired != tc.wantDesired {
				t.Errorf("decision %+v, want %v to %d", last, tc.want, tc.wantDesired)
			}
		})
	}
}

func TestTargetTrackingScaleFromZero(t *testing.T) {
	h := newHarness(t, 0, 10, 0, 1)
	h.tt(0, 100, func(c *TargetTrackingConfig) {
		c.PredefinedMetricSpecification = nil
		c.CustomizedMetricSpecification = &CustomizedMetricSpecification{MetricName: "ApproximateNumberOfMessagesVisible", Namespace: "AWS/SQS", Statistic: Average}
	})
	// ref §6.3 [S26]: from 0 running, one datapoint above target scales out by 1.
	if d := h.minute(500); d.Action != ScaleOut || d.Desired != 1 {
		t.Fatalf("minute 1: %+v, want scale-out to 1", d)
	}
	// Then proportional scaling resumes: ceil(1 × 500/100) = 5 after AlarmHigh.
	acted := h.run(2, 500)
	if d, ok := acted[3]; !ok || d.Desired != 5 {
		t.Errorf("proportional after zero: %v", acted)
	}
	// CPU metrics publish nothing without running tasks: no datapoint, no scaling.
	h2 := newHarness(t, 0, 10, 0, 1)
	h2.tt(0, 75, nil)
	if acted := h2.run(20, nan); len(acted) != 0 {
		t.Errorf("scaled from zero without datapoints: %v", acted)
	}
}

func TestTargetTrackingConstantAtTargetNoAction(t *testing.T) {
	h := newHarness(t, 1, 20, 7, 1)
	h.tt(0, 60, nil)
	if acted := h.run(120, 60); len(acted) != 0 {
		t.Errorf("metric at target scaled: %v", acted)
	}
	// Inside the dead band (between 0.9 × target and target): no action either.
	if acted := h.run(60, 55); len(acted) != 0 {
		t.Errorf("metric in the dead band scaled: %v", acted)
	}
}

func TestTargetTrackingSeveralPolicies(t *testing.T) {
	t.Run("largest scale-out wins", func(t *testing.T) {
		h := newHarness(t, 1, 50, 4, 2)
		h.tt(0, 50, nil) // cpu 75 → ceil(4×75/50) = 6
		h.tt(1, 50, nil) // mem 100 → 8
		if d := h.run(3, 75, 100)[3]; d.Desired != 8 || d.Policy != 1 {
			t.Errorf("decision %+v, want 8 from policy 1", d)
		}
	})
	t.Run("scale-in only when all agree", func(t *testing.T) {
		h := newHarness(t, 1, 50, 10, 2)
		h.tt(0, 50, nil)
		h.tt(1, 50, nil)
		if acted := h.run(30, 10, 48); len(acted) != 0 { // memory in its dead band
			t.Errorf("scaled in without agreement: %v", acted)
		}
		acted := h.run(15, 10, 30)
		if d, ok := acted[45]; !ok || d.Desired != 6 { // max(ceil(10×10/50)=2, ceil(10×30/50)=6)
			t.Errorf("agreed scale-in: %v, want 6 at minute 45", acted)
		}
	})
	t.Run("a scale-out blocks every scale-in", func(t *testing.T) {
		h := newHarness(t, 1, 50, 10, 2)
		h.tt(0, 50, nil)
		h.tt(1, 50, func(c *TargetTrackingConfig) { c.ScaleOutCooldown = Seconds(3600) })
		h.follow = false
		h.run(15, 10, 80) // policy 1 scales out at minute 3 then stays in cooldown wanting out
		for m, d := range h.history {
			if d.Action == ScaleIn {
				t.Errorf("minute %d scaled in while a policy asks for scale-out", m+1)
			}
		}
	})
	t.Run("a policy with scale-in disabled abstains", func(t *testing.T) {
		h := newHarness(t, 1, 50, 10, 2)
		h.tt(0, 50, nil)
		h.tt(1, 50, func(c *TargetTrackingConfig) { c.DisableScaleIn = true })
		if d := h.run(15, 10, 40)[15]; d.Action != ScaleIn || d.Desired != 2 {
			t.Errorf("decision %+v, want scale-in to 2", d)
		}
	})
}

func TestTargetTrackingSuspended(t *testing.T) {
	h := newHarness(t, 1, 20, 4, 1)
	h.tt(0, 75, nil)
	h.target.SetSuspended(SuspendedState{DynamicScalingOutSuspended: true})
	if acted := h.run(5, 200); len(acted) != 0 || h.history[4].Blocked != BlockedSuspended {
		t.Errorf("scaled out while suspended: %v (blocked %v)", acted, h.history[4].Blocked)
	}
}

func TestTargetTrackingValidation(t *testing.T) {
	m := NewMetrics(0)
	id, _ := m.Add(MetricConfig{})
	tests := []struct {
		name string
		c    TargetTrackingConfig
		want []string
	}{
		{"unknown predefined metric", TargetTrackingConfig{TargetValue: 50, Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: "ECSServiceAverageDiskUtilization"}},
			[]string{`predefined_metric_specification.predefined_metric_type: unknown metric "ECSServiceAverageDiskUtilization"`}},
		{"ALB needs resource label", TargetTrackingConfig{TargetValue: 50, Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ALBRequestCountPerTarget}},
			[]string{"predefined_metric_specification.resource_label: ALBRequestCountPerTarget needs"}},
		{"no metric, bad target and cooldowns", TargetTrackingConfig{TargetValue: 0, Metric: id,
			ScaleOutCooldown: Seconds(-1), ScaleInCooldown: Seconds(-5)},
			[]string{"predefined_metric_specification: a predefined or a customized metric is required",
				"target_value: 0 is not a positive number", "scale_out_cooldown: -1s is negative", "scale_in_cooldown: -5s is negative"}},
		{"both metric kinds", TargetTrackingConfig{TargetValue: 50, Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization},
			CustomizedMetricSpecification: &CustomizedMetricSpecification{}},
			[]string{"not both"}},
		{"custom metric fields", TargetTrackingConfig{TargetValue: 50, Metric: id,
			CustomizedMetricSpecification: &CustomizedMetricSpecification{}},
			[]string{"customized_metric_specification.metric_name: required", "customized_metric_specification.namespace: required",
				"customized_metric_specification.statistic: unknown statistic"}},
		{"model", TargetTrackingConfig{TargetValue: 50, Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization},
			Model:                         TargetTrackingModel{LowTargetRatio: 1.5, HighEvaluationPeriods: 3, HighDatapointsToAlarm: 4}},
			[]string{"model.low_target_ratio: 1.5 is not within (0, 1]"}},
		{"model alarm", TargetTrackingConfig{TargetValue: 50, Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization},
			Model:                         TargetTrackingModel{HighEvaluationPeriods: 3, HighDatapointsToAlarm: 4}},
			[]string{"model.alarm_high.datapoints_to_alarm: 4 is not within 1..evaluation_periods (3)"}},
		{"unknown series", TargetTrackingConfig{TargetValue: 50, Metric: 9,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization}},
			[]string{"model.alarm_high.metric: unknown metric 9"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg, err := NewScalableTarget(m, ScalableTargetConfig{MinCapacity: 1, MaxCapacity: 2})
			if err != nil {
				t.Fatal(err)
			}
			tc.c.PolicyName = "p"
			_, err = tg.AddTargetTracking(tc.c)
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v lacks %q", err, w)
				}
			}
		})
	}
}

func TestScalableTargetValidation(t *testing.T) {
	m := NewMetrics(0)
	_, err := NewScalableTarget(m, ScalableTargetConfig{MinCapacity: 5, MaxCapacity: 2})
	if err == nil || err.Error() != "max_capacity: 2 is less than min_capacity 5" {
		t.Errorf("min > max: %v", err)
	}
	_, err = NewScalableTarget(m, ScalableTargetConfig{MinCapacity: -1, MaxCapacity: -3})
	if err == nil || !strings.Contains(err.Error(), "min_capacity: -1 is negative") {
		t.Errorf("negative: %v", err)
	}
	tg, _ := NewScalableTarget(m, ScalableTargetConfig{MaxCapacity: 3, ResourceId: "service/c/s"})
	if lo, hi := tg.Bounds(); lo != 0 || hi != 3 || tg.ResourceID() != "service/c/s" {
		t.Errorf("bounds %d %d id %q", lo, hi, tg.ResourceID())
	}
	_ = time.Second
}

func TestPrefixFieldErrors(t *testing.T) {
	m := NewMetrics(0)
	id, _ := m.Add(MetricConfig{})
	tg, _ := NewScalableTarget(m, ScalableTargetConfig{MaxCapacity: 2})
	_, err := tg.AddTargetTracking(TargetTrackingConfig{Metric: id, ScaleInCooldown: Seconds(-1)})
	got := PrefixFieldErrors("services[2].target_tracking[0]", err).Error()
	for _, want := range []string{
		"services[2].target_tracking[0].predefined_metric_specification: a predefined or a customized metric is required",
		"services[2].target_tracking[0].target_value: 0 is not a positive number",
		"services[2].target_tracking[0].scale_in_cooldown: -1s is negative",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%s\nlacks %q", got, want)
		}
	}
	if PrefixFieldErrors("x", nil) != nil {
		t.Error("nil error prefixed to non-nil")
	}
}
