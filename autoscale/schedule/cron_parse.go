package schedule

import (
	"fmt"
	"strconv"
	"strings"
)

// cronSpec is a compiled six-field AWS cron expression: one bit per allowed
// value, plus the day-of-month and day-of-week specials.
type cronSpec struct {
	minutes uint64    // bits 0..59
	hours   uint32    // bits 0..23
	months  uint16    // bits 1..12
	years   [4]uint64 // bit y-minYear for y in 1970..2199

	domAny   bool   // day-of-month is "?": the day-of-week field decides
	dom      uint32 // bits 1..31
	domLast  bool   // "L": last day of the month
	domNearW uint32 // "nW": bit n = weekday nearest day n

	dowAny  bool     // day-of-week is "?": the day-of-month field decides
	dow     uint8    // bits 1..7, 1 = SUN
	dowLast uint8    // "nL": bit n = last weekday n of the month
	dowNth  [8]uint8 // "n#k": dowNth[n] bit k = k-th weekday n of the month
}

const (
	minYear = 1970
	maxYear = 2199
)

// fieldSpec describes one of the six cron fields. ref §6.5 [S25]: the
// Application Auto Scaling cron format is [Minutes] [Hours] [Day_of_Month]
// [Month] [Day_of_Week] [Year], with the ranges below (1 = SUN).
type fieldSpec struct {
	name     string
	lo, hi   int
	names    []string // names[i] stands for lo+i
	question bool     // "?" allowed
}

var (
	monthNames = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
	dayNames   = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}
	cronFields = [6]fieldSpec{
		{name: "minutes", lo: 0, hi: 59},
		{name: "hours", lo: 0, hi: 23},
		{name: "day-of-month", lo: 1, hi: 31, question: true},
		{name: "month", lo: 1, hi: 12, names: monthNames},
		{name: "day-of-week", lo: 1, hi: 7, names: dayNames, question: true},
		{name: "year", lo: minYear, hi: maxYear},
	}
)

// parseCron compiles the body of cron(...).
func parseCron(expr, body string) (cronSpec, error) {
	parts := strings.Fields(body)
	if len(parts) != 6 {
		return cronSpec{}, &SyntaxError{Expr: expr, Rule: fmt.Sprintf("cron needs 6 fields (minutes hours day-of-month month day-of-week year), got %d", len(parts))}
	}
	var c cronSpec
	p := cronParser{expr: expr}
	c.minutes = p.bits64(cronFields[0], parts[0])
	c.hours = uint32(p.bits64(cronFields[1], parts[1]))
	c.months = uint16(p.bits64(cronFields[3], parts[3]))
	p.years(&c, parts[5])
	p.dayOfMonth(&c, parts[2])
	p.dayOfWeek(&c, parts[4])
	if p.err == nil && c.domAny == c.dowAny {
		// ref §6.5 (AWS cron reference): "You can't specify the Day-of-month
		// and Day-of-week fields in the same cron expression"; exactly one
		// of them must be "?".
		p.fail("day-of-month", "exactly one of day-of-month and day-of-week must be ?")
	}
	if p.err != nil {
		return cronSpec{}, p.err
	}
	return c, nil
}

// cronParser keeps the first error so the field parsers stay linear.
type cronParser struct {
	expr string
	err  error
}

func (p *cronParser) fail(field, format string, args ...any) {
	if p.err == nil {
		p.err = &SyntaxError{Expr: p.expr, Field: field, Rule: fmt.Sprintf(format, args...)}
	}
}

// bits64 parses a plain field (lists, ranges, steps, names, *) into a bitset.
func (p *cronParser) bits64(f fieldSpec, s string) uint64 {
	var out uint64
	for _, item := range strings.Split(s, ",") {
		lo, hi, step, ok := p.item(f, item)
		if !ok {
			return 0
		}
		for v := lo; v <= hi; v += step {
			out |= 1 << uint(v)
		}
	}
	return out
}

