// Package breakeven answers "at what utilisation does EC2 beat Fargate?"
// for one task size, from the catalogue's prices.
//
// # The model
//
// An EC2 instance of type i costs P_i per hour (On-Demand or Spot, plus
// its EBS root volume) and holds n_i tasks of the given size: the fewest
// of ⌊registered CPU / task CPU⌋, ⌊registered memory / task memory⌋
// (registration by catalog.InstanceType.Register, ECS_RESERVED_MEMORY
// included) and, for awsvpc tasks, the ENI limit (with or without
// trunking). At utilisation u — the time-averaged share of those n_i task
// slots that hold tasks, 0 < u ≤ 1 — a task-hour on EC2 costs
//
//	C_EC2(u) = P_i / (n_i × u)
//
// while on Fargate it costs the fixed F = vCPU × rate_vCPU + GB × rate_GB
// of the smallest valid Fargate size that holds the task, for the
// instance's architecture (Graviton types are compared with Fargate ARM).
// EC2 is cheaper above the break-even utilisation
//
//	u* = P_i / (n_i × F)
//
// computed for EC2 On-Demand and EC2 Spot against Fargate and Fargate
// Spot. u* > 1 means EC2 never wins with this type: even fully packed its
// task-hour costs more. Row.ReservedCPUPct restates u* as the cluster's
// reserved CPU share (the figure the summary reports), n_i × u* × task CPU
// / registered CPU.
//
// Not modelled: daemon tasks and the capacity they take, data transfer,
// load balancers, public IPv4 addresses, Savings Plans and Reserved
// Instances (the catalogue's prices are On-Demand and planning Spot
// figures), and Fargate ephemeral storage above the free 20 GiB.
//
// # Determinism and allocation
//
// Rows follow the catalogue's order (family, vCPUs, memory, name) for
// families, then the order given for named types, without duplicates.
// Analyze allocates its rows; nothing here is on a hot path.
package breakeven
