package workload

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Trace is a recorded series: strictly increasing times and finite,
// non-negative values. Replay request counts or queue depths, not CPU%:
// CPU% depends on how many tasks were running when it was recorded.
type Trace struct {
	Source string // file name, for messages
	Times  []time.Time
	Values []float64
	// Partial is set when a CloudWatch export said StatusCode "PartialData"
	// (more pages existed): the trace is valid but may be incomplete.
	Partial bool
}

// Validate checks the trace's invariants: non-empty, as many values as
// times, times strictly increasing and spanning at most 200 years, values
// finite and ≥ 0.
func (tr *Trace) Validate() error {
	switch {
	case len(tr.Times) == 0:
		return &TraceError{File: tr.Source, Msg: "empty trace"}
	case len(tr.Times) != len(tr.Values):
		return &TraceError{File: tr.Source, Msg: fmt.Sprintf("%d times but %d values", len(tr.Times), len(tr.Values))}
	}
	for i, v := range tr.Values {
		if err := checkNonNegative("Values["+strconv.Itoa(i)+"]", v); err != nil {
			return &TraceError{File: tr.Source, Field: "Values[" + strconv.Itoa(i) + "]", Msg: err.(*FieldError).Msg}
		}
		if i > 0 && !tr.Times[i].After(tr.Times[i-1]) {
			return &TraceError{File: tr.Source, Field: "Times[" + strconv.Itoa(i) + "]",
				Msg: fmt.Sprintf("%s is not after the previous time %s", tr.Times[i].Format(time.RFC3339Nano), tr.Times[i-1].Format(time.RFC3339Nano))}
		}
	}
	first, last := tr.Times[0], tr.Times[len(tr.Times)-1]
	if last.Sub(first) > maxTraceSpan {
		return &TraceError{File: tr.Source, Msg: fmt.Sprintf("trace spans %s to %s, more than 200 years",
			first.Format(time.RFC3339), last.Format(time.RFC3339))}
	}
	return nil
}

// maxTraceSpan keeps replay offsets and loop lengths far from int64
// overflow (time.Duration covers ±292 years).
const maxTraceSpan = 200 * 365 * 24 * time.Hour

// maxEpochSeconds is 9999-12-31T23:59:59Z: larger epoch values are almost
// certainly milliseconds, which we refuse rather than guess.
const maxEpochSeconds = 253402300799

// parseTimestamp accepts RFC 3339 (with optional fractional seconds, and
// with a space instead of the "T" as Python's str(datetime) prints it) or
// Unix epoch seconds (integer or decimal).
func parseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty timestamp")
	}
	if c := s[0]; c >= '0' && c <= '9' && !strings.ContainsAny(s, "-:T ") {
		return parseEpoch(s)
	}
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("timestamp %q is neither RFC 3339 nor epoch seconds", s)
	}
	return t, nil
}

func parseEpoch(s string) (time.Time, error) {
	whole, frac, _ := strings.Cut(s, ".")
	sec, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || sec > maxEpochSeconds {
		return time.Time{}, fmt.Errorf("epoch seconds %q out of range (milliseconds are not accepted)", s)
	}
	var nsec int64
	if frac != "" {
		if len(frac) > 9 {
			frac = frac[:9]
		}
		n, err := strconv.ParseUint(frac, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("epoch seconds %q: bad fraction", s)
		}
		nsec = int64(n) * int64(math.Pow10(9-len(frac)))
	}
	return time.Unix(sec, nsec).UTC(), nil
}
