package catalog

import "strconv"

// CPUUnitsPerVCPU is the number of ECS CPU units per vCPU: "A container
// instance has 1,024 CPU units for every CPU core" (reference §1.1, [S8][S11]).
const CPUUnitsPerVCPU = 1024

// MiBPerGiB converts the GiB figures AWS publishes into MiB. Fargate sizing
// treats 1 GB as 1024 MiB (reference §2.1, [S9]).
const MiBPerGiB = 1024

// CPUUnits is an amount of CPU in ECS CPU units (1 vCPU = 1024 units).
type CPUUnits int64

// String renders the amount with its unit, e.g. "2048 CPU units".
func (c CPUUnits) String() string { return strconv.FormatInt(int64(c), 10) + " CPU units" }

// VCPUs returns the amount in vCPUs (may be fractional, e.g. 0.25).
func (c CPUUnits) VCPUs() float64 { return float64(c) / CPUUnitsPerVCPU }

// MiB is an amount of memory in mebibytes.
type MiB int64

// String renders the amount with its unit, e.g. "8192 MiB".
func (m MiB) String() string { return strconv.FormatInt(int64(m), 10) + " MiB" }

// GiB returns the amount in gibibytes, which is also what AWS bills as "GB"
// for Fargate memory (reference conventions).
func (m MiB) GiB() float64 { return float64(m) / MiBPerGiB }

// GiB is an amount of storage in gibibytes (Fargate ephemeral storage, EBS).
type GiB float64

// String renders the amount with its unit, e.g. "20 GiB".
func (g GiB) String() string { return formatFloat(float64(g)) + " GiB" }

// USDPerHour is a price per hour in US dollars (an EC2 instance, a whole
// Fargate task).
type USDPerHour float64

// String renders the price with its unit, e.g. "0.096 USD/h".
func (p USDPerHour) String() string { return formatFloat(float64(p)) + " USD/h" }

// USDPerVCPUHour is a Fargate rate per vCPU and hour in US dollars.
type USDPerVCPUHour float64

// String renders the rate with its unit, e.g. "0.04048 USD/vCPU-h".
func (p USDPerVCPUHour) String() string { return formatFloat(float64(p)) + " USD/vCPU-h" }

// USDPerGBHour is a rate per GB (GiB as AWS bills it) and hour in US dollars:
// Fargate memory and Fargate ephemeral storage.
type USDPerGBHour float64

// String renders the rate with its unit, e.g. "0.004445 USD/GB-h".
func (p USDPerGBHour) String() string { return formatFloat(float64(p)) + " USD/GB-h" }

// USDPerGBMonth is a storage rate per GB and month in US dollars (EBS). AWS
// bills it per second with a month of 730 hours (reference §8.2).
type USDPerGBMonth float64

// String renders the rate with its unit, e.g. "0.08 USD/GB-month".
func (p USDPerGBMonth) String() string { return formatFloat(float64(p)) + " USD/GB-month" }

// HoursPerBillingMonth is the month length AWS uses to turn per-month storage
// rates into per-second charges (reference §8.2).
const HoursPerBillingMonth = 730

// PerHour converts the monthly rate to a rate per GB and hour.
func (p USDPerGBMonth) PerHour() USDPerGBHour { return USDPerGBHour(float64(p) / HoursPerBillingMonth) }

// Fraction is a dimensionless share in [0, 1], such as a Spot price factor
// (price = factor × On-Demand) or a memory-overhead fraction.
type Fraction float64

// String renders the fraction as a decimal, e.g. "0.35".
func (f Fraction) String() string { return formatFloat(float64(f)) }

// formatFloat prints the shortest decimal that round-trips, so figures from
// the data file print as written.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
