package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind says which of the three expression forms a Schedule holds.
type Kind uint8

// The expression forms.
const (
	KindCron Kind = iota + 1 // cron(Minutes Hours Day-of-month Month Day-of-week Year)
	KindRate                 // rate(value unit)
	KindAt                   // at(yyyy-mm-ddThh:mm:ss)
)

// String returns the expression keyword.
func (k Kind) String() string {
	switch k {
	case KindCron:
		return "cron"
	case KindRate:
		return "rate"
	case KindAt:
		return "at"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Schedule is a parsed schedule expression bound to a time zone. The zero
// value never fires. Schedule is a small value type; copy it freely.
type Schedule struct {
	kind   Kind
	expr   string
	loc    *time.Location
	cron   cronSpec
	every  time.Duration // rate period
	anchor time.Time     // rate: first occurrence; at: the instant
}

// SyntaxError describes an unparsable expression. Field names the part that
// is wrong (for cron, one of the six field names) and Rule says why.
type SyntaxError struct {
	Expr  string
	Field string
	Rule  string
}

func (e *SyntaxError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("schedule %q: %s", e.Expr, e.Rule)
	}
	return fmt.Sprintf("schedule %q: %s: %s", e.Expr, e.Field, e.Rule)
}

// Parse parses cron(...), rate(...) or at(...). loc is the time zone the
// expression's wall-clock times are in; nil means UTC (the AWS default).
// A rate schedule is anchored at the Unix epoch until WithStart moves it.
func Parse(expr string, loc *time.Location) (Schedule, error) {
	if loc == nil {
		loc = time.UTC
	}
	s := Schedule{expr: expr, loc: loc}
	kw, body, ok := splitCall(expr)
	if !ok {
		return Schedule{}, &SyntaxError{Expr: expr, Rule: "want cron(...), rate(...) or at(...)"}
	}
	var err error
	switch kw {
	case "cron":
		s.kind = KindCron
		s.cron, err = parseCron(expr, body)
	case "rate":
		s.kind = KindRate
		s.every, err = parseRate(expr, body)
		s.anchor = time.Unix(0, 0).UTC()
	case "at":
		s.kind = KindAt
		s.anchor, err = parseAt(expr, body, loc)
	default:
		err = &SyntaxError{Expr: expr, Rule: fmt.Sprintf("unknown expression %q: want cron, rate or at", kw)}
	}
	if err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// MustParse is Parse for expressions known to be valid (tests, examples); it
// panics on error.
func MustParse(expr string, loc *time.Location) Schedule {
	s, err := Parse(expr, loc)
	if err != nil {
		panic("schedule: " + err.Error())
	}
	return s
}

// splitCall splits "kw(body)" into kw and body.
func splitCall(expr string) (kw, body string, ok bool) {
	open := strings.IndexByte(expr, '(')
	if open <= 0 || !strings.HasSuffix(expr, ")") {
		return "", "", false
	}
	return expr[:open], expr[open+1 : len(expr)-1], true
}

// WithStart returns a copy whose rate occurrences are start, start+rate, …
// (for an Application Auto Scaling action: its StartTime, or the time it was
// created). It does not change cron or at schedules.
func (s Schedule) WithStart(start time.Time) Schedule {
	if s.kind == KindRate {
		s.anchor = start
	}
	return s
}

// Kind reports the expression form; zero for the zero Schedule.
func (s Schedule) Kind() Kind { return s.kind }

// Location reports the time zone of the schedule's wall-clock times.
func (s Schedule) Location() *time.Location { return s.loc }

// String returns the expression as parsed.
func (s Schedule) String() string { return s.expr }

// Next returns the first occurrence strictly after after, or the zero time
// if there is none.
func (s Schedule) Next(after time.Time) time.Time {
	switch s.kind {
	case KindCron:
		return s.cron.next(after, s.loc)
	case KindRate:
		return nextRate(s.anchor, s.every, after)
	case KindAt:
		if s.anchor.After(after) {
			return s.anchor
		}
	}
	return time.Time{}
}

// nextRate returns the first anchor + k·every (k ≥ 0) strictly after after.
// ref §6.5 (modelling choice): the first occurrence is the anchor itself.
func nextRate(anchor time.Time, every time.Duration, after time.Time) time.Time {
	if anchor.After(after) {
		return anchor
	}
	k := after.Sub(anchor)/every + 1
	return anchor.Add(k * every)
}

// parseRate parses "value unit"; AWS requires the singular unit for 1 and the
// plural otherwise (EventBridge schedule-expression rules, which AWS reuses).
func parseRate(expr, body string) (time.Duration, error) {
	fields := strings.Fields(body)
	if len(fields) != 2 {
		return 0, &SyntaxError{Expr: expr, Rule: "rate needs a value and a unit, e.g. rate(5 minutes)"}
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n <= 0 || fields[0][0] == '+' {
		return 0, &SyntaxError{Expr: expr, Field: "value", Rule: fmt.Sprintf("%q is not a positive integer", fields[0])}
	}
	unit := fields[1]
	var base time.Duration
	switch strings.TrimSuffix(unit, "s") {
	case "minute":
		base = time.Minute
	case "hour":
		base = time.Hour
	case "day":
		base = 24 * time.Hour
	}
	if base == 0 {
		return 0, &SyntaxError{Expr: expr, Field: "unit", Rule: fmt.Sprintf("%q is not minute(s), hour(s) or day(s)", unit)}
	}
	plural := strings.HasSuffix(unit, "s")
	if (n == 1) == plural {
		want := "singular"
		if n != 1 {
			want = "plural"
		}
		return 0, &SyntaxError{Expr: expr, Field: "unit", Rule: fmt.Sprintf("%q must be %s for value %d", unit, want, n)}
	}
	const maxRate = 200 * 366 * 24 * time.Hour
	if time.Duration(n) > maxRate/base {
		return 0, &SyntaxError{Expr: expr, Field: "value", Rule: fmt.Sprintf("%d %s is longer than 200 years", n, unit)}
	}
	return time.Duration(n) * base, nil
}

// parseAt parses yyyy-mm-ddThh:mm:ss as a wall time in loc.
func parseAt(expr, body string, loc *time.Location) (time.Time, error) {
	w, err := time.Parse("2006-01-02T15:04:05", body)
	if err != nil {
		return time.Time{}, &SyntaxError{Expr: expr, Rule: fmt.Sprintf("at needs yyyy-mm-ddThh:mm:ss: %q", body)}
	}
	return resolve(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), loc), nil
}
