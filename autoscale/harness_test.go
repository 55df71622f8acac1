package autoscale

import (
	"testing"
	"time"
)

// harness drives one scalable target minute by minute, like the simulator:
// push the minute's sample(s), evaluate at the minute's end, set desired.
type harness struct {
	t       testing.TB
	m       *Metrics
	target  *ScalableTarget
	ids     []MetricID
	now     time.Duration
	in      TargetInput
	follow  bool // running follows desired at once
	history []Decision
}

func newHarness(t testing.TB, minCap, maxCap, desired int, metrics int) *harness {
	t.Helper()
	m := NewMetrics(0)
	h := &harness{t: t, m: m, in: TargetInput{Running: desired, Desired: desired}, follow: true}
	for range metrics {
		id, err := m.Add(MetricConfig{})
		if err != nil {
			t.Fatal(err)
		}
		h.ids = append(h.ids, id)
	}
	tg, err := NewScalableTarget(m, ScalableTargetConfig{MinCapacity: minCap, MaxCapacity: maxCap})
	if err != nil {
		t.Fatal(err)
	}
	h.target = tg
	return h
}

// tt adds a target-tracking policy on metric i.
func (h *harness) tt(i int, target float64, mod func(*TargetTrackingConfig)) {
	h.t.Helper()
	c := TargetTrackingConfig{
		PolicyName: "tt", TargetValue: target, Metric: h.ids[i],
		PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization},
	}
	if mod != nil {
		mod(&c)
	}
	if _, err := h.target.AddTargetTracking(c); err != nil {
		h.t.Fatal(err)
	}
}

// minute pushes one sample per metric (NaN = none) for the current minute,
// advances to its end, evaluates and applies the decision.
func (h *harness) minute(values ...float64) Decision {
	for i, v := range values {
		if v == v { // not NaN
			h.m.Push(h.ids[i], h.now, v)
		}
	}
	h.now += time.Minute
	d := h.target.Evaluate(h.now, h.in)
	h.apply(d)
	return d
}

func (h *harness) apply(d Decision) {
	h.history = append(h.history, d)
	if d.Action != NoAction {
		h.in.Desired = d.Desired
		if h.follow {
			h.in.Running = d.Desired
		}
	}
}

// run calls minute n times with the same values and returns the decisions
// that acted, keyed by the minute (1-based) at whose end they happened.
func (h *harness) run(n int, values ...float64) map[int]Decision {
	acted := map[int]Decision{}
	for range n {
		if d := h.minute(values...); d.Action != NoAction {
			acted[int(h.now/time.Minute)] = d
		}
	}
	return acted
}
