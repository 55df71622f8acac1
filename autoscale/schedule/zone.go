package schedule

import "time"

// resolve maps a wall-clock time in loc to an instant, DST-aware.
//
// ref §6.5: scheduled actions are DST-aware. Modelling choice (AWS documents
// no edge cases): a wall time that occurs twice maps to its first instant; a
// wall time inside a spring-forward gap maps to the instant it would have with
// the offset in force before the gap, i.e. it is shifted later by the gap.
// The result is nondecreasing in the wall time, which Next relies on.
func resolve(y int, mo time.Month, d, h, mi, s int, loc *time.Location) time.Time {
	wall := time.Date(y, mo, d, h, mi, s, 0, time.UTC).Unix()
	// Offsets in force a day either side bracket any transition near wall
	// (zone transitions are months apart in every IANA zone we care about).
	before := offsetAt(wall-86400, loc)
	after := offsetAt(wall+86400, loc)
	c1 := wall - int64(before)
	if before == after {
		return time.Unix(c1, 0).In(loc)
	}
	c2 := wall - int64(after)
	ok1 := offsetAt(c1, loc) == before
	ok2 := offsetAt(c2, loc) == after
	switch {
	case ok1 && ok2:
		return time.Unix(min(c1, c2), 0).In(loc)
	case ok2:
		return time.Unix(c2, 0).In(loc)
	default: // ok1 only, or the gap: use the offset before the transition
		return time.Unix(c1, 0).In(loc)
	}
}

// offsetAt returns loc's UTC offset in seconds at the Unix instant u.
func offsetAt(u int64, loc *time.Location) int {
	_, off := time.Unix(u, 0).In(loc).Zone()
	return off
}
