package autoscale

import (
	"math"
	"slices"
	"strconv"
)

// StepAdjustment is one step of a step scaling policy. The bounds are
// relative to the alarm threshold (breach = metric − threshold); nil means
// −∞ (lower) or +∞ (upper), as an omitted field does in AWS's JSON.
type StepAdjustment struct {
	MetricIntervalLowerBound *float64
	MetricIntervalUpperBound *float64
	ScalingAdjustment        int
}

// Bound returns a pointer to v, for StepAdjustment literals.
func Bound(v float64) *float64 { return &v }

// step is a validated StepAdjustment with infinite bounds spelled out.
type step struct {
	lower, upper float64
	adj          int
}

// maxStepAdjustments is the Application Auto Scaling quota. ref §6.1/§10.
const maxStepAdjustments = 20

// compileSteps validates the step adjustments (ref §6.4 [S25], API
// StepAdjustment rules) and returns them sorted by lower bound.
func compileSteps(fe *fieldErrors, in []StepAdjustment, exact bool) []step {
	if len(in) == 0 {
		fe.addf("step_adjustments", "at least one step adjustment is required")
		return nil
	}
	if len(in) > maxStepAdjustments {
		fe.addf("step_adjustments", "%d step adjustments exceed the quota of %d", len(in), maxStepAdjustments)
	}
	steps := make([]step, len(in))
	index := make([]int, len(in)) // original position, for messages
	nullLower, nullUpper := 0, 0
	for i, sa := range in {
		f := "step_adjustments[" + strconv.Itoa(i) + "]"
		steps[i], index[i] = step{lower: math.Inf(-1), upper: math.Inf(1), adj: sa.ScalingAdjustment}, i
		if sa.MetricIntervalLowerBound != nil {
			steps[i].lower = *sa.MetricIntervalLowerBound
		} else {
			nullLower++
		}
		if sa.MetricIntervalUpperBound != nil {
			steps[i].upper = *sa.MetricIntervalUpperBound
		} else {
			nullUpper++
		}
		checkStep(fe, f, sa, steps[i], exact)
	}
	if nullLower > 1 {
		fe.addf("step_adjustments", "%d steps have a null lower bound; at most one may", nullLower)
	}
	if nullUpper > 1 {
		fe.addf("step_adjustments", "%d steps have a null upper bound; at most one may", nullUpper)
	}
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(steps[a].lower, steps[b].lower) })
	checkContiguous(fe, steps, order, nullLower, nullUpper)
	sorted := make([]step, len(in))
	for i, o := range order {
		sorted[i] = steps[o]
	}
	return sorted
}

// checkStep applies the per-step rules.
func checkStep(fe *fieldErrors, f string, sa StepAdjustment, s step, exact bool) {
	for _, b := range []*float64{sa.MetricIntervalLowerBound, sa.MetricIntervalUpperBound} {
		if b != nil && (math.IsNaN(*b) || math.IsInf(*b, 0)) {
			fe.addf(f, "bound %v is not a finite number", *b)
			return
		}
	}
	if sa.MetricIntervalLowerBound == nil && sa.MetricIntervalUpperBound == nil {
		fe.addf(f, "the upper and lower bound cannot both be null")
	}
	if s.upper <= s.lower {
		fe.addf(f, "upper bound %v is not greater than lower bound %v", s.upper, s.lower)
	}
	if exact && sa.ScalingAdjustment < 0 {
		fe.addf(f+".scaling_adjustment", "%d is negative; ExactCapacity needs a non-negative value", sa.ScalingAdjustment)
	}
}

// checkContiguous checks, in lower-bound order, that the intervals neither
// overlap nor leave a gap, and that a negative lower bound (positive upper
// bound) comes with a null lower (upper) bound.
func checkContiguous(fe *fieldErrors, steps []step, order []int, nullLower, nullUpper int) {
	for k := 1; k < len(order); k++ {
		prev, cur := steps[order[k-1]], steps[order[k]]
		f := "step_adjustments[" + strconv.Itoa(order[k]) + "]"
		switch {
		case cur.lower < prev.upper:
			fe.addf(f, "lower bound %v overlaps previous upper bound %v (step_adjustments[%d])", cur.lower, prev.upper, order[k-1])
		case cur.lower > prev.upper:
			fe.addf(f, "lower bound %v leaves a gap after previous upper bound %v (step_adjustments[%d])", cur.lower, prev.upper, order[k-1])
		}
	}
	for i, s := range steps {
		f := "step_adjustments[" + strconv.Itoa(i) + "]"
		if nullLower == 0 && s.lower < 0 {
			fe.addf(f, "negative lower bound %v needs a step with a null lower bound", s.lower)
		}
		if nullUpper == 0 && s.upper > 0 && !math.IsInf(s.upper, 1) {
			fe.addf(f, "positive upper bound %v needs a step with a null upper bound", s.upper)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// findStep returns the step whose interval holds breach (metric − threshold).
// ref §6.4 [S25]: above the threshold the lower bound is inclusive and the
// upper exclusive; below it the lower is exclusive and the upper inclusive.
// above says which side breach == 0 counts as (the alarm's side).
func findStep(steps []step, breach float64, above bool) (step, bool) {
	for _, s := range steps {
		if above && s.lower <= breach && breach < s.upper {
			return s, true
		}
		if !above && s.lower < breach && breach <= s.upper {
			return s, true
		}
	}
	return step{}, false
}
