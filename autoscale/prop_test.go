package autoscale

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// randomTarget builds a target with 1–3 target-tracking policies and 0–2
// step policies on random metrics, plus shadow copies of every alarm that
// can ask for scale-out (evaluated independently by the property).
type propTarget struct {
	m       *Metrics
	target  *ScalableTarget
	ids     []MetricID
	shadows []MetricAlarm // AlarmHigh of each TT policy, alarm of each scale-out step policy
}

func genTarget(t *rapid.T) *propTarget {
	p := &propTarget{m: NewMetrics(0)}
	lo := rapid.IntRange(0, 10).Draw(t, "min")
	hi := rapid.IntRange(max(lo, 1), 40).Draw(t, "max")
	tg, err := NewScalableTarget(p.m, ScalableTargetConfig{MinCapacity: lo, MaxCapacity: hi})
	if err != nil {
		t.Fatal(err)
	}
	p.target = tg
	nMetrics := rapid.IntRange(1, 3).Draw(t, "metrics")
	for range nMetrics {
		id, _ := p.m.Add(MetricConfig{})
		p.ids = append(p.ids, id)
	}
	for i := range rapid.IntRange(1, 3).Draw(t, "tt") {
		id := p.ids[i%nMetrics]
		target := rapid.Float64Range(10, 90).Draw(t, "target")
		c := TargetTrackingConfig{PolicyName: "tt", TargetValue: target, Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization},
			ScaleOutCooldown:              Seconds(60 * rapid.IntRange(0, 6).Draw(t, "outCool")),
			ScaleInCooldown:               Seconds(60 * rapid.IntRange(0, 6).Draw(t, "inCool")),
			DisableScaleIn:                rapid.Bool().Draw(t, "disableIn")}
		if _, err := tg.AddTargetTracking(c); err != nil {
			t.Fatal(err)
		}
		p.shadow(t, AlarmConfig{Metric: id, Statistic: Average, EvaluationPeriods: 3, Threshold: target, ComparisonOperator: GreaterThanThreshold})
	}
	for range rapid.IntRange(0, 2).Draw(t, "steps") {
		p.addStep(t)
	}
	return p
}

// addStep adds a one-directional step policy (scale-out above a threshold
// or scale-in below one) with a random adjustment type.
func (p *propTarget) addStep(t *rapid.T) {
	id := p.ids[rapid.IntRange(0, len(p.ids)-1).Draw(t, "stepMetric")]
	threshold := rapid.Float64Range(10, 90).Draw(t, "threshold")
	out := rapid.Bool().Draw(t, "stepOut")
	typ := rapid.SampledFrom([]AdjustmentType{ChangeInCapacity, PercentChangeInCapacity, ExactCapacity}).Draw(t, "type")
	adj := rapid.IntRange(1, 60).Draw(t, "adj")
	alarm := AlarmConfig{Metric: id, Statistic: Average, EvaluationPeriods: 1, Threshold: threshold, ComparisonOperator: GreaterThanThreshold}
	steps := []StepAdjustment{{MetricIntervalLowerBound: Bound(0), ScalingAdjustment: adj}}
	if !out {
		alarm.ComparisonOperator = LessThanThreshold
		if typ == ExactCapacity {
			adj = rapid.IntRange(0, 5).Draw(t, "exactIn")
		} else {
			adj = -adj
		}
		steps = []StepAdjustment{{MetricIntervalUpperBound: Bound(0), ScalingAdjustment: adj}}
	}
	if _, err := p.target.AddStepScaling(StepScalingConfig{PolicyName: "step", AdjustmentType: typ, StepAdjustments: steps,
		Cooldown: Seconds(60 * rapid.IntRange(0, 5).Draw(t, "stepCool")), Alarm: alarm}); err != nil {
		t.Fatal(err)
	}
	if out && typ != ExactCapacity {
		p.shadow(t, alarm)
	}
}

func (p *propTarget) shadow(t *rapid.T, c AlarmConfig) {
	a, err := NewMetricAlarm(p.m, c)
	if err != nil {
		t.Fatal(err)
	}
	p.shadows = append(p.shadows, a)
}

