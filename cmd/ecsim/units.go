package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/models/catalog"
)

// parseCPU reads CPU units ("512") or vCPUs ("0.5 vCPU", "1 vcpu").
func parseCPU(s string) (catalog.CPUUnits, error) {
	num, unit := splitUnit(s)
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a positive CPU amount (want units like 512 or vCPUs like \"0.5 vCPU\")", s)
	}
	switch strings.ToLower(unit) {
	case "":
		if v != math.Trunc(v) {
			return 0, fmt.Errorf("%q: CPU units are whole numbers", s)
		}
		return catalog.CPUUnits(v), nil
	case "vcpu", "vcpus":
		return catalog.CPUUnits(math.Round(v * catalog.CPUUnitsPerVCPU)), nil
	}
	return 0, fmt.Errorf("%q: unknown CPU unit %q (want vCPU)", s, unit)
}

// parseMemory reads MiB ("1024") or an amount with a unit ("2 GiB", "512 MiB", "2 GB").
func parseMemory(s string) (catalog.MiB, error) {
	num, unit := splitUnit(s)
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a positive memory amount (want MiB like 1024 or \"2 GiB\")", s)
	}
	switch strings.ToLower(unit) {
	case "", "mib", "mb":
		return catalog.MiB(math.Round(v)), nil
	case "gib", "gb":
		return catalog.MiB(math.Round(v * catalog.MiBPerGiB)), nil
	}
	return 0, fmt.Errorf("%q: unknown memory unit %q (want MiB or GiB)", s, unit)
}

func splitUnit(s string) (num, unit string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
}
