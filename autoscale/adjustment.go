package autoscale

import (
	"fmt"
	"strconv"
)

// AdjustmentType is how a step adjustment's ScalingAdjustment is applied.
// The zero value is invalid (a forgotten field fails validation).
type AdjustmentType uint8

// The Application Auto Scaling adjustment types.
const (
	ChangeInCapacity AdjustmentType = iota + 1
	PercentChangeInCapacity
	ExactCapacity
)

var adjustmentNames = [...]string{ChangeInCapacity: "ChangeInCapacity", PercentChangeInCapacity: "PercentChangeInCapacity", ExactCapacity: "ExactCapacity"}

// String returns the AWS name.
func (t AdjustmentType) String() string {
	if t >= ChangeInCapacity && t <= ExactCapacity {
		return adjustmentNames[t]
	}
	return "AdjustmentType(" + strconv.Itoa(int(t)) + ")"
}

// ParseAdjustmentType maps the AWS name to an AdjustmentType.
func ParseAdjustmentType(name string) (AdjustmentType, error) {
	for t := ChangeInCapacity; t <= ExactCapacity; t++ {
		if adjustmentNames[t] == name {
			return t, nil
		}
	}
	return 0, fmt.Errorf("unknown adjustment type %q (want ChangeInCapacity, PercentChangeInCapacity or ExactCapacity)", name)
}

// MarshalText returns the AWS name.
func (t AdjustmentType) MarshalText() ([]byte, error) {
	if t < ChangeInCapacity || t > ExactCapacity {
		return nil, fmt.Errorf("invalid adjustment type %d", uint8(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText accepts the AWS name.
func (t *AdjustmentType) UnmarshalText(b []byte) error {
	v, err := ParseAdjustmentType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// PercentChange returns the capacity change of a PercentChangeInCapacity
// adjustment of pct percent applied to current.
//
// ref §6.4 [S25]: a result greater than 1 is rounded down (12.7 → 12),
// between 0 and 1 becomes 1, between 0 and −1 becomes −1, and less than −1
// is rounded up toward zero (−6.67 → −6); MinAdjustmentMagnitude (if > 0)
// raises the magnitude of a smaller change to it (25% of 4 with 2 ⇒ +2).
// Integer arithmetic keeps the rounding exact. Modelling choice: at current
// 0 the raw change is 0 and only MinAdjustmentMagnitude can move it.
func PercentChange(current, pct, minAdjustmentMagnitude int) int {
	if pct == 0 {
		return 0
	}
	raw := current * pct
	change := raw / 100 // Go truncates toward zero: floor above 1, ceil below −1
	if change == 0 && raw != 0 {
		change = sign(raw) // |result| < 1 rounds away from zero
	}
	if mag := minAdjustmentMagnitude; mag > 0 && abs(change) < mag {
		change = sign(pct) * mag
	}
	return change
}

// applyAdjustment returns the capacity a step adjustment asks for, before
// clamping to [min, max]. ref §6.1: the base is the running count; a
// scale-out from below min starts at min and a scale-in from above max
// starts at max ("first goes to min/max, then continues").
func applyAdjustment(t AdjustmentType, adj, minMag, running, lo, hi int) int {
	if t == ExactCapacity {
		return adj
	}
	base := running
	if adj > 0 && base < lo {
		base = lo
	}
	if adj < 0 && base > hi {
		base = hi
	}
	if t == PercentChangeInCapacity {
		return base + PercentChange(base, adj, minMag)
	}
	return base + adj
}

func sign(v int) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// clamp limits c to [lo, hi].
func clamp(c, lo, hi int) int {
	return max(lo, min(c, hi))
}
