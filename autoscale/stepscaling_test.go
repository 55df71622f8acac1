package autoscale

import (
	"strings"
	"testing"
	"time"
)

// stepAlarm is a 1-of-1 one-minute alarm on metric id.
func stepAlarm(id MetricID, threshold float64, op ComparisonOperator) AlarmConfig {
	return AlarmConfig{Metric: id, Statistic: Average, EvaluationPeriods: 1, Threshold: threshold, ComparisonOperator: op}
}

func (h *harness) step(c StepScalingConfig) {
	h.t.Helper()
	if _, err := h.target.AddStepScaling(c); err != nil {
		h.t.Fatal(err)
	}
}

// TestStepScalingWorkedExample is the documented example (ref §6.4 [S25]):
// capacity 10, threshold 50, +0/+10/+30 % above and −0/−10/−30 % below.
func TestStepScalingWorkedExample(t *testing.T) {
	h := newHarness(t, 0, 100, 10, 1)
	h.step(StepScalingConfig{
		PolicyName: "out", AdjustmentType: PercentChangeInCapacity, Cooldown: Seconds(0),
		Alarm: stepAlarm(h.ids[0], 50, GreaterThanOrEqualToThreshold),
		StepAdjustments: []StepAdjustment{
			{MetricIntervalLowerBound: Bound(0), MetricIntervalUpperBound: Bound(10), ScalingAdjustment: 0},
			{MetricIntervalLowerBound: Bound(10), MetricIntervalUpperBound: Bound(20), ScalingAdjustment: 10},
			{MetricIntervalLowerBound: Bound(20), ScalingAdjustment: 30},
		},
	})
	h.step(StepScalingConfig{
		PolicyName: "in", AdjustmentType: PercentChangeInCapacity, Cooldown: Seconds(0),
		Alarm: stepAlarm(h.ids[0], 50, LessThanOrEqualToThreshold),
		StepAdjustments: []StepAdjustment{
			{MetricIntervalLowerBound: Bound(-10), MetricIntervalUpperBound: Bound(0), ScalingAdjustment: 0},
			{MetricIntervalLowerBound: Bound(-20), MetricIntervalUpperBound: Bound(-10), ScalingAdjustment: -10},
			{MetricIntervalUpperBound: Bound(-20), ScalingAdjustment: -30},
		},
	})
	for _, tc := range []struct {
		metric float64
		want   int
	}{
		{55, 10}, // step 0–10: +0 %
		{60, 11}, // +10 % of 10 = 1
		{70, 14}, // +30 % of 11 = 3.3 → 3
		{40, 13}, // −10 % of 14 = −1.4 → −1
		{30, 10}, // −30 % of 13 = −3.9 → −3
		{50, 10}, // at the threshold: the 0 % step
	} {
		h.minute(tc.metric)
		if h.in.Desired != tc.want {
			t.Errorf("metric %v: capacity %d, want %d", tc.metric, h.in.Desired, tc.want)
		}
	}
}

func TestPercentChangeRounding(t *testing.T) {
	tests := []struct {
		current, pct, minMag, want int
	}{
		{10, 10, 0, 1},
		{11, 30, 0, 3},     // 3.3 → 3
		{127, 10, 0, 12},   // 12.7 → 12 (documented)
		{667, -1, 0, -6},   // −6.67 → −6 (documented)
		{5, 10, 0, 1},      // 0.5 → 1
		{5, -10, 0, -1},    // −0.5 → −1
		{10, 10, 0, 1},     // exactly 1
		{10, -10, 0, -1},   // exactly −1
		{4, 25, 2, 2},      // 25 % of 4 with MinAdjustmentMagnitude 2 ⇒ +2 (documented)
		{4, -25, 2, -2},    // mirrored
		{40, 25, 2, 10},    // magnitude already above the minimum
		{0, 50, 0, 0},      // nothing to take a percentage of
		{0, 50, 3, 3},      // MinAdjustmentMagnitude lifts it
		{10, 0, 5, 0},      // a 0 % step never moves
		{100, 200, 0, 200}, // the fixture's +200 %
		{3, -50, 0, -1},    // −1.5 → −1
	}
	for _, tc := range tests {
		if got := PercentChange(tc.current, tc.pct, tc.minMag); got != tc.want {
			t.Errorf("PercentChange(%d, %d%%, min %d) = %d, want %d", tc.current, tc.pct, tc.minMag, got, tc.want)
		}
	}
}

