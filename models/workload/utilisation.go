package workload

import (
	"fmt"
	"math"
)

// CPUCeiling says how far a task's CPU use may go beyond its reservation.
type CPUCeiling int

const (
	// CappedAtReservation: Fargate tasks, and Linux EC2 tasks with a
	// task-level cpu, which the agent enforces as a hard CFS quota
	// (reference §1.2). CPU utilisation never exceeds 100 %.
	CappedAtReservation CPUCeiling = iota
	// BurstToInstanceIdle: EC2 tasks without a task-level cpu, whose
	// container cpu values are only CPU shares; a task may use idle CPU of
	// its instance, so utilisation can exceed 100 % (a 512-unit task alone
	// on a 2,048-unit instance can reach 400 %, reference §6.2). The caller
	// supplies the ceiling each step.
	BurstToInstanceIdle
)

// TaskProfile describes what one task of a service can do and what it
// consumes. CPU and memory utilisation are relative to the reservation, as
// ECS reports them for ECSServiceAverageCPUUtilization and
// ECSServiceAverageMemoryUtilization (reference §6.2).
type TaskProfile struct {
	// CPU is the reservation: the task-level cpu, else the sum of the
	// containers' cpu. It is the denominator of CPU utilisation; > 0.
	CPU CPUUnits
	// CapacityPerSecond is the requests (or messages) per second one task
	// completes when its CPU use equals its reservation (100 %); > 0.
	CapacityPerSecond float64
	// IdleCPU is the utilisation of a task with no load (runtime, health
	// checks, sidecars), 0 ≤ IdleCPU < 100. CPU use grows linearly from it
	// to 100 % at CapacityPerSecond.
	IdleCPU Percent
	// Ceiling selects whether CPU use is capped at the reservation.
	Ceiling CPUCeiling
	// MemoryReservation is the memory denominator: the soft limit
	// (memoryReservation) if set, else the hard limit; > 0.
	MemoryReservation MiB
	// MemoryHardLimit is the hard limit (task or container memory); 0 when
	// only a soft limit is set. Memory use above it means the task would be
	// OOM-killed; utilisation is then reported at the limit.
	MemoryHardLimit MiB
	// BaseMemory is the memory a task uses with no load.
	BaseMemory MiB
	// MemoryPerRequestPerSecond is the extra memory per request/s the task
	// serves (buffers, in-flight requests, caches).
	MemoryPerRequestPerSecond MiB
}

// Validate checks the profile, naming the offending field.
func (p TaskProfile) Validate() error {
	switch {
	case p.CPU <= 0:
		return fieldErr("TaskProfile.CPU", "%d CPU units: a CPU reservation > 0 is needed to report utilisation", p.CPU)
	case !(p.CapacityPerSecond > 0) || math.IsInf(p.CapacityPerSecond, 0):
		return fieldErr("TaskProfile.CapacityPerSecond", "%v must be a finite number > 0", p.CapacityPerSecond)
	case !(p.IdleCPU >= 0 && p.IdleCPU < 100):
		return fieldErr("TaskProfile.IdleCPU", "%v%% is outside [0, 100)", float64(p.IdleCPU))
	case p.Ceiling != CappedAtReservation && p.Ceiling != BurstToInstanceIdle:
		return fieldErr("TaskProfile.Ceiling", "unknown ceiling %d", int(p.Ceiling))
	case !(p.MemoryReservation > 0) || math.IsInf(float64(p.MemoryReservation), 0):
		return fieldErr("TaskProfile.MemoryReservation", "%v MiB must be a finite number > 0", float64(p.MemoryReservation))
	case p.MemoryHardLimit != 0 && !(p.MemoryHardLimit >= p.MemoryReservation):
		return fieldErr("TaskProfile.MemoryHardLimit", "%v MiB is below MemoryReservation %v MiB", float64(p.MemoryHardLimit), float64(p.MemoryReservation))
	}
	if err := checkNonNegative("TaskProfile.BaseMemory", float64(p.BaseMemory)); err != nil {
		return err
	}
	return checkNonNegative("TaskProfile.MemoryPerRequestPerSecond", float64(p.MemoryPerRequestPerSecond))
}

// CPUCeilingPercent returns the highest CPU utilisation a task can reach:
// 100 for capped tasks; for bursting tasks the caller's burstCap (the task's
// reservation plus the idle CPU of its instance, as a percentage of the
// reservation), never below 100 since CPU shares guarantee the reservation.
func (p TaskProfile) CPUCeilingPercent(burstCap Percent) Percent {
	if p.Ceiling == BurstToInstanceIdle && burstCap > 100 {
		return burstCap
	}
	return 100
}

