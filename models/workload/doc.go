// Package workload models what the services of a simulated ECS cluster are
// asked to do and what that does to them: request demand over wall-clock
// time, the CPU and memory utilisation it causes per task and per service,
// request latency from an M/M/c queue, the backlog of queue-driven
// workers, and arrivals of batch jobs.
//
// # Parts
//
//   - Demand: a rate (requests/s) or a dimensionless factor over time.
//     Generators: Constant, Diurnal, Weekly, LinearRamp, Growth, Steps,
//     Spike, Noise and Replay (of a CSV or a CloudWatch get-metric-data
//     export), composed with Sum, Product and Scale.
//   - Utilisation: TaskProfile turns served requests into CPU and memory
//     utilisation relative to the reservation, as ECS reports them;
//     ServiceAverages is what target tracking reads.
//   - Latency: ErlangB, ErlangC and MMC (exact M/M/c waiting and response
//     time distributions); QueueConfig adds a fluid backlog for overload.
//   - Service and Worker: per-service state stepped by the simulator,
//     returning one ServiceSample or WorkerSample per step.
//   - Batch jobs: Schedule (Times, Poisson, ModulatedPoisson, or a cron
//     schedule from elsewhere), DurationDist (Fixed, Exponential,
//     LogNormal) and JobStream with a weighted mix of task definitions.
//
// # Latency model
//
// Within a step, requests see the steady state of an M/M/c queue (c =
// running tasks × QueueConfig.Concurrency, μ = a task's throughput at its
// CPU ceiling / Concurrency) at utilisation min(λ/cμ, MaxStationaryUtilisation = 0.99 by default). Its response
// time distribution is exact (MMC: Erlang C waiting probability,
// exponential waiting tail, hypoexponential convolution with the service
// time; percentiles by a safeguarded Newton search). When λ ≥ cμ, a fluid
// backlog carries over between steps, grows at λ − cμ, drains at cμ − λ,
// and is capped at QueueLimit, the excess being dropped and counted; each
// request's delay adds backlog/cμ. Percentiles of a step add the backlog
// delay's percentile over the step to the M/M/c percentile (an upper
// bound of the true percentile of the sum; exact without backlog).
//
// A QuantileTable, shared by the services of a run (ServiceConfig.Quantiles),
// replaces the per-step M/M/c solve by interpolation on a fine grid of
// utilisation, one row per server count: the mean, p95 and p99 are then
// within QuantileTableMaxRelError (1e-4 relative) of exact, still
// non-decreasing in demand. Without one, Service is exact.
//
// # Invariants
//
// Demand rates are finite and non-negative for valid configurations. A
// Service's requests are conserved: Arrived = Served + Dropped + change of
// Backlog, and 0 ≤ Backlog ≤ QueueLimit. CPU utilisation never exceeds 100 %
// for tasks with CappedAtReservation (Fargate, task-level cpu) and never
// exceeds the caller's burst ceiling otherwise. Latency is non-decreasing in
// demand and non-increasing in running tasks (with a QuantileTable, in
// running tasks up to its error bound).
//
// # Determinism
//
// The package holds no global state and never reads the clock. All
// randomness comes from *rand.Rand streams passed in by the caller (the
// kernel's named streams); gonum distributions always get an explicit Src.
// Noise is keyed to a fixed time grid, so the same seed gives the same
// demand whatever the step size or query pattern, and JobStream draws a
// fixed number of values per job, so the same seeds give the same jobs.
//
// # Allocation policy
//
// Constructors allocate. Demand.Rate, Service.Step and Worker.Step do not
// allocate (checked by tests with testing.AllocsPerRun), except that a
// QuantileTable grows a row the first time a server count or utilisation
// range is asked for; Service.StepTo fills a caller's sample. Erlang C costs
// O(c) for c servers, and O(√a + c − a) for large loads a. One Step of a
// typical service costs well under a microsecond (BenchmarkDemandStep).
//
// Concurrency: Noise, Diurnal and Weekly keep small caches or state, as do
// Service, Worker and JobStream; use each from one goroutine (one
// simulation run). Constant, Replay, Steps, LinearRamp, Growth, Spike and
// MMC are immutable. Sampling a gonum
// distribution allocates a small wrapper per draw (gonum wraps its Src in a
// new rand.Rand); job generation is not on the per-step path.
//
// Errors for bad input are *FieldError (naming the Go struct field) or
// *TraceError (naming the file and line, or the JSON field); panics are
// reserved for programmer errors such as a nil stream or a step with dt ≤ 0.
package workload
