// Package models is ecsim's simulated AWS: container instances and their
// Auto Scaling groups, Fargate and Fargate Spot, task definitions and the
// task lifecycle, services (REPLICA and DAEMON, rolling deployments,
// replacement with the scheduler's back-off), capacity providers with
// managed scaling, load balancer target groups, standalone and scheduled
// tasks, the workloads that drive them, the cost meter and the recorder.
//
// A run is one World, built from a plain Config by New and driven by one
// sim.Engine: Run(ctx, cfg) returns a Result. Placement goes through
// placement.Index, scaling decisions through autoscale, demand and latency
// through models/workload; this package adapts its state to theirs.
//
// # Invariants
//
// With Config.Check set (always in tests) the world checks, after every
// state change that could break them: no container instance has more
// CPU, memory, GPUs or ENIs reserved than it registered; every task is in
// exactly one lifecycle state and counted once; each service's counts
// agree with its tasks; virtual time never goes back; at the end the cost
// equals the sum of its parts.
//
// # Determinism
//
// One run is single-threaded. Every random draw comes from a named stream
// of the kernel ("asg/<provider>/launch", "service/<name>/fail", …), so
// the same Config gives the same Result, bit for bit, whatever GOMAXPROCS
// is. Maps are never iterated to produce results.
//
// # Modelling choices
//
// Where AWS documents a behaviour the code cites the reference section
// (ref §x.y); where it does not, the comment says "modelling choice" and
// the behaviour is a Config setting. The README's "Model fidelity"
// section lists them all.
//
// # Performance
//
// The once-a-step pass over every service reads counts kept up to date as
// tasks change (taskTally, checked with the invariants) rather than
// walking the tasks. Latency comes from one workload.QuantileTable shared
// by the run's services: the p95 (and the mean, p99) within
// workload.QuantileTableMaxRelError (1e-4 relative) of the exact M/M/c
// values; Config.ExactLatency solves them exactly instead. Per-service
// time series are kept for the first Config.ServiceSeriesLimit services.
package models