// MaxThroughput returns the requests per second one task completes when it
// runs at its CPU ceiling.
func (p TaskProfile) MaxThroughput(burstCap Percent) float64 {
	ceil := p.CPUCeilingPercent(burstCap)
	return p.CapacityPerSecond * float64(ceil-p.IdleCPU) / float64(100-p.IdleCPU)
}

// TaskUsage is what one task uses.
type TaskUsage struct {
	CPU            Percent // utilisation of the CPU reservation
	Memory         Percent // utilisation of the memory reservation
	CPUUnitsUsed   float64 // CPU units in use
	MemoryUsed     MiB     // working set, before the hard limit
	OverHardLimit  bool    // MemoryUsed > MemoryHardLimit: the task would be OOM-killed
	ReservedCPU    CPUUnits
	ReservedMemory MiB
}

// Usage returns the usage of a task completing servedPerSecond requests per
// second. servedPerSecond is capped at MaxThroughput(burstCap).
func (p TaskProfile) Usage(servedPerSecond float64, burstCap Percent) TaskUsage {
	return p.usage(servedPerSecond, p.ceilingOf(burstCap))
}

// ceiling is a task's CPU ceiling and its throughput there, which depend
// only on the profile and the burst cap: a queue model keeps them while
// the cap stays the same (always, for capped tasks).
type ceiling struct {
	burstCap   Percent // the input
	percent    Percent // CPUCeilingPercent(burstCap)
	throughput float64 // MaxThroughput(burstCap)
}

func (p *TaskProfile) ceilingOf(burstCap Percent) ceiling {
	return ceiling{burstCap: burstCap, percent: p.CPUCeilingPercent(burstCap), throughput: p.MaxThroughput(burstCap)}
}

// usage is Usage with the ceiling worked out.
func (p *TaskProfile) usage(servedPerSecond float64, c ceiling) TaskUsage {
	cpu, mem, used, over := p.utilisation(servedPerSecond, c)
	return TaskUsage{
		CPU: cpu, Memory: mem,
		CPUUnitsUsed: float64(cpu) / 100 * float64(p.CPU), MemoryUsed: used, OverHardLimit: over,
		ReservedCPU: p.CPU, ReservedMemory: p.MemoryReservation,
	}
}

// utilisation is the part of usage a step reports: CPU and memory
// utilisation, the working set and whether it is over the hard limit.
func (p *TaskProfile) utilisation(servedPerSecond float64, c ceiling) (cpu, mem Percent, used MiB, over bool) {
	served := min(max(servedPerSecond, 0), c.throughput)
	cpu = p.IdleCPU + (100-p.IdleCPU)*Percent(served/p.CapacityPerSecond)
	cpu = min(cpu, c.percent)
	used = p.BaseMemory + p.MemoryPerRequestPerSecond*MiB(served)
	counted := used
	over = p.MemoryHardLimit > 0 && used > p.MemoryHardLimit
	if over {
		counted = p.MemoryHardLimit
	}
	return cpu, Percent(100 * counted / p.MemoryReservation), used, over
}

// ServiceAverages returns the service's CPU and memory utilisation as ECS
// computes them: Σ used ×100 / Σ reserved over the running tasks (with one
// task definition this is "used / (task-definition units × tasks)"; during
// a deployment it weighs each revision by its reservation). ok is false
// when no task runs: ECS then publishes no datapoint (reference §6.2).
func ServiceAverages(tasks []TaskUsage) (cpu, mem Percent, ok bool) {
	var used, reserved, memUsed, memReserved float64
	for _, t := range tasks {
		used += t.CPUUnitsUsed
		reserved += float64(t.ReservedCPU)
		memUsed += float64(t.Memory) / 100 * float64(t.ReservedMemory)
		memReserved += float64(t.ReservedMemory)
	}
	if len(tasks) == 0 || reserved == 0 || memReserved == 0 {
		return 0, 0, false
	}
	return Percent(100 * used / reserved), Percent(100 * memUsed / memReserved), true
}

// String describes the ceiling.
func (c CPUCeiling) String() string {
	switch c {
	case CappedAtReservation:
		return "capped-at-reservation"
	case BurstToInstanceIdle:
		return "burst-to-instance-idle"
	}
	return fmt.Sprintf("CPUCeiling(%d)", int(c))
}
