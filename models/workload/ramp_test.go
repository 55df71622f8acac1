package workload

import (
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func TestLinearRamp(t *testing.T) {
	r := must(NewLinearRamp(LinearRampConfig{Start: t0, End: t0.Add(10 * time.Hour), From: 100, To: 300}))
	tests := []struct {
		at   time.Duration
		want float64
	}{{-time.Hour, 100}, {0, 100}, {5 * time.Hour, 200}, {7*time.Hour + 30*time.Minute, 250}, {10 * time.Hour, 300}, {48 * time.Hour, 300}}
	for _, tt := range tests {
		if got := r.Rate(t0.Add(tt.at)); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Rate(+%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
	_, err := NewLinearRamp(LinearRampConfig{Start: t0, End: t0, From: 1, To: 2})
	wantFieldError(t, err, "LinearRampConfig.End")
	_, err = NewLinearRamp(LinearRampConfig{Start: t0, End: t0.Add(time.Hour), From: -1, To: 2})
	wantFieldError(t, err, "LinearRampConfig.From")
}

func TestGrowthCompounds(t *testing.T) {
	g := must(NewGrowth(GrowthConfig{Start: t0, RatePerPeriod: 0.10, Period: 30 * 24 * time.Hour}))
	tests := []struct {
		at   time.Duration
		want float64
	}{
		{-time.Hour, 1}, {0, 1},
		{30 * 24 * time.Hour, 1.1},
		{60 * 24 * time.Hour, 1.21},
		{15 * 24 * time.Hour, math.Sqrt(1.1)},
		{360 * 24 * time.Hour, math.Pow(1.1, 12)},
	}
	for _, tt := range tests {
		approx(t, "growth at +"+tt.at.String(), g.Rate(t0.Add(tt.at)), tt.want, 1e-12)
	}
	for _, bad := range []GrowthConfig{{RatePerPeriod: -1, Period: time.Hour}, {RatePerPeriod: math.NaN(), Period: time.Hour}} {
		_, err := NewGrowth(bad)
		wantFieldError(t, err, "GrowthConfig.RatePerPeriod")
	}
	_, err := NewGrowth(GrowthConfig{RatePerPeriod: 0.1})
	wantFieldError(t, err, "GrowthConfig.Period")
}

func TestSteps(t *testing.T) {
	s := must(NewSteps(StepsConfig{Initial: 10, Steps: []Step{
		{At: t0.Add(9 * time.Hour), Value: 50}, {At: t0.Add(17 * time.Hour), Value: 20}, {At: t0.Add(22 * time.Hour), Value: 0},
	}}))
	tests := []struct {
		at   time.Duration
		want float64
	}{{0, 10}, {9*time.Hour - 1, 10}, {9 * time.Hour, 50}, {12 * time.Hour, 50}, {17 * time.Hour, 20}, {23 * time.Hour, 0}}
	for _, tt := range tests {
		if got := s.Rate(t0.Add(tt.at)); got != tt.want {
			t.Errorf("Rate(+%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
	_, err := NewSteps(StepsConfig{Steps: []Step{{At: t0.Add(time.Hour), Value: 1}, {At: t0.Add(time.Hour), Value: 2}}})
	wantFieldError(t, err, "StepsConfig.Steps[1].At")
	_, err = NewSteps(StepsConfig{Steps: []Step{{At: t0.Add(time.Hour), Value: 1}, {At: t0, Value: 2}}})
	wantFieldError(t, err, "StepsConfig.Steps[1].At")
	_, err = NewSteps(StepsConfig{Steps: []Step{{At: t0, Value: -3}}})
	wantFieldError(t, err, "StepsConfig.Steps[0].Value")
}

func TestSpikeArea(t *testing.T) {
	at := t0.Add(10 * time.Hour)
	tests := []struct {
		shape SpikeShape
		area  float64 // requests
	}{
		{Square, 500 * 600},
		{Triangle, 500 * 600 / 2},
		{ExpDecay, 500 * 600},
	}
	for _, tt := range tests {
		t.Run(tt.shape.String(), func(t *testing.T) {
			s := must(NewSpike(SpikeConfig{At: at, Height: 500, Duration: 10 * time.Minute, Shape: tt.shape}))
			approx(t, "Area()", s.Area(), tt.area, 1e-12)
			// ExpDecay has an infinite tail: integrate 40 time constants.
			got := integrate(s, at.Add(-time.Hour), at.Add(400*time.Minute+time.Hour), time.Second)
			approx(t, "integrated area", got, tt.area, 1e-4)
			if v := s.Rate(at.Add(-time.Nanosecond)); v != 0 {
				t.Errorf("Rate before the spike = %v", v)
			}
			if _, peak := argmax(s, at.Add(-time.Minute), 20*time.Minute, time.Second); math.Abs(peak-500) > 1e-9 {
				t.Errorf("peak height = %v, want 500", peak)
			}
		})
	}
	if v := must(NewSpike(SpikeConfig{At: at, Height: 5, Duration: time.Minute, Shape: Triangle})).Rate(at.Add(30 * time.Second)); v != 5 {
		t.Errorf("triangle apex = %v, want 5", v)
	}
}

func TestSpikeShapeNames(t *testing.T) {
	for _, s := range []SpikeShape{Square, Triangle, ExpDecay} {
		got, err := ParseSpikeShape(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSpikeShape(%q) = %v, %v", s.String(), got, err)
		}
	}
	_, err := ParseSpikeShape("sawtooth")
	wantFieldError(t, err, "SpikeConfig.Shape")
	_, err = NewSpike(SpikeConfig{Height: 1})
	wantFieldError(t, err, "SpikeConfig.Duration")
	_, err = NewSpike(SpikeConfig{Height: -1, Duration: time.Minute})
	wantFieldError(t, err, "SpikeConfig.Height")
}
