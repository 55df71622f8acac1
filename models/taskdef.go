package models

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/placement"
)

// taskDef is a task definition compiled for the world.
type taskDef struct {
	cfg         *TaskDef
	cpu         catalog.CPUUnits
	mem         catalog.MiB
	gpus        int
	awsvpc      bool
	network     placement.NetworkMode
	ports       []placement.Port
	requires    []placement.Requirement
	stopTimeout time.Duration
	imagePull   Dist
	imageCached bool
	casNeeds    autoscale.Resources
	platform    catalog.Platform
}

// buildDef checks and compiles taskDefs[i].
func (w *World) buildDef(i int) error {
	c := &w.cfg.TaskDefs[i]
	where := fmt.Sprintf("task_defs[%d] (%s)", i, c.Ref())
	if c.Family == "" {
		return fmt.Errorf("task_defs[%d]: family is empty", i)
	}
	if _, dup := w.defByRef[c.Ref()]; dup {
		return fmt.Errorf("%s: defined twice", where)
	}
	if len(c.Containers) == 0 {
		return fmt.Errorf("%s: containers: at least one container is needed", where)
	}
	d := &taskDef{cfg: c, stopTimeout: c.StopTimeout, imagePull: w.cfg.Timing.ImagePull, imageCached: c.ImageCached}
	if d.stopTimeout == 0 {
		d.stopTimeout = 30 * time.Second // ref §3.1: ECS_CONTAINER_STOP_TIMEOUT default
	}
	if c.ImagePull != nil {
		if err := c.ImagePull.Validate(); err != nil {
			return fmt.Errorf("%s: image_pull: %w", where, err)
		}
		d.imagePull = *c.ImagePull
	}
	size := placement.TaskSize{CPU: placement.CPUUnits(c.CPU), Memory: placement.MiB(c.Memory)}
	for _, k := range c.Containers {
		size.Containers = append(size.Containers, placement.ContainerSize{
			CPU: placement.CPUUnits(k.CPU), Memory: placement.MiB(k.Memory),
			MemoryReservation: placement.MiB(k.MemoryReservation), GPUs: placement.GPUs(k.GPUs),
		})
	}
	res, err := placement.TaskReservation(size)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	d.cpu, d.mem, d.gpus = catalog.CPUUnits(res.CPU), catalog.MiB(res.Memory), int(res.GPU)
	switch c.NetworkMode {
	case NetworkAwsvpc:
		d.network, d.awsvpc = placement.NetworkAWSVPC, true
	case NetworkHost:
		d.network = placement.NetworkHost
	case NetworkNone:
		d.network = placement.NetworkNone
	case NetworkBridge, "":
		d.network = placement.NetworkBridge
	default:
		return fmt.Errorf("%s: network_mode: unknown mode %q (want awsvpc, bridge, host or none)", where, c.NetworkMode)
	}
	for _, pm := range c.HostPorts() {
		proto := placement.TCP
		if pm.Protocol == "udp" {
			proto = placement.UDP
		}
		d.ports = append(d.ports, placement.Port{Number: uint16(pm.HostPort), Protocol: proto})
	}
	os, arch := c.OS, c.Arch
	if os == "" {
		os = catalog.OSLinux
	}
	if arch == "" {
		arch = catalog.ArchX86_64
	}
	d.platform = catalog.Platform{OS: os, Arch: arch}
	if c.Arch != "" {
		d.requires = append(d.requires, placement.Requirement{Attribute: placement.AttrCPUArchitecture, Values: []string{string(c.Arch)}})
	}
	d.casNeeds = autoscale.Resources{CPU: autoscale.CPUUnits(d.cpu), Memory: autoscale.MiB(d.mem), GPUs: d.gpus, Ports: len(d.ports)}
	if d.awsvpc {
		d.casNeeds.ENIs = 1
	}
	w.defByRef[c.Ref()] = len(w.defs)
	w.defs = append(w.defs, d)
	return nil
}

// request builds the placement request of one task of d in group.
func (d *taskDef) request(group string, pol *placement.Policy) placement.Request {
	return placement.Request{
		Group:     group,
		Resources: placement.Resources{CPU: placement.CPUUnits(d.cpu), Memory: placement.MiB(d.mem), GPU: placement.GPUs(d.gpus)},
		Network:   d.network,
		Ports:     d.ports,
		Policy:    pol,
	}
}

// checkFargate validates d for a Fargate provider: task-level sizes that
// Fargate offers (ref §2.1), awsvpc, and the storage range (ref §2.2).
func (w *World) checkFargate(d *taskDef) error {
	c := d.cfg
	if c.CPU == 0 || c.Memory == 0 {
		return fmt.Errorf("task definition %s: Fargate needs task-level cpu and memory", c.Ref())
	}
	if err := w.cat.ValidateFargateSizeFor(d.platform.OS, c.CPU, c.Memory); err != nil {
		return fmt.Errorf("task definition %s: %w", c.Ref(), err)
	}
	if c.NetworkMode != "" && c.NetworkMode != NetworkAwsvpc {
		return fmt.Errorf("task definition %s: Fargate needs network_mode awsvpc, not %s", c.Ref(), c.NetworkMode)
	}
	if s := c.EphemeralStorageGiB; s != 0 && (s < 21 || s > 200) {
		return fmt.Errorf("task definition %s: ephemeral storage %d GiB is outside 21–200 GiB", c.Ref(), s)
	}
	if c.StopTimeout > 120*time.Second {
		return fmt.Errorf("task definition %s: stop_timeout %v exceeds Fargate's 120 s", c.Ref(), c.StopTimeout)
	}
	return nil
}

// checkFits reports a task that fits no instance type of an EC2 provider:
// it would wait forever (ref §5.3: "not compatible").
func (w *World) checkFits(d *taskDef, p *provider) error {
	for j, it := range p.types {
		reg := p.regs[j]
		enis, _ := it.AwsvpcTasks(p.cfg.ENITrunking)
		archOK := d.cfg.Arch == "" || d.cfg.Arch == it.Arch
		if reg.CPU >= d.cpu && reg.Memory >= d.mem && it.GPUs >= d.gpus && (!d.awsvpc || enis > 0) && archOK {
			return nil
		}
	}
	return fmt.Errorf("task definition %s (cpu %d, memory %d MiB, arch %s) fits no instance type of provider %s %v",
		d.cfg.Ref(), d.cpu, d.mem, d.platform.Arch, p.name, p.cfg.InstanceTypes)
}
