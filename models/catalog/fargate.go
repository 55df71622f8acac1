package catalog

import "fmt"

// OS is the operating system family of a Fargate task or price row.
type OS string

// The operating systems Fargate runs.
const (
	OSLinux   OS = "linux"
	OSWindows OS = "windows"
)

// ParseOS accepts "linux" and "windows" (also in the ECS upper-case
// spelling LINUX / WINDOWS).
func ParseOS(s string) (OS, error) {
	switch s {
	case "linux", "LINUX":
		return OSLinux, nil
	case "windows", "WINDOWS":
		return OSWindows, nil
	}
	return "", fmt.Errorf("catalog: unknown OS %q (want linux or windows)", s)
}

// Platform is a Fargate OS and CPU architecture pair.
type Platform struct {
	OS   OS
	Arch Arch
}

// The Fargate platforms AWS prices: Linux on x86_64 and on Graviton, and
// Windows on x86_64 only (ARM64 is Linux only [S38]).
var (
	LinuxX86_64   = Platform{OSLinux, ArchX86_64}
	LinuxARM64    = Platform{OSLinux, ArchARM64}
	WindowsX86_64 = Platform{OSWindows, ArchX86_64}
)

// Platforms lists the Fargate platforms in display order.
func Platforms() []Platform { return []Platform{LinuxX86_64, LinuxARM64, WindowsX86_64} }

// String renders the platform as "os/arch", e.g. "linux/arm64".
func (p Platform) String() string { return string(p.OS) + "/" + string(p.Arch) }

// SpotSupported reports whether Fargate Spot runs this platform: Linux
// x86_64 (PV ≥ 1.3.0) and Linux ARM64 (PV ≥ 1.4.0); not Windows [S20][S21].
func (p Platform) SpotSupported() bool { return p.OS == OSLinux }

// FargateRate is the price of Fargate capacity for one platform in one
// region, On-Demand or Spot.
type FargateRate struct {
	Region   string
	Platform Platform
	Spot     bool
	VCPU     USDPerVCPUHour // compute, without the Windows licence
	Memory   USDPerGBHour
	// OSLicence is the Windows licence fee, charged per vCPU-hour on top of
	// VCPU (zero on Linux) [S39].
	OSLicence USDPerVCPUHour
	// SpotFactor is the factor × On-Demand that derived a Spot rate; zero for
	// On-Demand rates and for explicit Spot rates from the data.
	SpotFactor Fraction
	// Verified is false when the figure is an assumption (for example a rate
	// copied from another region); Note then says what was assumed.
	Verified bool
	Note     string
	Source   string
	Date     string // YYYY-MM-DD
}

// Hourly returns the price per hour of a task of the given size:
// vCPU × (VCPU + OSLicence) + GB × Memory, with 1 GB = 1024 MiB (reference
// §8.1). Ephemeral storage is priced separately by FargateStorage.
func (r FargateRate) Hourly(cpu CPUUnits, memory MiB) USDPerHour {
	return USDPerHour(cpu.VCPUs()*(float64(r.VCPU)+float64(r.OSLicence)) + memory.GiB()*float64(r.Memory))
}

// FargateStorage is the price of Fargate ephemeral storage in a region.
type FargateStorage struct {
	Region string
	Rate   USDPerGBHour // per GB-hour above Free
	Free   GiB          // included with every task (20 GiB [S38][S39])
	Max    GiB          // largest configurable size (200 GiB [S38])
	// Verified and Note as in FargateRate.
	Verified bool
	Note     string
	Source   string
	Date     string
}

// Hourly returns the storage price per hour of a task configured with size
// GiB of ephemeral storage: only the part above Free is charged. Fargate
// Spot does not discount storage (modelling choice: AWS states its Spot
// discount for vCPU and memory only).
func (s FargateStorage) Hourly(size GiB) USDPerHour {
	return USDPerHour(max(0, float64(size-s.Free)) * float64(s.Rate))
}

// fargateKey identifies a Fargate rate row.
type fargateKey struct {
	region   string
	platform Platform
}

// fargateRow is a validated rate row with its optional explicit Spot rates.
type fargateRow struct {
	onDemand FargateRate
	spotVCPU USDPerVCPUHour // zero: derive from the Spot factor
	spotGB   USDPerGBHour
}

// FargateRate returns the rate for platform in region, On-Demand or Spot.
// Spot rates are the row's explicit Spot rates when given, otherwise
// FargateSpotFactor × On-Demand (reference §8.1: "store a discount factor
// ... and allow an explicit rate"). Windows has no Spot.
func (c *Catalog) FargateRate(region string, p Platform, spot bool) (FargateRate, error) {
	if err := c.CheckRegion(region); err != nil {
		return FargateRate{}, err
	}
	row, ok := c.fargate[fargateKey{region, p}]
	if !ok {
		return FargateRate{}, &NoFargateRateError{Region: region, Platform: p, Spot: spot,
			Reason: "the catalogue has no rate row for it"}
	}
	if !spot {
		return row.onDemand, nil
	}
	if !p.SpotSupported() {
		return FargateRate{}, &NoFargateRateError{Region: region, Platform: p, Spot: true,
			Reason: "Fargate Spot does not run Windows tasks"}
	}
	r := row.onDemand
	r.Spot = true
	r.OSLicence = 0
	if row.spotVCPU > 0 {
		r.VCPU, r.Memory = row.spotVCPU, row.spotGB
		return r, nil
	}
	r.SpotFactor = c.fargateSpotFactor
	r.VCPU = USDPerVCPUHour(float64(r.VCPU) * float64(c.fargateSpotFactor))
	r.Memory = USDPerGBHour(float64(r.Memory) * float64(c.fargateSpotFactor))
	return r, nil
}

// FargateRates returns the On-Demand rates of every platform priced in
// region, in Platforms order.
func (c *Catalog) FargateRates(region string) ([]FargateRate, error) {
	if err := c.CheckRegion(region); err != nil {
		return nil, err
	}
	var out []FargateRate
	for _, p := range Platforms() {
		if row, ok := c.fargate[fargateKey{region, p}]; ok {
			out = append(out, row.onDemand)
		}
	}
	return out, nil
}

// FargateSpotFactor returns the default Fargate Spot price factor
// (Spot = factor × On-Demand; reference §8.1 default 0.30).
func (c *Catalog) FargateSpotFactor() Fraction { return c.fargateSpotFactor }

// FargateStorage returns the ephemeral-storage price in region.
func (c *Catalog) FargateStorage(region string) (FargateStorage, error) {
	if err := c.CheckRegion(region); err != nil {
		return FargateStorage{}, err
	}
	s, ok := c.storage[region]
	if !ok {
		return FargateStorage{}, fmt.Errorf("catalog: no Fargate ephemeral-storage price for %s", region)
	}
	return s, nil
}
