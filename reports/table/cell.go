package table

import (
	"math"
	"strconv"
	"strings"
)

// Cell is one value: Text for people (rounded, perhaps with a marker) and
// Data for machines (full precision). An empty Data means "same as Text"
// unless Missing is set.
type Cell struct {
	Text string
	Data string
	// Missing marks a value that does not exist (not zero): text shows
	// Text (by default "-"), CSV an empty field.
	Missing bool
}

// Dash is the text of a missing value.
const Dash = "-"

// Str returns a text cell.
func Str(s string) Cell { return Cell{Text: s} }

// Int returns an integer cell.
func Int[T ~int | ~int64 | ~uint64 | ~int32](n T) Cell {
	s := strconv.FormatInt(int64(n), 10)
	return Cell{Text: s}
}

// Float returns a number rounded to decimals places for people and in
// full (shortest round-trip) precision for machines. NaN and ±Inf are
// missing values.
func Float(v float64, decimals int) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return None()
	}
	return Cell{Text: Fixed(v, decimals), Data: strconv.FormatFloat(v, 'g', -1, 64)}
}

// Signed is Float with an explicit sign ("+1.20", "-0.35", "0.00"), for
// deltas.
func Signed(v float64, decimals int) Cell {
	c := Float(v, decimals)
	if !c.Missing && c.Text != Fixed(0, decimals) && !strings.HasPrefix(c.Text, "-") {
		c.Text = "+" + c.Text
	}
	return c
}

// None returns a missing value.
func None() Cell { return Cell{Text: Dash, Missing: true} }

// Fixed formats v with decimals places and never returns a negative zero
// ("-0.00" becomes "0.00"), so rounding noise does not flip signs.
func Fixed(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		return s[1:]
	}
	return s
}

// data returns the machine value of c.
func (c Cell) data() string {
	switch {
	case c.Missing:
		return ""
	case c.Data != "":
		return c.Data
	}
	return c.Text
}
