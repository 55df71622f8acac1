package models

import (
	"strconv"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
)

// NetworkMode is a task definition's networkMode.
type NetworkMode string

const (
	NetworkAwsvpc NetworkMode = "awsvpc"
	NetworkBridge NetworkMode = "bridge"
	NetworkHost   NetworkMode = "host"
	NetworkNone   NetworkMode = "none"
)

// TaskDef is a task definition revision, reduced to what placement,
// timing and cost depend on.
type TaskDef struct {
	Family   string
	Revision int // 0 means 1
	// CPU and Memory are the task-level size; zero means not set (EC2
	// only: the containers' values are used, ref §1.2). Fargate needs both.
	CPU    catalog.CPUUnits
	Memory catalog.MiB

	Containers  []ContainerDef
	NetworkMode NetworkMode // default bridge on EC2, awsvpc on Fargate
	OS          catalog.OS  // default linux
	Arch        catalog.Arch
	// EphemeralStorageGiB on Fargate (20 free, up to 200).
	EphemeralStorageGiB int
	// Constraints from the task definition (memberOf only).
	Constraints []PlacementConstraint
	// ImagePull is the image pull time on an EC2 instance whose cache does
	// not hold the image, and on Fargate (no cache); Timing.ImagePull is
	// used when zero-valued.
	ImagePull *Dist
	// ImageCached makes EC2 pulls free after the first task of this family
	// on an instance (ECS_IMAGE_PULL_BEHAVIOR=prefer-cached; ref §3.1).
	ImageCached bool
	// StopTimeout bounds STOPPING (default 30 s; Fargate max 120 s).
	StopTimeout time.Duration
	// HealthCheck means the essential containers define a health check:
	// a task counts healthy when it passes instead of 40 s after RUNNING.
	HealthCheck *HealthCheck
}

// ContainerDef is one container of a task definition.
type ContainerDef struct {
	Name              string
	CPU               catalog.CPUUnits
	Memory            catalog.MiB // hard limit
	MemoryReservation catalog.MiB // soft limit
	GPUs              int
	Essential         bool
	Ports             []PortMapping
}

// PortMapping is a container port mapping. HostPort 0 on bridge is a
// dynamic host port, which never conflicts (ref §1.8).
type PortMapping struct {
	ContainerPort int
	HostPort      int
	Protocol      string // "tcp" (default) or "udp"
}

// HealthCheck is a container health check (ref §3.4 defaults: interval
// 30 s, retries 3, start period 0).
type HealthCheck struct {
	Interval    time.Duration
	Retries     int
	StartPeriod time.Duration
}

// Ref returns "family:revision".
func (td *TaskDef) Ref() string {
	return td.Family + ":" + strconv.Itoa(td.revision())
}

func (td *TaskDef) revision() int {
	if td.Revision == 0 {
		return 1
	}
	return td.Revision
}

// Reservation returns what one task of td reserves on a container
// instance: the task-level value when set, otherwise the sum over
// containers of memoryReservation falling back to memory, and of cpu
// (ref §1.2 and its modelling choice for EC2).
func (td *TaskDef) Reservation() (cpu catalog.CPUUnits, mem catalog.MiB, gpus int) {
	cpu, mem = td.CPU, td.Memory
	var sumCPU catalog.CPUUnits
	var sumMem catalog.MiB
	for _, c := range td.Containers {
		sumCPU += c.CPU
		if c.MemoryReservation > 0 {
			sumMem += c.MemoryReservation
		} else {
			sumMem += c.Memory
		}
		gpus += c.GPUs
	}
	if cpu == 0 {
		cpu = sumCPU
	}
	if mem == 0 {
		mem = sumMem
	}
	return cpu, mem, gpus
}

// HostPorts returns the static host ports td binds, as "port/protocol"
// pairs: in host mode every container port, in bridge mode non-zero host
// ports; awsvpc tasks have their own IP and bind none on the host.
func (td *TaskDef) HostPorts() []PortMapping {
	var out []PortMapping
	for _, c := range td.Containers {
		for _, p := range c.Ports {
			hp := 0
			switch td.NetworkMode {
			case NetworkHost:
				hp = p.ContainerPort
				if p.HostPort != 0 {
					hp = p.HostPort
				}
			case NetworkBridge, "":
				hp = p.HostPort
			}
			if hp != 0 {
				proto := p.Protocol
				if proto == "" {
					proto = "tcp"
				}
				out = append(out, PortMapping{ContainerPort: p.ContainerPort, HostPort: hp, Protocol: proto})
			}
		}
	}
	return out
}
