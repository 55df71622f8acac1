package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CPUUnitsPerVCPU is ECS's 1,024 CPU units per vCPU.
const CPUUnitsPerVCPU = 1024

// MiBPerGiB is 1,024; ECS also reads "GB" as 1,024 MiB.
const MiBPerGiB = 1024

// ErrMemorySyntax and ErrCPUSyntax are wrapped by the size parsers' errors.
var (
	ErrMemorySyntax = errors.New(`expected memory in MiB (512) or with a unit ("512 MiB", "2 GiB", "2 GB")`)
	ErrCPUSyntax    = errors.New(`expected CPU units (256) or vCPUs ("0.25 vCPU", "1 vcpu")`)
)

// maxQuantity bounds parsed sizes so that later arithmetic (sums over
// containers, × instance counts) cannot overflow: 2^40 MiB is a exbibyte.
const maxQuantity = 1 << 40

// ParseMemoryMiB parses memory: a bare number is MiB; units MiB/MB and
// GiB/GB (case-insensitive, space optional) follow ECS, which treats GB as
// 1,024 MiB. The result must be a whole, non-negative number of MiB.
func ParseMemoryMiB(s string) (int64, error) {
	num, unit := splitUnit(s)
	mult := 1.0
	switch strings.ToLower(unit) {
	case "", "mib", "mb", "m":
		mult = 1
	case "gib", "gb", "g":
		mult = MiBPerGiB
	default:
		return 0, fmt.Errorf("%q: %w", s, ErrMemorySyntax)
	}
	return wholeUnits(s, num, mult, ErrMemorySyntax)
}

// ParseCPUUnits parses CPU: a bare number is CPU units; "vCPU"/"vcpu"/
// "vCPUs" multiplies by 1,024. The result must be whole and non-negative.
func ParseCPUUnits(s string) (int64, error) {
	num, unit := splitUnit(s)
	mult := 1.0
	switch strings.ToLower(unit) {
	case "", "units", "cpu units":
		mult = 1
	case "vcpu", "vcpus":
		mult = CPUUnitsPerVCPU
	default:
		return 0, fmt.Errorf("%q: %w", s, ErrCPUSyntax)
	}
	return wholeUnits(s, num, mult, ErrCPUSyntax)
}

func splitUnit(s string) (num, unit string) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] == '.' || t[i] == '+' || t[i] == '-' || t[i] >= '0' && t[i] <= '9') {
		i++
	}
	return t[:i], strings.TrimSpace(t[i:])
}

func wholeUnits(s, num string, mult float64, syntax error) (int64, error) {
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q: %w", s, syntax)
	}
	x := v * mult
	if x < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	if x > maxQuantity {
		return 0, fmt.Errorf("%q is implausibly large", s)
	}
	if x != math.Trunc(x) {
		return 0, fmt.Errorf("%q is not a whole number of units (%g)", s, x)
	}
	return int64(x), nil
}

// FormatMemory writes MiB as "N GiB" when it is a whole number of GiB,
// otherwise as "N MiB".
func FormatMemory(mib int64) string {
	if mib != 0 && mib%MiBPerGiB == 0 {
		return strconv.FormatInt(mib/MiBPerGiB, 10) + " GiB"
	}
	return strconv.FormatInt(mib, 10) + " MiB"
}

// FormatCPU writes CPU units as "N vCPU" when that is exact to two decimals
// (256 → "0.25 vCPU"), otherwise as the bare number of units.
func FormatCPU(units int64) string {
	v := float64(units) / CPUUnitsPerVCPU
	if units != 0 && v*100 == math.Trunc(v*100) {
		return strconv.FormatFloat(v, 'f', -1, 64) + " vCPU"
	}
	return strconv.FormatInt(units, 10)
}