// TestPropertyScaling drives random targets with random metrics and checks
// the invariants of every decision.
func TestPropertyScaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genTarget(t)
		lo, hi := p.target.Bounds()
		start := rapid.IntRange(0, 40).Draw(t, "desired")
		in := TargetInput{Running: start, Desired: start}
		minutes := rapid.IntRange(1, 90).Draw(t, "minutes")
		for k := range minutes {
			now := time.Duration(k) * time.Minute
			for _, id := range p.ids {
				if v := rapid.Float64Range(-5, 150).Draw(t, "v"); v >= 0 { // negative = no datapoint
					p.m.Push(id, now, v)
				}
			}
			in.DeploymentInProgress = rapid.IntRange(0, 9).Draw(t, "deploy") == 0
			asksOut := false
			for i := range p.shadows {
				asksOut = p.shadows[i].Evaluate(now+time.Minute).State == Alarm || asksOut
			}
			d := p.target.Evaluate(now+time.Minute, in)
			checkDecision(t, d, in, lo, hi, asksOut)
			if d.Action != NoAction {
				in.Desired = d.Desired
			}
			// Running lags desired by a random amount (tasks starting/stopping).
			in.Running = rapid.IntRange(min(in.Running, in.Desired), max(in.Running, in.Desired)).Draw(t, "running")
		}
	})
}

func checkDecision(t *rapid.T, d Decision, in TargetInput, lo, hi int, asksOut bool) {
	switch d.Action {
	case ScaleOut:
		if d.Desired <= in.Desired {
			t.Fatalf("scale-out to %d from desired %d", d.Desired, in.Desired)
		}
	case ScaleIn:
		if asksOut {
			t.Fatalf("scale-in to %d while a policy asks for scale-out", d.Desired)
		}
		if in.DeploymentInProgress {
			t.Fatalf("scale-in during a deployment")
		}
		if d.Desired >= in.Desired || d.Desired >= in.Running {
			t.Fatalf("scale-in to %d from desired %d running %d", d.Desired, in.Desired, in.Running)
		}
	case NoAction:
		if d.Desired != in.Desired {
			t.Fatalf("no action but desired %d != %d", d.Desired, in.Desired)
		}
		return
	}
	if d.Desired < lo || d.Desired > hi {
		t.Fatalf("capacity %d outside [%d, %d]", d.Desired, lo, hi)
	}
}

// TestPropertyConstantAtTargetNoAction: a metric held at the target (or
// anywhere in the dead band between AlarmLow's threshold and the target)
// never scales, whatever the counts and cooldowns.
func TestPropertyConstantAtTargetNoAction(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := NewMetrics(0)
		lo := rapid.IntRange(0, 10).Draw(t, "min")
		hi := rapid.IntRange(max(lo, 1), 50).Draw(t, "max")
		tg, _ := NewScalableTarget(m, ScalableTargetConfig{MinCapacity: lo, MaxCapacity: hi})
		target := rapid.Float64Range(1, 1000).Draw(t, "target")
		id, _ := m.Add(MetricConfig{})
		if _, err := tg.AddTargetTracking(TargetTrackingConfig{PolicyName: "p", TargetValue: target, Metric: id,
			CustomizedMetricSpecification: &CustomizedMetricSpecification{MetricName: "m", Namespace: "n", Statistic: Average}}); err != nil {
			t.Fatal(err)
		}
		running := rapid.IntRange(max(lo, 1), hi).Draw(t, "running")
		in := TargetInput{Running: running, Desired: running}
		atTarget := rapid.Bool().Draw(t, "exactly")
		for k := range 60 {
			v := target
			if !atTarget {
				v = rapid.Float64Range(0.9*target, target).Draw(t, "v")
			}
			m.Push(id, time.Duration(k)*time.Minute, v)
			if d := tg.Evaluate(time.Duration(k+1)*time.Minute, in); d.Action != NoAction {
				t.Fatalf("minute %d: metric %v with target %v acted: %+v", k+1, v, target, d)
			}
		}
	})
}

