package schedule

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s not available: %v", name, err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// nextN returns the first n occurrences after from.
func nextN(s Schedule, from time.Time, n int) []time.Time {
	var out []time.Time
	for range n {
		from = s.Next(from)
		if from.IsZero() {
			break
		}
		out = append(out, from)
	}
	return out
}

func TestCronNextUTC(t *testing.T) {
	tests := []struct {
		name, expr, after string
		want              []string
	}{
		{"every monday 06:30 (AWS doc example)", "cron(30 6 ? * MON *)", "2024-01-01T06:30:00Z",
			[]string{"2024-01-08T06:30:00Z", "2024-01-15T06:30:00Z"}},
		{"every 15 minutes", "cron(0/15 * * * ? *)", "2024-01-01T10:07:12Z",
			[]string{"2024-01-01T10:15:00Z", "2024-01-01T10:30:00Z", "2024-01-01T10:45:00Z", "2024-01-01T11:00:00Z"}},
		{"star step", "cron(*/20 9 * * ? *)", "2024-01-01T09:40:00Z",
			[]string{"2024-01-02T09:00:00Z", "2024-01-02T09:20:00Z"}},
		{"weekdays by name range", "cron(0 8 ? * MON-FRI *)", "2024-01-05T09:00:00Z",
			[]string{"2024-01-08T08:00:00Z", "2024-01-09T08:00:00Z"}},
		{"last day of month", "cron(0 10 L * ? *)", "2024-01-31T10:00:00Z",
			[]string{"2024-02-29T10:00:00Z", "2024-03-31T10:00:00Z", "2024-04-30T10:00:00Z"}},
		// 2024-08-03 is a Saturday (nearest weekday Friday 2nd); 2024-11-03 a Sunday (Monday 4th);
		// 2024-06-01 is a Saturday and W may not leave the month (Monday 3rd).
		{"nearest weekday", "cron(0 9 3W * ? 2024)", "2024-07-31T00:00:00Z",
			[]string{"2024-08-02T09:00:00Z", "2024-09-03T09:00:00Z", "2024-10-03T09:00:00Z", "2024-11-04T09:00:00Z", "2024-12-03T09:00:00Z"}},
		{"W does not leave the month", "cron(0 9 1W 6 ? 2024)", "2024-01-01T00:00:00Z",
			[]string{"2024-06-03T09:00:00Z"}},
		{"last friday", "cron(0 12 ? * 6L *)", "2024-01-01T00:00:00Z",
			[]string{"2024-01-26T12:00:00Z", "2024-02-23T12:00:00Z", "2024-03-29T12:00:00Z"}},
		{"second tuesday", "cron(0 12 ? * 3#2 *)", "2024-01-01T00:00:00Z",
			[]string{"2024-01-09T12:00:00Z", "2024-02-13T12:00:00Z"}},
		{"L in day-of-week is saturday", "cron(0 0 ? * L *)", "2024-01-01T00:00:00Z",
			[]string{"2024-01-06T00:00:00Z", "2024-01-13T00:00:00Z"}},
		{"leap day in a year range", "cron(0 0 29 FEB ? 2024-2030)", "2024-03-01T00:00:00Z",
			[]string{"2028-02-29T00:00:00Z"}},
		{"lists and names", "cron(5,35 1 ? JAN,jul SUN 2025)", "2025-06-30T00:00:00Z",
			[]string{"2025-07-06T01:05:00Z", "2025-07-06T01:35:00Z", "2025-07-13T01:05:00Z"}},
		{"year exhausted", "cron(0 0 1 1 ? 2020)", "2021-01-01T00:00:00Z", nil},
		{"last year 2199", "cron(59 23 31 12 ? 2199)", "2199-12-31T23:58:00Z",
			[]string{"2199-12-31T23:59:00Z"}},
		{"start before 1970", "cron(0 0 1 1 ? *)", "1960-05-01T00:00:00Z",
			[]string{"1970-01-01T00:00:00Z", "1971-01-01T00:00:00Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := MustParse(tc.expr, nil)
			got := nextN(s, utc(tc.after), len(tc.want)+boolInt(tc.want == nil))
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if !got[i].Equal(utc(tc.want[i])) {
					t.Errorf("occurrence %d = %s, want %s", i, got[i].UTC().Format(time.RFC3339), tc.want[i])
				}
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCronDST(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	tests := []struct {
		name, expr, after string
		want              []string // UTC instants
	}{
		// 2024-03-10 02:00 EST → 03:00 EDT: 02:30 does not exist and fires at 03:30 EDT.
		{"spring forward gap", "cron(30 2 * * ? *)", "2024-03-09T12:00:00Z",
			[]string{"2024-03-10T07:30:00Z", "2024-03-11T06:30:00Z"}},
		{"spring forward 09:00 local keeps wall clock", "cron(0 9 * * ? *)", "2024-03-09T00:00:00Z",
			[]string{"2024-03-09T14:00:00Z", "2024-03-10T13:00:00Z"}},
		// 2024-11-03 02:00 EDT → 01:00 EST: 01:30 occurs twice and fires once, at its first instant.
		{"fall back ambiguous", "cron(30 1 * * ? *)", "2024-11-02T12:00:00Z",
			[]string{"2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z"}},
		{"fall back every 30 min", "cron(0/30 * * * ? *)", "2024-11-03T04:40:00Z",
			[]string{"2024-11-03T05:00:00Z", "2024-11-03T05:30:00Z", "2024-11-03T07:00:00Z", "2024-11-03T07:30:00Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := MustParse(tc.expr, ny)
			got := nextN(s, utc(tc.after), len(tc.want))
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if !got[i].Equal(utc(tc.want[i])) {
					t.Errorf("occurrence %d = %s, want %s", i, got[i].UTC().Format(time.RFC3339), tc.want[i])
				}
			}
		})
	}
}

func TestRateAndAt(t *testing.T) {
	tokyo := mustLoc(t, "Asia/Tokyo")
	start := utc("2024-01-01T00:00:00Z")
	tests := []struct {
		name  string
		s     Schedule
		after string
		want  []string
	}{
		{"rate anchored at start fires at start", MustParse("rate(5 minutes)", nil).WithStart(start), "2023-12-31T23:00:00Z",
			[]string{"2024-01-01T00:00:00Z", "2024-01-01T00:05:00Z"}},
		{"rate mid-period", MustParse("rate(1 hour)", nil).WithStart(start), "2024-01-01T02:30:00Z",
			[]string{"2024-01-01T03:00:00Z", "2024-01-01T04:00:00Z"}},
		{"rate exactly on an occurrence", MustParse("rate(2 days)", nil).WithStart(start), "2024-01-03T00:00:00Z",
			[]string{"2024-01-05T00:00:00Z"}},
		{"rate default epoch anchor", MustParse("rate(1 day)", nil), "2024-01-01T05:00:00Z",
			[]string{"2024-01-02T00:00:00Z"}},
		{"at in a time zone (fixture form)", MustParse("at(2019-05-20T18:35:00)", tokyo), "2019-01-01T00:00:00Z",
			[]string{"2019-05-20T09:35:00Z"}},
		{"at in the past", MustParse("at(2019-05-20T18:35:00)", nil), "2019-05-20T18:35:00Z", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := nextN(tc.s, utc(tc.after), len(tc.want)+boolInt(tc.want == nil))
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if !got[i].Equal(utc(tc.want[i])) {
					t.Errorf("occurrence %d = %s, want %s", i, got[i].UTC().Format(time.RFC3339), tc.want[i])
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		expr, field, rule string
	}{
		{"cron(0 12 * * ?)", "", "6 fields"},
		{"cron(0 12 * * * *)", "day-of-month", "exactly one of day-of-month and day-of-week must be ?"},
		{"cron(0 12 ? * ? *)", "day-of-month", "exactly one"},
		{"cron(60 12 * * ? *)", "minutes", "60 is out of range 0-59"},
		{"cron(0 24 * * ? *)", "hours", "out of range 0-23"},
		{"cron(0 0 0 * ? *)", "day-of-month", "out of range 1-31"},
		{"cron(0 0 ? 13 MON *)", "month", "out of range 1-12"},
		{"cron(0 0 ? * 8 *)", "day-of-week", "out of range 1-7"},
		{"cron(0 0 1 * ? 1969)", "year", "out of range 1970-2199"},
		{"cron(0 0 1 * ? 2200)", "year", "out of range"},
		{"cron(10-5 0 1 * ? *)", "minutes", "runs backwards"},
		{"cron(0/0 0 1 * ? *)", "minutes", "not a positive integer"},
		{"cron(0 0 1 FOO ? *)", "month", "not a number or name"},
		{"cron(0 0 ? * MON#6 *)", "day-of-week", "not 1-5"},
		{"cron(0 0 ? * 2#x *)", "day-of-week", "not 1-5"},
		{"cron(0 0 32W * ? *)", "day-of-month", "out of range"},
		{"cron(0 0 1,,2 * ? *)", "day-of-month", "not a number"},
		{"cron(+5 0 1 * ? *)", "minutes", "not a number"},
		{"rate(1 minutes)", "unit", "must be singular"},
		{"rate(5 minute)", "unit", "must be plural"},
		{"rate(0 minutes)", "value", "positive integer"},
		{"rate(5 weeks)", "unit", "minute(s), hour(s) or day(s)"},
		{"rate(5)", "", "value and a unit"},
		{"rate(99999999 days)", "value", "200 years"},
		{"at(2019-05-20 18:35:00)", "", "yyyy-mm-ddThh:mm:ss"},
		{"every(5 minutes)", "", "unknown expression"},
		{"cron 0 0 * * ? *", "", "want cron(...)"},
		{"", "", "want cron(...)"},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := Parse(tc.expr, nil)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want *SyntaxError", tc.expr, err)
			}
			if se.Field != tc.field || !strings.Contains(se.Rule, tc.rule) {
				t.Errorf("Parse(%q) = field %q rule %q, want field %q rule containing %q", tc.expr, se.Field, se.Rule, tc.field, tc.rule)
			}
		})
	}
}

func TestKindAndString(t *testing.T) {
	for expr, k := range map[string]Kind{"cron(0 0 ? * MON *)": KindCron, "rate(1 day)": KindRate, "at(2024-01-01T00:00:00)": KindAt} {
		s := MustParse(expr, nil)
		if s.Kind() != k || s.String() != expr || s.Location() != time.UTC {
			t.Errorf("%q: kind %v string %q loc %v", expr, s.Kind(), s.String(), s.Location())
		}
	}
	var zero Schedule
	if !zero.Next(utc("2024-01-01T00:00:00Z")).IsZero() {
		t.Error("zero Schedule fired")
	}
}
