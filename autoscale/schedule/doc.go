// Package schedule parses the schedule expressions of Application Auto Scaling
// scheduled actions — cron(...), rate(...) and at(...) — and computes their
// next occurrence in an IANA time zone.
//
// The cron form is AWS's six-field one (Minutes Hours Day-of-month Month
// Day-of-week Year) with the wildcards , - * / ? L W # and the names JAN–DEC
// and SUN–SAT (1 = SUN). It is not the five-field Unix form, which is why the
// package exists instead of using robfig/cron.
//
// Invariants:
//   - Next(after) is strictly after its argument, or the zero time when the
//     schedule has no later occurrence (cron years stop at 2199).
//   - Occurrences are whole minutes for cron (seconds as written for at).
//   - Wall-clock times are resolved in the schedule's location, DST-aware:
//     a wall time that occurs twice (clocks go back) fires once, at its first
//     instant; a wall time that does not exist (clocks go forward) fires at
//     the same wall time shifted by the gap (02:30 becomes 03:30). Both are
//     modelling choices: AWS documents DST awareness, not these edge cases.
//
// Determinism: Next is a pure function of the expression, the location, the
// rate anchor and its argument. Allocation: Parse allocates the Schedule's
// expression string only; Next does not allocate.
package schedule