// TestPropertyAlarmMofN: with every datapoint present, an alarm is in
// ALARM exactly when at least M of the most recent N datapoints breach.
func TestPropertyAlarmMofN(t *testing.T) {
	ops := []ComparisonOperator{GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(t, "N")
		mm := rapid.IntRange(1, n).Draw(t, "M")
		op := rapid.SampledFrom(ops).Draw(t, "op")
		treat := rapid.SampledFrom([]TreatMissingData{MissingDataMissing, MissingDataIgnore, MissingDataBreaching, MissingDataNotBreaching}).Draw(t, "treat")
		m := NewMetrics(0)
		id, _ := m.Add(MetricConfig{})
		a, err := NewMetricAlarm(m, AlarmConfig{Metric: id, Statistic: Average, EvaluationPeriods: n, DatapointsToAlarm: mm,
			Threshold: 50, ComparisonOperator: op, TreatMissingData: treat})
		if err != nil {
			t.Fatal(err)
		}
		// Integer values hit the threshold exactly sometimes.
		values := rapid.SliceOfN(rapid.IntRange(40, 60), n, n+10).Draw(t, "values")
		for k, v := range values {
			m.Push(id, time.Duration(k)*time.Minute, float64(v))
		}
		breaching := 0
		for _, v := range values[len(values)-n:] {
			if op.breaches(float64(v), 50) {
				breaching++
			}
		}
		got := a.Evaluate(time.Duration(len(values)) * time.Minute).State
		if want := okOrAlarm(breaching >= mm); got != want {
			t.Fatalf("%d of %d breaching with M=%d: state %v, want %v", breaching, n, mm, got, want)
		}
	})
}

// TestPropertyManagedScaling: the desired capacity stays within the
// group's bounds and a scale-in never removes a busy instance.
func TestPropertyManagedScaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		minSize := rapid.IntRange(0, 5).Draw(t, "minSize")
		maxSize := rapid.IntRange(max(minSize, 1), 60).Draw(t, "maxSize")
		ms, err := NewManagedScaling(ManagedScalingConfig{
			TargetCapacity: rapid.IntRange(50, 100).Draw(t, "target"), MinSize: minSize, MaxSize: maxSize,
			MinimumScalingStepSize: rapid.IntRange(1, 3).Draw(t, "minStep"), MaximumScalingStepSize: rapid.IntRange(3, 20).Draw(t, "maxStep"),
			InstanceWarmupPeriod: Seconds(60 * rapid.IntRange(0, 6).Draw(t, "warm")),
			InstanceTypes:        []InstanceShape{m5large, m5xlarge},
		})
		if err != nil {
			t.Fatal(err)
		}
		desired := rapid.IntRange(minSize, maxSize).Draw(t, "desired")
		for k := 1; k <= 60; k++ {
			in := CapacityInput{Instances: desired, DesiredCapacity: desired, NewestLaunch: -time.Hour}
			in.BusyInstances = rapid.IntRange(0, desired).Draw(t, "busy")
			if rapid.IntRange(0, 3).Draw(t, "hasProv") == 0 {
				in.Provisioning = []TaskGroup{group(rapid.IntRange(1, 30).Draw(t, "prov"), CPUUnits(rapid.IntRange(128, 4096).Draw(t, "cpu")), 512)}
			}
			d := ms.Evaluate(time.Duration(k)*time.Minute, in)
			if d.Action == NoAction {
				continue
			}
			if d.DesiredCapacity < minSize || d.DesiredCapacity > maxSize {
				t.Fatalf("desired %d outside [%d, %d]", d.DesiredCapacity, minSize, maxSize)
			}
			if d.Action == ScaleIn && d.DesiredCapacity < in.BusyInstances {
				t.Fatalf("scale-in to %d with %d busy instances", d.DesiredCapacity, in.BusyInstances)
			}
			desired = d.DesiredCapacity
		}
	})
}
