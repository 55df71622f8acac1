// Package cost is ecsim's cost meter: the simulated world reports EC2
// instances, Fargate tasks and task reservations as they start and stop;
// the meter accrues their usage in integers and prices it once, at the end,
// from the catalogue, so long runs do not drift.
//
// # What is billed
//
//   - EC2 instances (Linux, On-Demand or Spot; reference §8.2), from
//     InstanceStarted to InstanceStopped: billed seconds =
//     max(60, ⌈seconds⌉), at the catalogue's hourly price of the type,
//     region and purchase option. A Spot instance that EC2 reclaims
//     (InstanceInterrupted) within its first hour is not charged for
//     instance usage (EC2 User Guide, "Billing for interrupted Spot
//     Instances"; Config.FreeSpotInterruptionFirstHour).
//   - An EBS root volume per instance (Config.RootVolumeGiB, 30 GiB gp3 by
//     default, per provider overridable, 0 to leave out): GB-month rate ×
//     GiB × seconds / (730 × 3600), for the instance's billed seconds
//     (including the minimum).
//   - Fargate tasks, from entering PENDING (image pull start,
//     FargateStarted) to STOPPED (FargateStopped): billed seconds =
//     max(60, ⌈seconds⌉) (reference §2.5), cost = (vCPU × rate_vCPU + GB ×
//     rate_GB + max(0, ephemeral GiB − 20) × rate_storage) × seconds / 3600,
//     Spot rates from the catalogue's factor or explicit rate, Windows with
//     its OS licence per vCPU-hour.
//
// Instances and tasks still running when the bill is made (Finish at the
// run's end) are billed for their elapsed time, rounded up, with the
// minimum applied: the run's end stands for the moment they stop.
//
// # Apportioning EC2 cost to services
//
// The world reports each task's reservation on its instance (Reserve and
// Release; several tasks of one service on one instance add up). Over each
// interval an instance's cost is split among the services with
// reservations on it in proportion to
//
//	share_s = ½ (cpu_s / cpu_registered + mem_s / mem_registered)
//
// the mean of the service's reserved shares of the instance's registered CPU
// and memory; what no service reserves (1 − Σ share_s) is unused capacity.
// The meter accumulates ∫cpu_s dt and ∫mem_s dt exactly, as int64 CPU-unit-
// and MiB-milliseconds per reservation (a fully reserved r7i.48xlarge for a
// year is ~6e15, far below 2^63). When an instance stops, its integrals are
// added to its service's credit for the instance's priced item and
// registered capacity (the "class": instances of one class divide by the
// same capacity, so integer sums stay exact), and at the end service s is
// credited with the per-second price × ½(∫cpu_s/cpu_registered +
// ∫mem_s/mem_registered) of each class. The instance's root volume is
// apportioned the same way. An item's bill minus its credits, which includes
// the 60-second-minimum and rounding top-ups (and idle time), is unused
// capacity: by construction Σ by service + unused equals the total.
//
// # Invariants
//
// TotalUSD = Σ lines = Σ by kind = Σ by provider = Σ by service + unused, to
// float rounding (Report.Check, 1e-9 relative); no amount is negative;
// every item is billed at least the minimum; the bill so far (AccruedUSD,
// or Finish at an intermediate time) never decreases, except by exactly the
// waived instance charge when EC2 interrupts a Spot instance in its first
// hour (until then it is billed like any running instance). Reservations never
// exceed an instance's registered capacity and never go negative: breaking
// that, reusing a running ID or going back in time is a programmer error
// and panics ("cost: ..."). Meter.Check re-verifies the bookkeeping.
//
// # Determinism
//
// No global state and no clock. Items are kept in the order they first
// appear and every list in a Report is sorted, so map order never reaches a
// result; the same calls give deep-equal reports.
//
// # Allocation policy
//
// Instances, tasks and services are addressed by dense integer IDs into
// slices. Reserve, Release, InstanceStopped, InstanceInterrupted and
// FargateStopped do not allocate; InstanceStarted and FargateStarted do not
// once their priced item, class and service credit exist (looking those up
// hashes their names). A stopped instance's reservations are folded into
// per-(class, service) sums and their slots reused, so memory grows with the
// largest ID, the running instances and the distinct priced items ×
// services, not with the length of the run. AccruedUSD costs O(items +
// running instances + running tasks) without allocating. Finish allocates
// the report.
package cost
