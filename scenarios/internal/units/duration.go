package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Day is 24 hours: scenario time is a virtual clock without leap seconds
// or daylight-saving shifts.
const Day = 24 * time.Hour

// durationUnits are the suffixes ParseDuration accepts, longest first where
// one is a prefix of another ("ms" before "m").
var durationUnits = []struct {
	name string
	d    time.Duration
}{
	{"ns", time.Nanosecond}, {"us", time.Microsecond}, {"µs", time.Microsecond}, {"ms", time.Millisecond},
	{"s", time.Second}, {"m", time.Minute}, {"h", time.Hour}, {"d", Day}, {"w", 7 * Day},
}

// ErrDurationSyntax is wrapped by every ParseDuration syntax error.
var ErrDurationSyntax = errors.New(`expected a duration such as "90s", "15m", "1h30m" or "7d" (units ns, us, ms, s, m, h, d, w)`)

// ParseDuration parses a duration written as one or more number-unit pairs:
// "90s", "1.5h", "7d", "1d12h", "500ms". Units are ns, us (µs), ms, s, m, h,
// d (24 h) and w (7 d). A leading "-" negates; "0" alone is zero. Unlike
// time.ParseDuration it accepts days and weeks, which scenarios need.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "0" {
		return 0, nil
	}
	neg := strings.HasPrefix(in, "-")
	rest := strings.TrimPrefix(in, "-")
	if rest == "" {
		return 0, fmt.Errorf("%q: %w", s, ErrDurationSyntax)
	}
	var total float64
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] == '.' || rest[i] >= '0' && rest[i] <= '9') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("%q: %w", s, ErrDurationSyntax)
		}
		v, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("%q: %w", s, ErrDurationSyntax)
		}
		rest = rest[i:]
		unit, ok := durationUnit(rest)
		if !ok {
			return 0, fmt.Errorf("%q: %w", s, ErrDurationSyntax)
		}
		rest = rest[len(unit.name):]
		total += v * float64(unit.d)
	}
	if total > math.MaxInt64 {
		return 0, fmt.Errorf("%q: longer than %v", s, time.Duration(math.MaxInt64))
	}
	d := time.Duration(math.Round(total))
	if neg {
		d = -d
	}
	return d, nil
}

func durationUnit(s string) (struct {
	name string
	d    time.Duration
}, bool) {
	best := -1
	for i, u := range durationUnits {
		if strings.HasPrefix(s, u.name) && (best < 0 || len(u.name) > len(durationUnits[best].name)) {
			best = i
		}
	}
	if best < 0 {
		return durationUnits[0], false
	}
	return durationUnits[best], true
}

// FormatDuration writes d the way scenarios are written: whole days as
// "7d", otherwise days followed by Go's notation of the rest ("1d12h0m0s"
// becomes "1d12h"), trimming zero minutes and seconds.
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	var b strings.Builder
	b.WriteString(sign)
	if days := d / Day; days > 0 {
		b.WriteString(strconv.FormatInt(int64(days), 10))
		b.WriteByte('d')
		d -= days * Day
		if d == 0 {
			return b.String()
		}
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	b.WriteString(s)
	return b.String()
}
