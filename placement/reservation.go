package placement

import "fmt"

// ContainerSize is the part of a container definition that reserves resources.
// Zero means "not set".
type ContainerSize struct {
	CPU CPUUnits
	// Memory is the hard limit (container "memory").
	Memory MiB
	// MemoryReservation is the soft limit (container "memoryReservation").
	MemoryReservation MiB
	GPUs              GPUs
}

// TaskSize is the part of a task definition that reserves resources.
// Zero task-level values mean "not set" (allowed on EC2).
type TaskSize struct {
	CPU        CPUUnits
	Memory     MiB
	Containers []ContainerSize
}

// MinContainerMemory is the least memory Docker 20.10+ accepts per container [S8].
const MinContainerMemory MiB = 6

// TaskReservation returns what a task reserves on an EC2 instance [S7][S8]:
// memory is the task-level memory if set, otherwise the sum over containers of
// memoryReservation, falling back to memory; CPU is the task-level cpu if set,
// otherwise the sum of container cpu (unset counts 0); GPUs are summed.
// The ENI field is zero (it follows from the network mode).
//
// Modelling choice: ECS documents this hierarchy for memory on Managed
// Instances; it is applied to the EC2 launch type and to CPU as well.
func TaskReservation(t TaskSize) (Resources, error) {
	if t.CPU < 0 || t.Memory < 0 {
		return Resources{}, fmt.Errorf("task size: negative cpu %d or memory %d", t.CPU, t.Memory)
	}
	if len(t.Containers) == 0 {
		return Resources{}, fmt.Errorf("task size: no containers")
	}
	var sumCPU CPUUnits
	var sumMem MiB
	var gpus GPUs
	for i, c := range t.Containers {
		if err := checkContainer(i, c, t.Memory > 0); err != nil {
			return Resources{}, err
		}
		sumCPU += c.CPU
		gpus += c.GPUs
		if c.MemoryReservation > 0 {
			sumMem += c.MemoryReservation
		} else {
			sumMem += c.Memory
		}
	}
	r := Resources{CPU: sumCPU, Memory: sumMem, GPU: gpus}
	if t.CPU > 0 {
		if sumCPU > t.CPU {
			return Resources{}, fmt.Errorf("task size: containers reserve %d CPU units, more than the task-level cpu %d", sumCPU, t.CPU)
		}
		r.CPU = t.CPU
	}
	if t.Memory > 0 {
		if sumMem > t.Memory {
			return Resources{}, fmt.Errorf("task size: containers reserve %d MiB, more than the task-level memory %d MiB", sumMem, t.Memory)
		}
		r.Memory = t.Memory
	}
	return r, nil
}

func checkContainer(i int, c ContainerSize, taskMemory bool) error {
	switch {
	case c.CPU < 0 || c.Memory < 0 || c.MemoryReservation < 0 || c.GPUs < 0:
		return fmt.Errorf("containers[%d]: negative cpu, memory, memoryReservation or gpu", i)
	case c.Memory == 0 && c.MemoryReservation == 0 && !taskMemory:
		return fmt.Errorf("containers[%d]: memory or memoryReservation is required when the task has no task-level memory", i)
	case c.Memory > 0 && c.MemoryReservation > 0 && c.Memory <= c.MemoryReservation:
		return fmt.Errorf("containers[%d]: memory %d MiB must be greater than memoryReservation %d MiB", i, c.Memory, c.MemoryReservation)
	case c.Memory > 0 && c.Memory < MinContainerMemory, c.MemoryReservation > 0 && c.MemoryReservation < MinContainerMemory:
		return fmt.Errorf("containers[%d]: memory limits must be at least %d MiB", i, MinContainerMemory)
	}
	return nil
}
