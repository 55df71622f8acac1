package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// naiveMatch decides whether the UTC minute t matches c by brute force,
// independently of the jump-based search in cron_next.go.
func naiveMatch(c *cronSpec, t time.Time) bool {
	if c.minutes&(1<<uint(t.Minute())) == 0 || c.hours&(1<<uint(t.Hour())) == 0 ||
		c.months&(1<<uint(t.Month())) == 0 || !c.hasYear(t.Year()) {
		return false
	}
	day := t.Truncate(24 * time.Hour)
	if c.dowAny {
		return naiveDOM(c, day)
	}
	return naiveDOW(c, day)
}

func naiveDOM(c *cronSpec, day time.Time) bool {
	if c.dom&(1<<uint(day.Day())) != 0 {
		return true
	}
	if c.domLast && day.AddDate(0, 0, 1).Month() != day.Month() {
		return true
	}
	for n := 1; n <= 31; n++ {
		if c.domNearW&(1<<uint(n)) != 0 && naiveNearestWeekday(day, n) == day.Day() {
			return true
		}
	}
	return false
}

// naiveNearestWeekday scans the month's weekdays for the one nearest day n
// (n clamped to the month), preferring the earlier one on a tie.
func naiveNearestWeekday(day time.Time, n int) int {
	first := day.AddDate(0, 0, 1-day.Day())
	best, bestDist := 0, 100
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		last := d.Day()
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		target := min(n, daysIn(d.Year(), d.Month()))
		dist := last - target
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = last, dist
		}
	}
	return best
}

func naiveDOW(c *cronSpec, day time.Time) bool {
	wd := int(day.Weekday()) + 1
	if c.dow&(1<<uint(wd)) != 0 {
		return true
	}
	if c.dowLast&(1<<uint(wd)) != 0 && day.AddDate(0, 0, 7).Month() != day.Month() {
		return true
	}
	k := 0
	for d := day; d.Month() == day.Month(); d = d.AddDate(0, 0, -7) {
		k++
	}
	return c.dowNth[wd]&(1<<uint(k)) != 0
}

// randomCron builds a random valid AWS cron expression.
func randomCron(r *rand.Rand) string {
	pick := func(opts ...string) string { return opts[r.IntN(len(opts))] }
	minute := pick("*", "0", "0/15", "*/7", "5,35", "10-20/5", "59")
	hour := pick("*", "0", "9-17", "*/6", "23", "1,13")
	month := pick("*", "JAN", "2-4", "*/3", "DEC", "FEB,AUG")
	year := pick("*", "2024", "2024-2026", "*/2", "2025,2027")
	dom, dow := "?", "?"
	if r.IntN(2) == 0 {
		dom = pick("*", "1", "L", "15W", "1W", "31W", "28-31", "L,15", "*/10", "29")
	} else {
		dow = pick("*", "MON", "MON-FRI", "1", "6L", "L", "3#2", "SAT#5", "2,4,6", "2#1,6L")
	}
	return fmt.Sprintf("cron(%s %s %s %s %s %s)", minute, hour, dom, month, dow, year)
}

// TestCronAgainstBruteForce compares Next with a minute-by-minute scan.
func TestCronAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	exprs, horizon := 200, 24*time.Hour*70
	if testing.Short() {
		exprs = 40
	}
	for range exprs {
		expr := randomCron(r)
		s := MustParse(expr, nil)
		from := time.Date(2023+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
		got := s.Next(from)
		want := time.Time{}
		for m := from.Truncate(time.Minute).Add(time.Minute); m.Before(from.Add(horizon)); m = m.Add(time.Minute) {
			if naiveMatch(&s.cron, m) {
				want = m
				break
			}
		}
		if want.IsZero() {
			if !got.IsZero() && got.Before(from.Add(horizon)) {
				t.Errorf("%s after %s: got %s, brute force found none", expr, from, got)
			}
			continue
		}
		if !got.Equal(want) {
			t.Errorf("%s after %s: got %s, want %s", expr, from, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"cron(30 6 ? * MON *)", "cron(0/15 * * * ? *)", "cron(0 10 L * ? *)", "cron(0 9 3W * ? 2024)",
		"cron(0 12 ? * 6L *)", "cron(0 12 ? * 3#2 *)", "cron(0 0 29 FEB ? 2024-2030)", "rate(5 minutes)",
		"rate(1 day)", "at(2019-05-20T18:35:00)", "cron(0 0 1 * ? 1969)", "cron(*/0 * * * ? *)",
	}
	for _, s := range seeds {
		f.Add(s, 0)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.UTC
	}
	f.Fuzz(func(t *testing.T, expr string, offsetMinutes int) {
		loc := time.UTC
		if offsetMinutes%2 != 0 {
			loc = ny
		}
		s, err := Parse(expr, loc)
		if err != nil {
			return
		}
		from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(offsetMinutes%1_000_000) * time.Minute)
		prev := from
		for range 5 {
			next := s.Next(prev)
			if next.IsZero() {
				return
			}
			if !next.After(prev) {
				t.Fatalf("%q: Next(%s) = %s is not after its argument", expr, prev, next)
			}
			if s.Kind() == KindCron && next.Second() != 0 {
				t.Fatalf("%q: Next(%s) = %s is not a whole minute", expr, prev, next)
			}
			if s.Kind() == KindCron && loc == time.UTC && !naiveMatch(&s.cron, next) {
				t.Fatalf("%q: Next(%s) = %s does not match the expression", expr, prev, next)
			}
			prev = next
		}
	})
}
