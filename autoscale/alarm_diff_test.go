package autoscale

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// refAlarm evaluates an alarm the slow, literal way: read the whole
// evaluation range through the public Datapoint API at every evaluation.
type refAlarm struct {
	c     AlarmConfig // defaults filled
	delay time.Duration
	state AlarmState
}

func (r *refAlarm) evaluate(m *Metrics, now time.Duration) (state AlarmState, existing, breaching int, latest float64) {
	p := r.c.Period
	j := floorDiv(int64(now-r.delay), int64(p)) - 1
	nonBreaching := 0
	for k := j; k > j-int64(r.c.EvaluationRange) && existing < r.c.EvaluationPeriods; k-- {
		v, ok := m.Datapoint(r.c.Metric, time.Duration(k)*p, p, now).Value(r.c.Statistic)
		if !ok {
			continue
		}
		if existing == 0 {
			latest = v
		}
		existing++
		if r.c.ComparisonOperator.breaches(v, r.c.Threshold) {
			breaching++
		} else {
			nonBreaching++
		}
	}
	n, mm := r.c.EvaluationPeriods, r.c.DatapointsToAlarm
	switch fill := n - existing; {
	case fill <= 0 || r.c.TreatMissingData == MissingDataNotBreaching:
		r.state = okOrAlarm(breaching >= mm)
	case r.c.TreatMissingData == MissingDataBreaching:
		breaching += fill
		r.state = okOrAlarm(breaching >= mm)
	case breaching >= mm:
		r.state = Alarm
	case nonBreaching > 0:
		r.state = OK
	case r.c.TreatMissingData == MissingDataMissing:
		r.state = InsufficientData
	}
	return r.state, existing, breaching, latest
}

// TestAlarmIncrementalMatchesFullEvaluation drives the incremental alarm and
// the literal one with random samples — gaps, bursts, late samples into
// periods already read — and random evaluation times, and demands the same
// state, counts and latest value every time.
func TestAlarmIncrementalMatchesFullEvaluation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := NewMetrics(time.Minute)
		delay := time.Duration(rapid.IntRange(0, 3).Draw(t, "delayMin")) * 30 * time.Second
		id, _ := m.Add(MetricConfig{PublishDelay: delay})
		n := rapid.IntRange(1, 70).Draw(t, "N")
		c := AlarmConfig{
			Metric: id, Statistic: rapid.SampledFrom([]Statistic{Average, Sum, Minimum, Maximum, SampleCount}).Draw(t, "stat"),
			Period:            time.Duration(rapid.IntRange(1, 3).Draw(t, "mul")) * time.Minute,
			EvaluationPeriods: n, DatapointsToAlarm: rapid.IntRange(1, n).Draw(t, "M"),
			EvaluationRange:    n + rapid.IntRange(0, 4).Draw(t, "extra"),
			Threshold:          50,
			ComparisonOperator: rapid.SampledFrom([]ComparisonOperator{GreaterThanThreshold, LessThanOrEqualToThreshold}).Draw(t, "op"),
			TreatMissingData:   rapid.SampledFrom([]TreatMissingData{MissingDataMissing, MissingDataIgnore, MissingDataBreaching, MissingDataNotBreaching}).Draw(t, "treat"),
		}
		a, err := NewMetricAlarm(m, c)
		if err != nil {
			t.Fatal(err)
		}
		ref := &refAlarm{c: c, delay: delay}
		now := time.Duration(0)
		for range rapid.IntRange(1, 120).Draw(t, "steps") {
			now += time.Duration(rapid.IntRange(0, 4).Draw(t, "advance")) * 30 * time.Second
			for range rapid.IntRange(0, 3).Draw(t, "samples") {
				back := time.Duration(rapid.IntRange(0, 6).Draw(t, "lateness")) * time.Minute // > 0: a late sample
				m.Push(id, max(0, now-back), float64(rapid.IntRange(30, 70).Draw(t, "v")))
			}
			got := a.Evaluate(now)
			state, existing, breaching, latest := ref.evaluate(m, now)
			if got.State != state || got.Datapoints != existing || got.Breaching != breaching || (existing > 0 && got.Latest != latest) {
				t.Fatalf("at %v: incremental %+v, full state %v datapoints %d breaching %d latest %v",
					now, got, state, existing, breaching, latest)
			}
		}
	})
}