func TestApplyAdjustment(t *testing.T) {
	tests := []struct {
		name                 string
		typ                  AdjustmentType
		adj, minMag, running int
		lo, hi, want         int
	}{
		{"change +3", ChangeInCapacity, 3, 0, 5, 1, 10, 8},
		{"change −2", ChangeInCapacity, -2, 0, 5, 1, 10, 3},
		{"exact", ExactCapacity, 7, 0, 2, 1, 10, 7},
		{"exact zero", ExactCapacity, 0, 0, 2, 0, 10, 0},
		{"percent", PercentChangeInCapacity, 50, 0, 6, 1, 20, 9},
		{"scale-out from below min starts at min", ChangeInCapacity, 2, 0, 1, 4, 10, 6},
		{"scale-in from above max starts at max", ChangeInCapacity, -2, 0, 15, 1, 10, 8},
		{"percent from below min uses min as base", PercentChangeInCapacity, 50, 0, 1, 4, 10, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := applyAdjustment(tc.typ, tc.adj, tc.minMag, tc.running, tc.lo, tc.hi); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func TestStepScalingAdjustmentTypes(t *testing.T) {
	tests := []struct {
		name    string
		typ     AdjustmentType
		adj     int
		desired int
		want    int
	}{
		{"ChangeInCapacity", ChangeInCapacity, 3, 4, 7},
		{"ExactCapacity", ExactCapacity, 9, 4, 9},
		{"PercentChangeInCapacity", PercentChangeInCapacity, 200, 4, 12},
		{"ChangeInCapacity clamped at max", ChangeInCapacity, 30, 4, 15},
		{"ExactCapacity below current scales in", ExactCapacity, 2, 4, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 1, 15, tc.desired, 1)
			h.step(StepScalingConfig{PolicyName: "p", AdjustmentType: tc.typ,
				Alarm:           stepAlarm(h.ids[0], 75, GreaterThanThreshold),
				StepAdjustments: []StepAdjustment{{MetricIntervalLowerBound: Bound(0), ScalingAdjustment: tc.adj}}})
			if d := h.minute(90); d.Desired != tc.want || d.Cause != CauseStepScaling {
				t.Errorf("decision %+v, want desired %d", d, tc.want)
			}
		})
	}
}

func TestStepScalingCooldown(t *testing.T) {
	newStep := func(t *testing.T) *harness {
		h := newHarness(t, 1, 50, 10, 1)
		h.follow = false
		h.step(StepScalingConfig{PolicyName: "out", AdjustmentType: ChangeInCapacity,
			Alarm: stepAlarm(h.ids[0], 50, GreaterThanThreshold),
			StepAdjustments: []StepAdjustment{
				{MetricIntervalLowerBound: Bound(0), MetricIntervalUpperBound: Bound(20), ScalingAdjustment: 2},
				{MetricIntervalLowerBound: Bound(20), ScalingAdjustment: 3},
			}})
		return h
	}
	t.Run("a larger step adds only the difference", func(t *testing.T) {
		h := newStep(t)
		if d := h.minute(60); d.Desired != 12 {
			t.Fatalf("first: %+v", d)
		}
		if d := h.minute(60); d.Action != NoAction || d.Blocked != BlockedCooldown {
			t.Errorf("same step during cooldown: %+v", d)
		}
		// ref §6.4: previous +2, new step +3 ⇒ +1.
		if d := h.minute(80); d.Action != ScaleOut || d.Desired != 13 {
			t.Errorf("larger step: %+v, want 13", d)
		}
	})
	t.Run("after the cooldown the step applies in full", func(t *testing.T) {
		h := newStep(t)
		h.minute(60) // 12 at minute 1, cooldown to minute 6
		h.run(4, 10)
		h.in.Running = 12
		if d := h.minute(60); d.Action != ScaleOut || d.Desired != 14 {
			t.Errorf("after cooldown: %+v, want 14", d)
		}
	})
}

func TestStepScaleInCooldownAndVeto(t *testing.T) {
	h := newHarness(t, 1, 50, 10, 1)
	h.step(StepScalingConfig{PolicyName: "in", AdjustmentType: ChangeInCapacity,
		Alarm:           stepAlarm(h.ids[0], 30, LessThanThreshold),
		StepAdjustments: []StepAdjustment{{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -1}}})
	if d := h.minute(10); d.Action != ScaleIn || d.Desired != 9 {
		t.Fatalf("first scale-in: %+v", d)
	}
	acted := h.run(5, 10) // cooldown 300 s from minute 1
	if d, ok := acted[6]; len(acted) != 1 || !ok || d.Desired != 8 {
		t.Errorf("scale-in cooldown: %v, want one scale-in at minute 6", acted)
	}
	// A target-tracking policy asking for scale-out vetoes the step scale-in
	// (a step scale-in is not held back by target tracking otherwise).
	h2 := newHarness(t, 1, 50, 10, 2)
	h2.follow = false
	h2.tt(1, 50, func(c *TargetTrackingConfig) { c.ScaleOutCooldown = Seconds(3600) })
	h2.step(StepScalingConfig{PolicyName: "in", AdjustmentType: ChangeInCapacity,
		Alarm:           stepAlarm(h2.ids[0], 30, LessThanThreshold),
		StepAdjustments: []StepAdjustment{{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -1}}})
	h2.run(3, 40, 80) // target tracking scales out at minute 3, then keeps asking (cooldown)
	h2.run(7, 10, 80)
	for m, d := range h2.history[3:] {
		if d.Action == ScaleIn {
			t.Errorf("minute %d: step scale-in while target tracking asks for scale-out", m+4)
		}
	}
	if h2.history[9].Blocked != BlockedByScaleOut {
		t.Errorf("blocked = %v, want scale-out veto", h2.history[9].Blocked)
	}
	// Without a scale-out wish, the step scale-in proceeds although the
	// target-tracking policy (in its dead band) does not agree.
	h3 := newHarness(t, 1, 50, 10, 2)
	h3.tt(1, 50, nil)
	h3.step(StepScalingConfig{PolicyName: "in", AdjustmentType: ChangeInCapacity,
		Alarm:           stepAlarm(h3.ids[0], 30, LessThanThreshold),
		StepAdjustments: []StepAdjustment{{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -1}}})
	if d := h3.minute(10, 48); d.Action != ScaleIn {
		t.Errorf("step scale-in held back by target tracking: %+v", d)
	}
}

func TestStepMetricAggregationType(t *testing.T) {
	for _, tc := range []struct {
		agg  Statistic
		want int
	}{{0, 12}, {Average, 12}, {Minimum, 11}, {Maximum, 13}} {
		t.Run(tc.agg.String(), func(t *testing.T) {
			h := newHarness(t, 1, 50, 10, 1)
			alarm := stepAlarm(h.ids[0], 50, GreaterThanThreshold)
			alarm.EvaluationPeriods = 3
			h.step(StepScalingConfig{PolicyName: "p", AdjustmentType: ChangeInCapacity, MetricAggregationType: tc.agg,
				Alarm: alarm,
				StepAdjustments: []StepAdjustment{ // breach of the 3 datapoints 55, 65, 75: min 5, mean 15, max 25
					{MetricIntervalLowerBound: Bound(0), MetricIntervalUpperBound: Bound(10), ScalingAdjustment: 1},
					{MetricIntervalLowerBound: Bound(10), MetricIntervalUpperBound: Bound(20), ScalingAdjustment: 2},
					{MetricIntervalLowerBound: Bound(20), ScalingAdjustment: 3},
				}})
			h.minute(55)
			h.minute(65)
			if d := h.minute(75); d.Desired != tc.want {
				t.Errorf("decision %+v, want %d", d, tc.want)
			}
		})
	}
}

func TestStepAdjustmentValidation(t *testing.T) {
	tests := []struct {
		name  string
		typ   AdjustmentType
		steps []StepAdjustment
		want  []string
	}{
		{"overlap", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalLowerBound: Bound(0), MetricIntervalUpperBound: Bound(20), ScalingAdjustment: 1},
			{MetricIntervalLowerBound: Bound(10), ScalingAdjustment: 2}},
			[]string{"step_adjustments[1]: lower bound 10 overlaps previous upper bound 20 (step_adjustments[0])"}},
		{"gap", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalLowerBound: Bound(0), MetricIntervalUpperBound: Bound(10), ScalingAdjustment: 1},
			{MetricIntervalLowerBound: Bound(15), ScalingAdjustment: 2}},
			[]string{"step_adjustments[1]: lower bound 15 leaves a gap after previous upper bound 10"}},
		{"two null lower bounds", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalUpperBound: Bound(-10), ScalingAdjustment: -2},
			{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -1}},
			[]string{"2 steps have a null lower bound; at most one may"}},
		{"two null upper bounds", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalLowerBound: Bound(0), ScalingAdjustment: 1},
			{MetricIntervalLowerBound: Bound(10), ScalingAdjustment: 2}},
			[]string{"2 steps have a null upper bound; at most one may"}},
		{"both bounds null", ChangeInCapacity, []StepAdjustment{{ScalingAdjustment: 1}},
			[]string{"step_adjustments[0]: the upper and lower bound cannot both be null"}},
		{"negative lower bound needs a null lower bound", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalLowerBound: Bound(-10), MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -1}},
			[]string{"step_adjustments[0]: negative lower bound -10 needs a step with a null lower bound"}},
		{"positive upper bound needs a null upper bound", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalLowerBound: Bound(0), MetricIntervalUpperBound: Bound(10), ScalingAdjustment: 1}},
			[]string{"step_adjustments[0]: positive upper bound 10 needs a step with a null upper bound"}},
		{"upper not above lower", ChangeInCapacity, []StepAdjustment{
			{MetricIntervalLowerBound: Bound(5), MetricIntervalUpperBound: Bound(5), ScalingAdjustment: 1}},
			[]string{"step_adjustments[0]: upper bound 5 is not greater than lower bound 5"}},
		{"exact capacity negative", ExactCapacity, []StepAdjustment{{MetricIntervalLowerBound: Bound(0), ScalingAdjustment: -1}},
			[]string{"step_adjustments[0].scaling_adjustment: -1 is negative"}},
		{"no steps", ChangeInCapacity, nil, []string{"step_adjustments: at least one step adjustment is required"}},
		{"unknown adjustment type", 0, []StepAdjustment{{MetricIntervalLowerBound: Bound(0), ScalingAdjustment: 1}},
			[]string{"adjustment_type: unknown adjustment type"}},
		{"too many steps", ChangeInCapacity, manySteps(21), []string{"21 step adjustments exceed the quota of 20"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMetrics(0)
			id, _ := m.Add(MetricConfig{})
			tg, _ := NewScalableTarget(m, ScalableTargetConfig{MaxCapacity: 10})
			_, err := tg.AddStepScaling(StepScalingConfig{PolicyName: "p", AdjustmentType: tc.typ, StepAdjustments: tc.steps,
				Alarm: stepAlarm(id, 50, GreaterThanThreshold)})
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v\nlacks %q", err, w)
				}
			}
		})
	}
}

