package autoscale

import (
	"strings"
	"testing"
	"time"
)

// pushPattern pushes one datapoint per minute for the pattern, oldest
// first: '0' non-breaching (value 10), 'X' breaching (value 90), '-' none.
// It returns the evaluation time at which the last one is the newest visible.
func pushPattern(m *Metrics, id MetricID, startMinute int, pattern string) time.Duration {
	k := startMinute
	for _, c := range strings.ReplaceAll(pattern, " ", "") {
		switch c {
		case '0':
			m.Push(id, time.Duration(k)*time.Minute, 10)
		case 'X':
			m.Push(id, time.Duration(k)*time.Minute, 90)
		}
		k++
	}
	return time.Duration(k) * time.Minute
}

func newAlarm(t testing.TB, m *Metrics, id MetricID, n, dta int, treat TreatMissingData) MetricAlarm {
	t.Helper()
	a, err := NewMetricAlarm(m, AlarmConfig{
		Metric: id, Statistic: Average, EvaluationPeriods: n, DatapointsToAlarm: dta,
		Threshold: 50, ComparisonOperator: GreaterThanThreshold, TreatMissingData: treat,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAlarmMissingDataTables reproduces the two tables of CloudWatch's
// "How alarm state is evaluated when data is missing" [S31] (5 most recent
// datapoints retrieved; oldest first). "keep" is "Retain current state".
func TestAlarmMissingDataTables(t *testing.T) {
	tests := []struct {
		n, m                               int
		points                             string
		missing, ignore, breach, notBreach string
	}{
		{3, 3, "0 - X - X", "OK", "OK", "OK", "OK"},
		{3, 3, "0 - - - -", "OK", "OK", "OK", "OK"},
		{3, 3, "- - - - -", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
		{3, 3, "0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{3, 3, "- - - - X", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
		{3, 2, "0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{3, 2, "0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{3, 2, "0 - X - -", "OK", "OK", "ALARM", "OK"},
		{3, 2, "- - - - 0", "OK", "OK", "ALARM", "OK"},
		{3, 2, "- - - - X", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
	}
	treats := []TreatMissingData{MissingDataMissing, MissingDataIgnore, MissingDataBreaching, MissingDataNotBreaching}
	for _, tc := range tests {
		wants := []string{tc.missing, tc.ignore, tc.breach, tc.notBreach}
		for i, treat := range treats {
			for _, prior := range []AlarmState{OK, Alarm} {
				name := tc.points + "/" + treat.String() + "/from " + prior.String()
				t.Run(name, func(t *testing.T) {
					m, id := newMetric(t, MetricConfig{})
					a := newAlarm(t, m, id, tc.n, tc.m, treat)
					a.state = prior
					now := pushPattern(m, id, 10, tc.points)
					want := wants[i]
					if want == "keep" {
						want = prior.String()
					}
					if got := a.Evaluate(now).State.String(); got != want {
						t.Errorf("state %s, want %s", got, want)
					}
				})
			}
		}
	}
}

func TestAlarmMofN(t *testing.T) {
	tests := []struct {
		name   string
		n, m   int
		points string
		want   AlarmState
	}{
		{"3 of 3 all breaching", 3, 3, "XXX", Alarm},
		{"3 of 3 one dip", 3, 3, "X0X", OK},
		{"only the most recent N count", 3, 3, "0XXX", Alarm},
		{"2 of 3 non-consecutive", 3, 2, "X0X", Alarm},
		{"15 of 15 with one miss", 15, 15, "XXXXXXXXXXXXXX0", OK},
		{"1 of 1", 1, 1, "0X", Alarm},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, id := newMetric(t, MetricConfig{})
			a := newAlarm(t, m, id, tc.n, tc.m, MissingDataMissing)
			if got := a.Evaluate(pushPattern(m, id, 0, tc.points)).State; got != tc.want {
				t.Errorf("state %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAlarmInvokesEveryPeriodInAlarm(t *testing.T) {
	m, id := newMetric(t, MetricConfig{})
	a := newAlarm(t, m, id, 1, 1, MissingDataMissing)
	var invokes []bool
	for k := range 4 {
		m.Push(id, time.Duration(k)*time.Minute, 90)
		now := time.Duration(k+1) * time.Minute
		r := a.Evaluate(now)
		invokes = append(invokes, r.Invoke)
		// A second evaluation in the same period does not re-invoke.
		if r2 := a.Evaluate(now); r2.Invoke || r2.Changed {
			t.Errorf("minute %d: re-evaluation invoked=%v changed=%v", k, r2.Invoke, r2.Changed)
		}
	}
	for k, inv := range invokes {
		if !inv {
			t.Errorf("minute %d: no invocation while in ALARM", k)
		}
	}
	m.Push(id, 4*time.Minute, 10)
	if r := a.Evaluate(5 * time.Minute); r.Invoke || r.State != OK || !r.Changed {
		t.Errorf("back to OK: %+v", r)
	}
}

func TestAlarmLongerPeriodAndDelay(t *testing.T) {
	m, id := newMetric(t, MetricConfig{PublishDelay: 2 * time.Minute})
	a, err := NewMetricAlarm(m, AlarmConfig{
		Metric: id, Statistic: Sum, Period: 5 * time.Minute, EvaluationPeriods: 1,
		Threshold: 100, ComparisonOperator: GreaterThanOrEqualToThreshold,
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range 5 {
		m.Push(id, time.Duration(k)*time.Minute, 20) // sum 100 over [0,5m)
	}
	if r := a.Evaluate(6 * time.Minute); r.State != InsufficientData {
		t.Errorf("before publication: %v", r.State)
	}
	r := a.Evaluate(7 * time.Minute)
	if r.State != Alarm || r.Latest != 100 {
		t.Errorf("after publication: %v latest %v", r.State, r.Latest)
	}
	// Within the same 5-minute alarm period the action is not re-invoked.
	if r := a.Evaluate(8 * time.Minute); r.Invoke {
		t.Error("re-invoked within one alarm period")
	}
	if r := a.Evaluate(12 * time.Minute); !r.Invoke || r.State != Alarm {
		t.Errorf("next period: invoke %v state %v", r.Invoke, r.State)
	}
}

func TestAlarmAggregates(t *testing.T) {
	m, id := newMetric(t, MetricConfig{})
	a := newAlarm(t, m, id, 3, 3, MissingDataMissing)
	for k, v := range []float64{99, 60, 80, 70} { // 99 is older than the 3 evaluated
		m.Push(id, time.Duration(k)*time.Minute, v)
	}
	r := a.Evaluate(4 * time.Minute)
	if r.Latest != 70 || r.Datapoints != 3 || r.Breaching != 3 {
		t.Errorf("%+v", r)
	}
	for stat, want := range map[Statistic]float64{Minimum: 60, Maximum: 80, Average: 70} {
		if got, ok := a.Aggregate(4*time.Minute, stat); !ok || got != want {
			t.Errorf("Aggregate(%v) = %v,%v want %v", stat, got, ok, want)
		}
	}
	if _, ok := a.Aggregate(0, Average); ok {
		t.Error("Aggregate with no datapoints reported ok")
	}
}

func TestAlarmValidation(t *testing.T) {
	m, id := newMetric(t, MetricConfig{})
	_, err := NewMetricAlarm(m, AlarmConfig{
		Metric: id, Period: 90 * time.Second, EvaluationPeriods: 0, DatapointsToAlarm: 3,
		Threshold: 1, EvaluationRange: -1,
	})
	for _, want := range []string{
		"period: 1m30s is not a positive multiple of the metric period 1m0s",
		"statistic: unknown statistic",
		"comparison_operator: unknown comparison operator",
		"evaluation_periods: 0 is less than 1",
		"datapoints_to_alarm: 3 is not within 1..evaluation_periods (0)",
		"evaluation_range: -1 is less than evaluation_periods 0",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	if _, err := NewMetricAlarm(m, AlarmConfig{Metric: 7}); err == nil || !strings.Contains(err.Error(), "metric: unknown metric 7") {
		t.Errorf("unknown metric: %v", err)
	}
	_, err = NewMetricAlarm(m, AlarmConfig{Metric: id, Statistic: Average, ComparisonOperator: LessThanThreshold,
		EvaluationPeriods: 1441})
	if err == nil || !strings.Contains(err.Error(), "exceed one day") {
		t.Errorf("one-day rule: %v", err)
	}
}
