package schedule

import (
	"math/bits"
	"time"
)

// next returns the first minute strictly after after that matches c, in loc.
// It walks wall-clock fields from the largest down, jumping over unset bits,
// and resolves each candidate to an instant; because resolve is monotone the
// first candidate after after is the answer.
func (c *cronSpec) next(after time.Time, loc *time.Location) time.Time {
	w := after.In(loc)
	// The first candidate is the wall minute following after's wall minute.
	start := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, time.UTC).Add(time.Minute)
	if start.Year() < minYear {
		start = time.Date(minYear, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	sy, smo, sd := start.Date()
	sh, smi := start.Hour(), start.Minute()
	for y := sy; y <= maxYear; y++ {
		if !c.hasYear(y) {
			continue
		}
		for mo := firstAt(y == sy, int(smo), 1); mo <= 12; mo++ {
			if c.months&(1<<uint(mo)) == 0 {
				continue
			}
			sameStart := y == sy && mo == int(smo)
			if t, ok := c.nextInMonth(y, time.Month(mo), sameStart, sd, sh, smi, after, loc); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// nextInMonth scans the days of one month. sameStart says the month is the
// start month, so scanning begins at day sd, hour sh, minute smi.
func (c *cronSpec) nextInMonth(y int, mo time.Month, sameStart bool, sd, sh, smi int, after time.Time, loc *time.Location) (time.Time, bool) {
	last := daysIn(y, mo)
	for d := firstAt(sameStart, sd, 1); d <= last; d++ {
		startDay := sameStart && d == sd
		if !c.dayMatches(y, mo, d, last) {
			continue
		}
		for h := nextBit(uint64(c.hours), firstAt(startDay, sh, 0)); h < 24; h = nextBit(uint64(c.hours), h+1) {
			startHour := startDay && h == sh
			for mi := nextBit(c.minutes, firstAt(startHour, smi, 0)); mi < 60; mi = nextBit(c.minutes, mi+1) {
				if t := resolve(y, mo, d, h, mi, 0, loc); t.After(after) {
					return t, true
				}
			}
		}
	}
	return time.Time{}, false
}

// dayMatches applies the day-of-month or the day-of-week field (the other is "?").
func (c *cronSpec) dayMatches(y int, mo time.Month, d, last int) bool {
	if c.dowAny {
		return c.domMatches(y, mo, d, last)
	}
	wd := int(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Weekday()) + 1 // 1 = SUN
	if c.dow&(1<<uint(wd)) != 0 {
		return true
	}
	if c.dowLast&(1<<uint(wd)) != 0 && d+7 > last {
		return true
	}
	k := (d-1)/7 + 1
	return c.dowNth[wd]&(1<<uint(k)) != 0
}

// domMatches applies day-of-month values, "L" and "nW".
func (c *cronSpec) domMatches(y int, mo time.Month, d, last int) bool {
	if c.dom&(1<<uint(d)) != 0 {
		return true
	}
	if c.domLast && d == last {
		return true
	}
	for m := c.domNearW; m != 0; m &= m - 1 {
		if nearestWeekday(y, mo, bits.TrailingZeros32(m), last) == d {
			return true
		}
	}
	return false
}

// nearestWeekday returns the weekday (Mon–Fri) nearest day n without leaving
// the month (the W wildcard). Modelling choice: n beyond the month's last day
// means the last day.
func nearestWeekday(y int, mo time.Month, n, last int) int {
	n = min(n, last)
	switch time.Date(y, mo, n, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday:
		if n == 1 {
			return 3 // Monday the 3rd
		}
		return n - 1
	case time.Sunday:
		if n == last {
			return n - 2 // Friday
		}
		return n + 1
	}
	return n
}

func (c *cronSpec) hasYear(y int) bool {
	i := y - minYear
	return c.years[i/64]&(1<<uint(i%64)) != 0
}

// nextBit returns the smallest set bit of m at or above from, or 64.
func nextBit(m uint64, from int) int {
	if from >= 64 {
		return 64
	}
	return bits.TrailingZeros64(m >> uint(from) << uint(from))
}

// firstAt returns v when the scan starts in this unit, else the unit's minimum.
func firstAt(isStart bool, v, lo int) int {
	if isStart {
		return v
	}
	return lo
}

// daysIn returns the number of days in month mo of year y.
func daysIn(y int, mo time.Month) int {
	return time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
