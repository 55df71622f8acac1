package autoscale

import (
	"testing"
	"time"
)

func newMetric(t testing.TB, cfg MetricConfig) (*Metrics, MetricID) {
	t.Helper()
	m := NewMetrics(time.Minute)
	id, err := m.Add(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m, id
}

func TestMetricsPeriodAggregation(t *testing.T) {
	m, id := newMetric(t, MetricConfig{Name: "cpu"})
	m.reserve(8)
	// Three samples in minute 0, one in minute 1 (at its very start), none in minute 2.
	m.Push(id, 0, 10)
	m.Push(id, 20*time.Second, 40)
	m.Push(id, 59*time.Second, 70)
	m.Push(id, time.Minute, 5)
	m.PushSet(id, 3*time.Minute+time.Second, StatisticSet{SampleCount: 4, Sum: 100, Minimum: 10, Maximum: 40})
	m.Push(id, 3*time.Minute+2*time.Second, 50)

	tests := []struct {
		name  string
		start time.Duration
		stat  Statistic
		want  float64
		ok    bool
	}{
		{"average", 0, Average, 40, true},
		{"sum", 0, Sum, 120, true},
		{"minimum", 0, Minimum, 10, true},
		{"maximum", 0, Maximum, 70, true},
		{"sample count", 0, SampleCount, 3, true},
		{"period boundary belongs to the next period", time.Minute, SampleCount, 1, true},
		{"empty period is missing", 2 * time.Minute, Average, 0, false},
		{"statistic set merged with a sample: average", 3 * time.Minute, Average, 30, true},
		{"statistic set merged with a sample: maximum", 3 * time.Minute, Maximum, 50, true},
		{"statistic set merged with a sample: count", 3 * time.Minute, SampleCount, 5, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := m.Datapoint(id, tc.start, time.Minute, time.Hour).Value(tc.stat)
			if ok != tc.ok || got != tc.want {
				t.Errorf("got %v,%v want %v,%v", got, ok, tc.want, tc.ok)
			}
		})
	}
	t.Run("multi-period datapoint", func(t *testing.T) {
		got, _ := m.Datapoint(id, 0, 2*time.Minute, time.Hour).Value(Average)
		if got != 125.0/4 {
			t.Errorf("2-minute average = %v, want %v", got, 125.0/4)
		}
	})
}

func TestMetricsPublishDelay(t *testing.T) {
	m, id := newMetric(t, MetricConfig{PublishDelay: 90 * time.Second})
	m.Push(id, 10*time.Second, 1)
	for _, tc := range []struct {
		now     time.Duration
		visible bool
	}{{time.Minute, false}, {149 * time.Second, false}, {150 * time.Second, true}} {
		_, ok := m.Datapoint(id, 0, time.Minute, tc.now).Value(Average)
		if ok != tc.visible {
			t.Errorf("at %v visible = %v, want %v", tc.now, ok, tc.visible)
		}
	}
}

func TestMetricsRingBounded(t *testing.T) {
	m, id := newMetric(t, MetricConfig{})
	other, _ := m.Add(MetricConfig{Name: "other"})
	m.reserve(5) // rounds up to 8
	if got := m.Retained(); got != 8 {
		t.Fatalf("Retained = %d, want 8", got)
	}
	for k := range 20 {
		m.Push(id, time.Duration(k)*time.Minute, float64(k))
	}
	if _, ok := m.Datapoint(id, 11*time.Minute, time.Minute, time.Hour).Value(Average); ok {
		t.Error("period 11 should have left the 8-period ring")
	}
	if v, ok := m.Datapoint(id, 12*time.Minute, time.Minute, time.Hour).Value(Average); !ok || v != 12 {
		t.Errorf("period 12 = %v,%v want 12,true", v, ok)
	}
	m.Push(id, 3*time.Minute, 1)
	if m.Dropped(id) != 1 {
		t.Errorf("Dropped = %d, want 1", m.Dropped(id))
	}
	// A gap clears the skipped slots: periods 20..24 have no samples.
	m.Push(id, 25*time.Minute, 7)
	for k := 20; k < 25; k++ {
		if _, ok := m.Datapoint(id, time.Duration(k)*time.Minute, time.Minute, time.Hour).Value(Sum); ok {
			t.Errorf("period %d should be missing after a gap", k)
		}
	}
	// Other series in the same period rows are missing, not mixed up.
	if _, ok := m.Datapoint(other, 19*time.Minute, time.Minute, time.Hour).Value(Average); ok {
		t.Error("a series that pushed nothing has a datapoint")
	}
	// Growing the ring (and adding series) keeps what it held.
	m.reserve(16)
	for range 20 {
		m.Add(MetricConfig{})
	}
	if v, ok := m.Datapoint(id, 19*time.Minute, time.Minute, time.Hour).Value(Average); !ok || v != 19 {
		t.Errorf("after growth period 19 = %v,%v want 19,true", v, ok)
	}
}

func TestMetricsAddValidation(t *testing.T) {
	m := NewMetrics(0)
	_, err := m.Add(MetricConfig{PublishDelay: -1})
	if err == nil || err.Error() != "publish_delay: -1ns is negative" {
		t.Errorf("err = %v", err)
	}
	if m.Period() != time.Minute {
		t.Errorf("default period = %v", m.Period())
	}
}

func TestStatisticNames(t *testing.T) {
	for s := Average; s <= SampleCount; s++ {
		got, err := ParseStatistic(s.String())
		if err != nil || got != s {
			t.Errorf("round trip %v: %v %v", s, got, err)
		}
	}
	if _, err := ParseStatistic("p99"); err == nil {
		t.Error("p99 accepted")
	}
}
