package workload

import (
	"math"
	"time"
)

const secondsPerDay = 24 * 60 * 60

// loadZone resolves an IANA time-zone name; "" means UTC. The binary needs a
// time-zone database: the host's, or the one embedded by importing
// time/tzdata (the CLI should do so, so results do not depend on the host).
func loadZone(field, name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fieldErr(field, "unknown time zone %q: %v", name, err)
	}
	return loc, nil
}

// zoneClock converts instants to local wall-clock time in one location,
// remembering the UTC offset of the last zone period it saw (DST periods
// last months, so nearly every query hits). It is the reason Diurnal and
// Weekly are not safe for concurrent use.
type zoneClock struct {
	loc        *time.Location
	start, end int64 // Unix seconds of the cached period; end exclusive
	offset     int64 // seconds east of UTC in that period
}

func newZoneClock(loc *time.Location) zoneClock {
	return zoneClock{loc: loc, start: 1, end: 0} // empty: the first query misses
}

// local returns the local seconds since local midnight (fractional) and the
// local weekday of t. It does not allocate.
func (z *zoneClock) local(t time.Time) (secOfDay float64, wd time.Weekday) {
	unix := t.Unix()
	if unix < z.start || unix >= z.end {
		lt := t.In(z.loc)
		_, off := lt.Zone()
		zs, ze := lt.ZoneBounds()
		z.offset, z.start, z.end = int64(off), math.MinInt64, math.MaxInt64
		if !zs.IsZero() {
			z.start = zs.Unix()
		}
		if !ze.IsZero() {
			z.end = ze.Unix()
		}
	}
	local := unix + z.offset
	day := floorDiv(local, secondsPerDay)
	sec := local - day*secondsPerDay
	// 1970-01-01 was a Thursday.
	wd = time.Weekday((day%7 + 7 + int64(time.Thursday)) % 7)
	return float64(sec) + float64(t.Nanosecond())/1e9, wd
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// DiurnalConfig describes a daily cycle.
type DiurnalConfig struct {
	// PeakHour is the local hour of the daily maximum, 0 ≤ PeakHour < 24;
	// fractions are minutes (13.5 = 13:30).
	PeakHour float64
	// TroughRatio is the daily minimum divided by the maximum, in [0, 1].
	TroughRatio float64
	// TimeZone is an IANA name ("Europe/Berlin"); "" means UTC.
	TimeZone string
}

// Diurnal is a dimensionless daily factor between TroughRatio (twelve hours
// from the peak) and 1 (at the peak), following a raised cosine of the local
// wall-clock time. Multiply it with a peak rate.
//
// The curve follows the local clock, so on daylight-saving change days it
// jumps by the clock shift, as human activity does.
//
// A Diurnal is not safe for concurrent use (it caches the zone offset).
type Diurnal struct {
	peakSec float64
	trough  float64
	clock   zoneClock
}

// NewDiurnal validates cfg and returns the factor.
func NewDiurnal(cfg DiurnalConfig) (*Diurnal, error) {
	if math.IsNaN(cfg.PeakHour) || cfg.PeakHour < 0 || cfg.PeakHour >= 24 {
		return nil, fieldErr("DiurnalConfig.PeakHour", "%v is outside 0–23 (hour of day)", cfg.PeakHour)
	}
	if math.IsNaN(cfg.TroughRatio) || cfg.TroughRatio < 0 || cfg.TroughRatio > 1 {
		return nil, fieldErr("DiurnalConfig.TroughRatio", "%v is outside [0, 1]", cfg.TroughRatio)
	}
	loc, err := loadZone("DiurnalConfig.TimeZone", cfg.TimeZone)
	if err != nil {
		return nil, err
	}
	return &Diurnal{peakSec: cfg.PeakHour * 3600, trough: cfg.TroughRatio, clock: newZoneClock(loc)}, nil
}

// Rate returns the factor at t, in [TroughRatio, 1].
func (d *Diurnal) Rate(t time.Time) float64 {
	sec, _ := d.clock.local(t)
	phase := 2 * math.Pi * (sec - d.peakSec) / secondsPerDay
	return d.trough + (1-d.trough)*(1+math.Cos(phase))/2
}

// WeeklyConfig gives a factor per local day of the week.
type WeeklyConfig struct {
	// Factors is indexed by time.Weekday (Sunday = 0); each ≥ 0.
	Factors [7]float64
	// TimeZone is an IANA name; "" means UTC.
	TimeZone string
}

// WeekdayWeekend returns a WeeklyConfig with one factor for Monday–Friday
// and another for Saturday and Sunday.
func WeekdayWeekend(weekday, weekend float64, timeZone string) WeeklyConfig {
	cfg := WeeklyConfig{TimeZone: timeZone}
	for d := range cfg.Factors {
		cfg.Factors[d] = weekday
	}
	cfg.Factors[time.Saturday] = weekend
	cfg.Factors[time.Sunday] = weekend
	return cfg
}

// Weekly is a dimensionless factor that depends on the local day of the
// week; it changes at local midnight. It is not safe for concurrent use.
type Weekly struct {
	factors [7]float64
	clock   zoneClock
}

// NewWeekly validates cfg and returns the factor.
func NewWeekly(cfg WeeklyConfig) (*Weekly, error) {
	for d, f := range cfg.Factors {
		if err := checkNonNegative("WeeklyConfig.Factors["+time.Weekday(d).String()+"]", f); err != nil {
			return nil, err
		}
	}
	loc, err := loadZone("WeeklyConfig.TimeZone", cfg.TimeZone)
	if err != nil {
		return nil, err
	}
	return &Weekly{factors: cfg.Factors, clock: newZoneClock(loc)}, nil
}

// Rate returns the factor of t's local weekday.
func (w *Weekly) Rate(t time.Time) float64 {
	_, wd := w.clock.local(t)
	return w.factors[wd]
}