// TestAlarmRingCoversMultiPeriodRange is the case the differential test
// found: a 3-minute alarm must still see its oldest datapoint's first
// minute when the current minute's sample has already arrived.
func TestAlarmRingCoversMultiPeriodRange(t *testing.T) {
	m := NewMetrics(time.Minute)
	id, _ := m.Add(MetricConfig{})
	c := AlarmConfig{Metric: id, Statistic: Average, Period: 3 * time.Minute, EvaluationPeriods: 1, DatapointsToAlarm: 1, EvaluationRange: 2,
		Threshold: 50, ComparisonOperator: LessThanOrEqualToThreshold}
	a, err := NewMetricAlarm(m, c)
	if err != nil {
		t.Fatal(err)
	}
	ref := &refAlarm{c: c}
	m.Push(id, 30*time.Second, 30)
	for _, now := range []time.Duration{3 * time.Minute, 6 * time.Minute, 8 * time.Minute} {
		if now == 8*time.Minute {
			m.Push(id, now, 60) // the current minute's sample; datapoint 0 must survive it
		}
		got := a.Evaluate(now)
		state, existing, _, _ := ref.evaluate(m, now)
		if got.State != state || got.Datapoints != existing {
			t.Errorf("at %v: incremental %v/%d, full %v/%d", now, got.State, got.Datapoints, state, existing)
		}
	}
}

// TestAlarmPairMatchesSeparateEvaluation drives a high/low alarm pair
// through evaluatePair and an identical pair through Evaluate, with random
// samples (gaps, late samples) and evaluation times, and demands identical
// results every time: reading the new datapoint once for both changes
// nothing.
func TestAlarmPairMatchesSeparateEvaluation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := NewMetrics(time.Minute)
		delay := time.Duration(rapid.IntRange(0, 2).Draw(t, "delayMin")) * time.Minute
		id, _ := m.Add(MetricConfig{PublishDelay: delay})
		period := time.Duration(rapid.IntRange(1, 2).Draw(t, "mul")) * time.Minute
		hiN := rapid.IntRange(1, 5).Draw(t, "hiN")
		loN := rapid.IntRange(1, 70).Draw(t, "loN")
		treat := rapid.SampledFrom([]TreatMissingData{MissingDataMissing, MissingDataIgnore, MissingDataBreaching, MissingDataNotBreaching}).Draw(t, "treat")
		hiC := AlarmConfig{Metric: id, Statistic: Average, Period: period, EvaluationPeriods: hiN, Threshold: 60,
			ComparisonOperator: GreaterThanThreshold, TreatMissingData: treat}
		loC := AlarmConfig{Metric: id, Statistic: Average, Period: period, EvaluationPeriods: loN, Threshold: 54,
			ComparisonOperator: LessThanThreshold, TreatMissingData: treat}
		mk := func(c AlarmConfig) *MetricAlarm {
			a, err := NewMetricAlarm(m, c)
			if err != nil {
				t.Fatal(err)
			}
			return &a
		}
		ph, pl, sh, sl := mk(hiC), mk(loC), mk(hiC), mk(loC)
		now := time.Duration(0)
		for step := range rapid.IntRange(1, 150).Draw(t, "steps") {
			now += time.Duration(rapid.IntRange(0, 3).Draw(t, "advance")) * 30 * time.Second
			for range rapid.IntRange(0, 2).Draw(t, "samples") {
				back := time.Duration(rapid.IntRange(0, 3).Draw(t, "lateness")) * time.Minute
				m.Push(id, max(0, now-back), float64(rapid.IntRange(40, 80).Draw(t, "v")))
			}
			var gh, gl AlarmResult
			evaluatePair(ph, pl, now, &gh, &gl)
			wh, wl := sh.Evaluate(now), sl.Evaluate(now)
			if gh != wh || gl != wl {
				t.Fatalf("step %d at %v: pair %+v / %+v, separate %+v / %+v", step, now, gh, gl, wh, wl)
			}
		}
	})
}
