package catalog

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
)

var (
	instanceNameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9-]+$`)
	regionRE       = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
)

// checker collects every problem of a file, each prefixed with its field
// path, so one run reports them all.
type checker struct{ errs []error }

func (c *checker) failf(path, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

func (c *checker) fraction(path string, v float64, lo, hi float64, hiOpen bool) {
	if v < lo || v > hi || (hiOpen && v == hi) || v != v {
		closing := "]"
		if hiOpen {
			closing = ")"
		}
		c.failf(path, "%v is outside [%g, %g%s", v, lo, hi, closing)
	}
}

func (c *checker) positive(path string, v float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		c.failf(path, "must be > 0, got %v", v)
	}
}

// Upper bounds far above any real EC2 or Fargate figure; they keep
// arithmetic such as vCPUs × 1024 from overflowing on hostile input.
const (
	maxVCPUs     = 1 << 16
	maxMemoryMiB = 1 << 32
	maxCount     = 1 << 12 // ENIs, GPUs
)

// between checks a required integer in [lo, hi].
func (c *checker) between(path string, v, lo, hi int64) {
	if v < lo || v > hi {
		c.failf(path, "%d is outside %d..%d", v, lo, hi)
	}
}

func (c *checker) region(path, r string) {
	if !regionRE.MatchString(r) {
		c.failf(path+".region", "%q is not a region name like us-east-1", r)
	}
}

func (c *checker) sourced(path, source string, date time.Time) {
	if strings.TrimSpace(source) == "" {
		c.failf(path+".source", "required (where the figure comes from)")
	}
	if date.IsZero() {
		c.failf(path+".date", "required (a TOML date such as 2026-07-20)")
	}
}

// validateLayer checks the rows of one decoded file; paths index that
// file's own rows, so a user sees positions in the file they wrote.
func validateLayer(f *catalogFile) error {
	var c checker
	c.instances(f.EC2.Instances)
	c.prices(f.EC2.Prices)
	c.factorRanges(f.EC2.SpotFamilyFactors)
	c.fargateRates(f.Fargate.Rates)
	c.fargateStorage(f.Fargate.Storage)
	c.fargateSizes(f.Fargate.Sizes)
	c.ebs(f.EBS.Prices)
	return errors.Join(c.errs...)
}

// validateMerged checks what only the merged catalogue can tell: required
// settings and references between sections.
func validateMerged(f *catalogFile) error {
	var c checker
	c.settings(f)
	names := make([]string, len(f.EC2.Instances))
	for i, r := range f.EC2.Instances {
		names[i] = r.Name
	}
	for _, r := range f.EC2.Prices {
		if !slices.Contains(names, r.Instance) {
			msg := "no instances row with this name"
			if s := nearest(r.Instance, names, 1); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %q?)", s[0])
			}
			c.failf(fmt.Sprintf("ec2.prices %q in %s: instance", r.Instance, r.Region), "%s", msg)
		}
	}
	for _, fam := range sortedKeys(f.EC2.SpotFamilyFactors) {
		if !slices.ContainsFunc(names, func(n string) bool { return familyOf(n) == fam }) {
			c.failf("ec2.spot_family_factors."+fam, "no instance type of family %q", fam)
		}
	}
	return errors.Join(c.errs...)
}

func (c *checker) settings(f *catalogFile) {
	if f.Meta.Date != "" {
		if _, err := time.Parse(time.DateOnly, f.Meta.Date); err != nil {
			c.failf("meta.date", "%q is not a YYYY-MM-DD date", f.Meta.Date)
		}
	}
	if v := f.Registration.MemoryOverhead; v == nil {
		c.failf("registration.memory_overhead", "required")
	} else {
		c.fraction("registration.memory_overhead", *v, 0, 1, true)
	}
	c.spotFactor("ec2.spot_factor", f.EC2.SpotFactor)
	c.spotFactor("fargate.spot_factor", f.Fargate.SpotFactor)
}

// spotFactor checks a required Spot factor in (0, 1].
func (c *checker) spotFactor(path string, v *float64) {
	if v == nil {
		c.failf(path, "required")
		return
	}
	c.fraction(path, *v, 0, 1, false)
	c.positive(path, *v)
}

// instances checks the instance rows.
func (c *checker) instances(rows []fileInstance) {
	for i, r := range rows {
		p := fmt.Sprintf("ec2.instances[%d] %q", i, r.Name)
		if !instanceNameRE.MatchString(r.Name) {
			c.failf(p+".name", "want family.size, such as m6i.large")
		}
		if _, err := ParseArch(r.Arch); err != nil {
			c.failf(p+".arch", "%q is not x86_64 or arm64", r.Arch)
		}
		c.between(p+".vcpu", r.VCPU, 1, maxVCPUs)
		c.between(p+".memory_mib", r.MemoryMiB, 1, maxMemoryMiB)
		c.between(p+".max_enis", r.MaxENIs, 1, maxCount)
		if !r.TrunkTasks.set {
			c.failf(p+".trunk_tasks", `required: a task count, "unsupported" or "unknown"`)
		}
		c.between(p+".gpus", r.GPUs, 0, maxCount)
		if r.MemoryOverhead != nil {
			c.fraction(p+".memory_overhead", *r.MemoryOverhead, 0, 1, true)
		}
		if m := r.RegisteredMemoryMiB; m != nil && (*m < 1 || *m > r.MemoryMiB) {
			c.failf(p+".registered_memory_mib", "%d is outside 1..memory_mib (%d)", *m, r.MemoryMiB)
		}
		if r.MemoryOverhead != nil && r.RegisteredMemoryMiB != nil {
			c.failf(p, "give memory_overhead or registered_memory_mib, not both")
		}
		if strings.TrimSpace(r.Source) == "" {
			c.failf(p+".source", "required (where the figures come from)")
		}
	}
}

func (c *checker) prices(rows []filePrice) {
	for i, r := range rows {
		p := fmt.Sprintf("ec2.prices[%d] %q", i, r.Instance)
		c.region(p, r.Region)
		c.positive(p+".on_demand_usd_per_hour", r.OnDemand)
		if r.Spot != nil && !(*r.Spot > 0 && *r.Spot <= r.OnDemand) {
			c.failf(p+".spot_usd_per_hour", "%v is outside (0, on_demand_usd_per_hour]", *r.Spot)
		}
		c.sourced(p, r.Source, r.Date)
	}
}

func (c *checker) factorRanges(factors map[string]float64) {
	for _, fam := range sortedKeys(factors) {
		p := "ec2.spot_family_factors." + fam
		c.fraction(p, factors[fam], 0, 1, false)
		c.positive(p, factors[fam])
	}
}

func (c *checker) fargateRates(rows []fileFargateRate) {
	for i, r := range rows {
		p := fmt.Sprintf("fargate.rates[%d]", i)
		c.region(p, r.Region)
		os, errOS := ParseOS(r.OS)
		arch, errArch := ParseArch(r.Arch)
		if errOS != nil {
			c.failf(p+".os", "%q is not linux or windows", r.OS)
		}
		if errArch != nil {
			c.failf(p+".arch", "%q is not x86_64 or arm64", r.Arch)
		}
		if os == OSWindows && arch == ArchARM64 {
			c.failf(p, "Fargate runs Windows on x86_64 only")
		}
		c.positive(p+".usd_per_vcpu_hour", r.VCPU)
		c.positive(p+".usd_per_gb_hour", r.GB)
		if r.OSLicence < 0 {
			c.failf(p+".os_licence_usd_per_vcpu_hour", "must be >= 0")
		}
		if (r.SpotVCPU == nil) != (r.SpotGB == nil) {
			c.failf(p, "give both spot_usd_per_vcpu_hour and spot_usd_per_gb_hour, or neither")
		}
		if r.SpotVCPU != nil && r.SpotGB != nil {
			if os == OSWindows {
				c.failf(p, "Fargate Spot does not run Windows; remove the spot rates")
			}
			c.positive(p+".spot_usd_per_vcpu_hour", *r.SpotVCPU)
			c.positive(p+".spot_usd_per_gb_hour", *r.SpotGB)
		}
		c.sourced(p, r.Source, r.Date)
	}
}

func (c *checker) fargateStorage(rows []fileFargateStorage) {
	for i, r := range rows {
		p := fmt.Sprintf("fargate.storage[%d]", i)
		c.region(p, r.Region)
		c.positive(p+".usd_per_gb_hour", r.GBHour)
		free, maxGiB := storageBounds(r)
		if !(free >= 0 && maxGiB >= free) || math.IsInf(maxGiB, 0) {
			c.failf(p, "want 0 <= free_gib (%v) <= max_gib (%v)", free, maxGiB)
		}
		c.sourced(p, r.Source, r.Date)
	}
}

func (c *checker) fargateSizes(rows []fileFargateSize) {
	for i, r := range rows {
		p := fmt.Sprintf("fargate.sizes[%d] cpu %d", i, r.CPU)
		c.between(p+".cpu", r.CPU, 1, maxVCPUs*CPUUnitsPerVCPU)
		ranged := r.MinMemoryMiB != 0 || r.MaxMemoryMiB != 0 || r.StepMiB != 0
		switch {
		case len(r.MemoryMiB) > 0 && ranged:
			c.failf(p, "give memory_mib or min_memory_mib/max_memory_mib/step_mib, not both")
		case len(r.MemoryMiB) > 0:
			if !strictlyAscendingPositive(r.MemoryMiB) {
				c.failf(p+".memory_mib", "want distinct positive values in ascending order")
			}
		case r.MinMemoryMiB <= 0 || r.StepMiB <= 0 || r.MaxMemoryMiB < r.MinMemoryMiB || r.MaxMemoryMiB > maxMemoryMiB ||
			(r.MaxMemoryMiB-r.MinMemoryMiB)%r.StepMiB != 0 || (r.MaxMemoryMiB-r.MinMemoryMiB)/r.StepMiB > 4096:
			c.failf(p, "want 0 < min_memory_mib <= max_memory_mib, step_mib > 0 dividing the range (at most 4096 steps)")
		}
		if len(r.OS) == 0 {
			c.failf(p+".os", "required: a list of linux/windows")
		}
		for _, o := range r.OS {
			if _, err := ParseOS(o); err != nil {
				c.failf(p+".os", "%q is not linux or windows", o)
			}
		}
	}
}

func (c *checker) ebs(rows []fileEBSPrice) {
	for i, r := range rows {
		p := fmt.Sprintf("ebs.prices[%d] %q", i, r.VolumeType)
		c.region(p, r.Region)
		if r.VolumeType == "" {
			c.failf(p+".volume_type", "required, such as gp3")
		}
		c.positive(p+".usd_per_gb_month", r.GBMonth)
		c.sourced(p, r.Source, r.Date)
	}
}

// familyOf returns the part of an instance name before the dot.
func familyOf(name string) string {
	fam, _, _ := strings.Cut(name, ".")
	return fam
}

func strictlyAscendingPositive(v []int64) bool {
	for i, x := range v {
		if x <= 0 || x > maxMemoryMiB || (i > 0 && x <= v[i-1]) {
			return false
		}
	}
	return true
}
