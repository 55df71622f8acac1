package workload

import (
	"testing"
	"time"
)

// argmaxHour returns the UTC instant of the largest value of d over one day
// from `day`, sampled every minute.
func argmax(d Demand, from time.Time, span, step time.Duration) (time.Time, float64) {
	best, bestV := from, -1.0
	for t := from; t.Before(from.Add(span)); t = t.Add(step) {
		if v := d.Rate(t); v > bestV {
			best, bestV = t, v
		}
	}
	return best, bestV
}

func TestDiurnalPeakAtPeakHourInZone(t *testing.T) {
	tests := []struct {
		name     string
		cfg      DiurnalConfig
		day      time.Time
		wantPeak time.Time // UTC
	}{
		{"UTC", DiurnalConfig{PeakHour: 14, TroughRatio: 0.3}, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 14, 0, 0, 0, time.UTC)},
		{"Berlin winter (UTC+1)", DiurnalConfig{PeakHour: 14, TroughRatio: 0.3, TimeZone: "Europe/Berlin"}, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 13, 0, 0, 0, time.UTC)},
		{"Berlin summer (UTC+2)", DiurnalConfig{PeakHour: 14, TroughRatio: 0.3, TimeZone: "Europe/Berlin"}, time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)},
		{"New York half hour", DiurnalConfig{PeakHour: 9.5, TroughRatio: 0.1, TimeZone: "America/New_York"}, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 14, 30, 0, 0, time.UTC)},
		{"Tokyo peak at midnight", DiurnalConfig{PeakHour: 0, TroughRatio: 0.5, TimeZone: "Asia/Tokyo"}, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 15, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := must(NewDiurnal(tt.cfg))
			peak, v := argmax(d, tt.day, 24*time.Hour, time.Minute)
			if !peak.Equal(tt.wantPeak) {
				t.Errorf("peak at %s, want %s", peak, tt.wantPeak)
			}
			approx(t, "peak value", v, 1, 1e-12)
			trough := d.Rate(tt.wantPeak.Add(12 * time.Hour))
			approx(t, "trough value", trough, tt.cfg.TroughRatio, 1e-12)
			if lo := d.Rate(tt.wantPeak.Add(7 * time.Hour)); lo <= tt.cfg.TroughRatio || lo >= 1 {
				t.Errorf("value 7 h after the peak %v is not strictly between trough and peak", lo)
			}
		})
	}
}

func TestDiurnalErrors(t *testing.T) {
	tests := []struct {
		name  string
		cfg   DiurnalConfig
		field string
	}{
		{"peak hour 24", DiurnalConfig{PeakHour: 24, TroughRatio: 0.5}, "DiurnalConfig.PeakHour"},
		{"negative peak hour", DiurnalConfig{PeakHour: -1, TroughRatio: 0.5}, "DiurnalConfig.PeakHour"},
		{"trough above 1", DiurnalConfig{PeakHour: 12, TroughRatio: 1.5}, "DiurnalConfig.TroughRatio"},
		{"negative trough", DiurnalConfig{PeakHour: 12, TroughRatio: -0.1}, "DiurnalConfig.TroughRatio"},
		{"unknown zone", DiurnalConfig{PeakHour: 12, TroughRatio: 0.5, TimeZone: "Mars/Olympus_Mons"}, "DiurnalConfig.TimeZone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewDiurnal(tt.cfg)
			wantFieldError(t, err, tt.field)
		})
	}
}

func TestWeeklyWeekendFactorInZone(t *testing.T) {
	w := must(NewWeekly(WeekdayWeekend(1, 0.4, "Asia/Tokyo")))
	tests := []struct {
		name string
		at   time.Time
		want float64
	}{
		// 2026-03-06 is a Friday. Tokyo is UTC+9 without DST.
		{"Friday noon Tokyo", time.Date(2026, 3, 6, 3, 0, 0, 0, time.UTC), 1},
		{"Friday 14:59 UTC = Friday 23:59 Tokyo", time.Date(2026, 3, 6, 14, 59, 0, 0, time.UTC), 1},
		{"Friday 15:00 UTC = Saturday 00:00 Tokyo", time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC), 0.4},
		{"Sunday Tokyo", time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC), 0.4},
		{"Sunday 15:00 UTC = Monday Tokyo", time.Date(2026, 3, 8, 15, 0, 0, 0, time.UTC), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.Rate(tt.at); got != tt.want {
				t.Errorf("Rate(%s) = %v, want %v", tt.at, got, tt.want)
			}
		})
	}
	var cfg WeeklyConfig
	cfg.Factors[time.Wednesday] = -1
	_, err := NewWeekly(cfg)
	wantFieldError(t, err, "WeeklyConfig.Factors[Wednesday]")
	_, err = NewWeekly(WeeklyConfig{TimeZone: "Nowhere/Nothing"})
	wantFieldError(t, err, "WeeklyConfig.TimeZone")
}

func TestZoneClockAcrossDST(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	z := newZoneClock(loc)
	// Walk across the spring-forward and fall-back days in both directions;
	// every answer must match time.Time's own conversion.
	for _, start := range []time.Time{time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 24, 0, 0, 0, 0, time.UTC)} {
		for _, step := range []time.Duration{7 * time.Minute, -13 * time.Minute} {
			at := start
			if step < 0 {
				at = start.Add(72 * time.Hour)
			}
			for range 72 * 60 / 7 {
				sec, wd := z.local(at)
				lt := at.In(loc)
				want := float64(lt.Hour()*3600 + lt.Minute()*60 + lt.Second())
				if sec != want || wd != lt.Weekday() {
					t.Fatalf("local(%s) = %v %v, want %v %v", at, sec, wd, want, lt.Weekday())
				}
				at = at.Add(step)
			}
		}
	}
}
