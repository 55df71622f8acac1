package cost

import (
	"fmt"
	"time"
)

// Config holds the meter's billing rules. Start from DefaultConfig: the zero
// value means "no minimum charge and no EBS volumes".
type Config struct {
	// EC2Minimum is the minimum charge per instance: 60 s for Linux
	// On-Demand and Spot, which are billed per second (reference §8.2).
	EC2Minimum time.Duration
	// FargateMinimum is the minimum charge per task: 60 s (reference §2.5).
	FargateMinimum time.Duration
	// RootVolumeGiB is the EBS volume billed with every instance; 0 leaves
	// EBS out. 30 GiB gp3 is the ECS-optimised AMI's common default
	// (reference §8.2 modelling choice).
	RootVolumeGiB int
	// RootVolumeGiBByProvider overrides RootVolumeGiB per capacity provider
	// (each has its own launch template).
	RootVolumeGiBByProvider map[string]int
	// RootVolumeType is the EBS volume type priced from the catalogue.
	RootVolumeType string
	// FreeSpotInterruptionFirstHour: a Linux Spot instance that EC2
	// interrupts within its first hour is not charged for instance usage
	// ("Billing for interrupted Spot Instances", EC2 User Guide); EBS usage
	// is charged regardless.
	FreeSpotInterruptionFirstHour bool
}

// DefaultConfig returns the documented AWS rules and modelling choices.
func DefaultConfig() Config {
	return Config{
		EC2Minimum:                    time.Minute,
		FargateMinimum:                time.Minute,
		RootVolumeGiB:                 30,
		RootVolumeType:                "gp3",
		FreeSpotInterruptionFirstHour: true,
	}
}

// FieldError reports an invalid Config field.
type FieldError struct {
	Field  string // Go field path, e.g. `RootVolumeGiBByProvider["spot"]`
	Reason string
}

func (e *FieldError) Error() string { return "cost: Config." + e.Field + ": " + e.Reason }

// validate checks cfg; errors are *FieldError.
func (c Config) validate() error {
	switch {
	case c.EC2Minimum < 0:
		return &FieldError{"EC2Minimum", fmt.Sprintf("%v is negative", c.EC2Minimum)}
	case c.FargateMinimum < 0:
		return &FieldError{"FargateMinimum", fmt.Sprintf("%v is negative", c.FargateMinimum)}
	case c.RootVolumeGiB < 0:
		return &FieldError{"RootVolumeGiB", fmt.Sprintf("%d is negative", c.RootVolumeGiB)}
	}
	usesEBS := c.RootVolumeGiB > 0
	for p, g := range c.RootVolumeGiBByProvider {
		if g < 0 {
			return &FieldError{fmt.Sprintf("RootVolumeGiBByProvider[%q]", p), fmt.Sprintf("%d is negative", g)}
		}
		usesEBS = usesEBS || g > 0
	}
	if usesEBS && c.RootVolumeType == "" {
		return &FieldError{"RootVolumeType", "empty, but root volumes are billed"}
	}
	return nil
}

// volumeGiB returns the root volume billed with an instance of provider.
func (c *Config) volumeGiB(provider string) int64 {
	if g, ok := c.RootVolumeGiBByProvider[provider]; ok {
		return int64(g)
	}
	return int64(c.RootVolumeGiB)
}

// billedSeconds rounds a usage up to whole seconds and applies minimum.
func billedSeconds(d, minimum time.Duration) int64 {
	return max(ceilSeconds(d), ceilSeconds(minimum))
}

// ceilSeconds returns ⌈d / 1 s⌉ for d ≥ 0.
func ceilSeconds(d time.Duration) int64 {
	return (int64(d) + int64(time.Second) - 1) / int64(time.Second)
}
