// Package placebench compares placement strategy chains on one generated
// workload: the same sequence of task arrivals and departures is placed
// with each chain on a cluster that grows by one instance whenever a task
// does not fit and gives back instances that become empty (what managed
// scaling with termination protection does, ref §5.5). It reports the
// instances used over time, stranded (unreserved) CPU and memory on the
// instances in use, AZ balance, and the cost per hour of the fleet.
//
// Determinism: every figure except the engine's wall time per placement
// depends only on the Config (seeded PCG streams); the timing is reported
// separately so reports can leave it out of golden files.
package placebench