// years parses the year field into the four-word bitset.
func (p *cronParser) years(c *cronSpec, s string) {
	f := cronFields[5]
	for _, item := range strings.Split(s, ",") {
		lo, hi, step, ok := p.item(f, item)
		if !ok {
			return
		}
		for v := lo; v <= hi; v += step {
			i := v - minYear
			c.years[i/64] |= 1 << uint(i%64)
		}
	}
}

// item parses "*", "v", "a-b", "*/s", "a/s" or "a-b/s" into lo..hi by step.
func (p *cronParser) item(f fieldSpec, item string) (lo, hi, step int, ok bool) {
	rng, stepStr, hasStep := strings.Cut(item, "/")
	step = 1
	if hasStep {
		n, err := strconv.Atoi(stepStr)
		if err != nil || n < 1 {
			p.fail(f.name, "step %q in %q is not a positive integer", stepStr, item)
			return 0, 0, 0, false
		}
		step = n
	}
	switch {
	case rng == "*":
		return f.lo, f.hi, step, true
	case strings.Contains(rng, "-"):
		a, b, _ := strings.Cut(rng, "-")
		lo, ok1 := p.value(f, a)
		hi, ok2 := p.value(f, b)
		if !ok1 || !ok2 {
			return 0, 0, 0, false
		}
		if lo > hi {
			p.fail(f.name, "range %q runs backwards", rng)
			return 0, 0, 0, false
		}
		return lo, hi, step, true
	}
	v, ok := p.value(f, rng)
	if !ok {
		return 0, 0, 0, false
	}
	if hasStep { // "a/s": from a to the end of the range
		return v, f.hi, step, true
	}
	return v, v, 1, true
}

// value parses one number or name of field f and checks its range.
func (p *cronParser) value(f fieldSpec, s string) (int, bool) {
	for i, n := range f.names {
		if strings.EqualFold(s, n) {
			return f.lo + i, true
		}
	}
	v, err := strconv.Atoi(s)
	if err != nil || len(s) > 4 || s[0] < '0' || s[0] > '9' {
		p.fail(f.name, "%q is not a number or name", s)
		return 0, false
	}
	if v < f.lo || v > f.hi {
		p.fail(f.name, "%d is out of range %d-%d", v, f.lo, f.hi)
		return 0, false
	}
	return v, true
}

// dayOfMonth parses "?", "L", "nW" items and plain items.
func (p *cronParser) dayOfMonth(c *cronSpec, s string) {
	f := cronFields[2]
	if s == "?" {
		c.domAny = true
		return
	}
	for _, item := range strings.Split(s, ",") {
		switch {
		case item == "L":
			c.domLast = true
		case strings.HasSuffix(item, "W"):
			n, ok := p.value(f, strings.TrimSuffix(item, "W"))
			if !ok {
				return
			}
			c.domNearW |= 1 << uint(n)
		default:
			c.dom |= uint32(p.bits64(f, item))
		}
	}
}

// dayOfWeek parses "?", "L", "nL", "n#k" items and plain items.
func (p *cronParser) dayOfWeek(c *cronSpec, s string) {
	f := cronFields[4]
	if s == "?" {
		c.dowAny = true
		return
	}
	for _, item := range strings.Split(s, ",") {
		switch {
		case item == "L": // the last day of the week: Saturday
			c.dow |= 1 << 7
		case strings.HasSuffix(item, "L"):
			n, ok := p.value(f, strings.TrimSuffix(item, "L"))
			if !ok {
				return
			}
			c.dowLast |= 1 << uint(n)
		case strings.Contains(item, "#"):
			a, b, _ := strings.Cut(item, "#")
			n, ok := p.value(f, a)
			k, err := strconv.Atoi(b)
			if !ok {
				return
			}
			if err != nil || k < 1 || k > 5 {
				p.fail(f.name, "occurrence %q in %q is not 1-5", b, item)
				return
			}
			c.dowNth[n] |= 1 << uint(k)
		default:
			c.dow |= uint8(p.bits64(f, item))
		}
	}
}
