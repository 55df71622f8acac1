// Package autoscale is ecsim's scaling logic: CloudWatch-style metric
// periods and alarms, Application Auto Scaling for ECS services (target
// tracking, step scaling, scheduled actions) and ECS cluster auto scaling
// (managed scaling of an Auto Scaling group capacity provider through the
// CapacityProviderReservation metric).
//
// It is pure logic — (time, metric history, current capacity) → decision —
// and knows nothing of tasks, instances or the event kernel. Simulation time
// is a time.Duration offset from the scenario start; wall-clock time (cron
// schedules in a time zone) is a time.Time, converted with the scalable
// target's Epoch. Nothing here reads the clock.
//
// The pieces, bottom up:
//
//   - Metrics stores series of samples aggregated into periods (Average,
//     Sum, Minimum, Maximum, SampleCount) with a publication delay, in a
//     bounded ring sized by the longest alarm window.
//   - MetricAlarm is a CloudWatch alarm: M of N datapoints, comparison
//     operators, TreatMissingData, OK / ALARM / INSUFFICIENT_DATA, and Auto
//     Scaling actions re-invoked every period while in ALARM.
//   - ScalableTarget holds an ECS service's bounds, target-tracking and step
//     scaling policies and scheduled actions; Evaluate turns the metrics and
//     the running/desired counts into the desired count to set. Set
//     evaluates many targets in one call.
//   - ManagedScaling computes CapacityProviderReservation for one capacity
//     provider each minute and returns the Auto Scaling group's desired
//     capacity.
//   - Package schedule parses cron(...), rate(...) and at(...).
//
// Faithfulness: every rule cites the section of
// shared/reference/ecs-behaviour.md it follows ("ref §6.3"); where AWS does
// not document a detail the comment says "modelling choice", and the choice
// is configurable (TargetTrackingModel, ManagedScalingModel, AlarmConfig).
//
// Invariants: a decision's desired count is within the target's current
// [MinCapacity, MaxCapacity]; no dynamic scale-in happens while any policy
// asks for scale-out or a deployment is in progress; cluster scale-in never
// goes below the instances running non-daemon tasks.
//
// Determinism: results depend only on the inputs and the order of calls; no
// maps are iterated, no randomness is used.
//
// Allocation: configuration (New*, Add*) allocates; steady-state Push,
// Evaluate, Set.Evaluate, ManagedScaling.Evaluate and RunScheduledActions do
// not (TestSteadyStateZeroAllocs, BenchmarkTargetTracking).
//
// Configuration errors are returned as FieldErrors (field path in the
// snake_case spelling of the AWS field names, plus the rule broken), all of
// them joined with errors.Join.
package autoscale