func manySteps(n int) []StepAdjustment {
	out := []StepAdjustment{{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -1}}
	for i := range n - 2 {
		out = append(out, StepAdjustment{MetricIntervalLowerBound: Bound(float64(i)), MetricIntervalUpperBound: Bound(float64(i + 1)), ScalingAdjustment: 1})
	}
	return append(out, StepAdjustment{MetricIntervalLowerBound: Bound(float64(n - 2)), ScalingAdjustment: 2})
}

func TestStepScalingFixturePolicies(t *testing.T) {
	// The real policies of awscli-describe-scaling-policies-step.json.
	h := newHarness(t, 1, 100, 4, 1)
	h.step(StepScalingConfig{PolicyName: "web-app-cpu-gt-75", AdjustmentType: PercentChangeInCapacity, Cooldown: Seconds(60),
		Alarm:           stepAlarm(h.ids[0], 75, GreaterThanThreshold),
		StepAdjustments: []StepAdjustment{{MetricIntervalLowerBound: Bound(0), ScalingAdjustment: 200}}})
	h.step(StepScalingConfig{PolicyName: "web-app-cpu-lt-25", AdjustmentType: PercentChangeInCapacity, Cooldown: Seconds(1),
		Alarm:           stepAlarm(h.ids[0], 25, LessThanThreshold),
		StepAdjustments: []StepAdjustment{{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: -50}}})
	if d := h.minute(90); d.Desired != 12 {
		t.Errorf("+200 %% of 4: %+v", d)
	}
	if d := h.minute(10); d.Desired != 6 {
		t.Errorf("−50 %% of 12: %+v", d)
	}
	_ = time.Second
}

func TestAdjustmentTypeText(t *testing.T) {
	var a AdjustmentType
	if err := a.UnmarshalText([]byte("PercentChangeInCapacity")); err != nil || a != PercentChangeInCapacity {
		t.Errorf("unmarshal: %v %v", a, err)
	}
	if err := a.UnmarshalText([]byte("Percent")); err == nil || !strings.Contains(err.Error(), `unknown adjustment type "Percent"`) {
		t.Errorf("unknown: %v", err)
	}
	if b, err := ExactCapacity.MarshalText(); err != nil || string(b) != "ExactCapacity" {
		t.Errorf("marshal: %s %v", b, err)
	}
}
