package catalog

import (
	"fmt"
	"slices"
)

// FargateSize is one row of Fargate's table of task sizes: a task-level CPU
// value and the memory values allowed with it [S9][S38].
type FargateSize struct {
	CPU    CPUUnits
	Memory []MiB // allowed memory values, ascending
	OS     []OS  // operating systems that accept this CPU value
	Note   string
	Source string
}

// Allows reports whether the size row accepts memory on os.
func (s FargateSize) Allows(os OS, memory MiB) bool {
	return slices.Contains(s.OS, os) && slices.Contains(s.Memory, memory)
}

func (s FargateSize) clone() FargateSize {
	s.Memory = slices.Clone(s.Memory)
	s.OS = slices.Clone(s.OS)
	return s
}

// FargateSizes returns the size rows available on os, ascending by CPU. The
// slices are copies.
func (c *Catalog) FargateSizes(os OS) []FargateSize {
	var out []FargateSize
	for _, s := range c.sizes {
		if slices.Contains(s.OS, os) {
			out = append(out, s.clone())
		}
	}
	return out
}

// ValidateFargateSize checks a Linux task's task-level cpu and memory against
// Fargate's valid combinations; see ValidateFargateSizeFor.
func (c *Catalog) ValidateFargateSize(cpu CPUUnits, memory MiB) error {
	return c.ValidateFargateSizeFor(OSLinux, cpu, memory)
}

// ValidateFargateSizeFor checks a task-level cpu and memory on os against
// Fargate's valid combinations. The error is an *InvalidFargateSizeError
// listing the valid memory values for that cpu, or the valid cpu values when
// cpu itself is not offered on os (Windows needs at least 1 vCPU and has no
// 8 or 16 vCPU sizes [S38]).
func (c *Catalog) ValidateFargateSizeFor(os OS, cpu CPUUnits, memory MiB) error {
	if os != OSLinux && os != OSWindows {
		return fmt.Errorf("catalog: unknown OS %q (want linux or windows)", os)
	}
	for _, s := range c.sizes { // the success path reads c.sizes in place: no allocation
		if s.CPU != cpu || !slices.Contains(s.OS, os) {
			continue
		}
		if slices.Contains(s.Memory, memory) {
			return nil
		}
		return &InvalidFargateSizeError{OS: os, CPU: cpu, Memory: memory,
			ValidMemory: slices.Clone(s.Memory), Reason: "memory not offered with this cpu"}
	}
	valid := c.FargateSizes(os)
	return &InvalidFargateSizeError{OS: os, CPU: cpu, Memory: memory,
		ValidCPU: sizeCPUs(valid), Reason: cpuReason(os, cpu, valid)}
}

func sizeCPUs(sizes []FargateSize) []CPUUnits {
	out := make([]CPUUnits, len(sizes))
	for i, s := range sizes {
		out[i] = s.CPU
	}
	return out
}

// cpuReason explains why cpu is not offered on os.
func cpuReason(os OS, cpu CPUUnits, valid []FargateSize) string {
	if len(valid) > 0 && cpu < valid[0].CPU {
		return fmt.Sprintf("%s tasks need at least %d CPU units (%g vCPU)", os, valid[0].CPU, valid[0].CPU.VCPUs())
	}
	return fmt.Sprintf("cpu %d is not a Fargate size on %s", cpu, os)
}

// expandMemory returns the allowed memory values of a size row: its explicit
// list, or min..max in steps.
func expandMemory(r fileFargateSize) []MiB {
	if len(r.MemoryMiB) > 0 {
		out := make([]MiB, len(r.MemoryMiB))
		for i, m := range r.MemoryMiB {
			out[i] = MiB(m)
		}
		return out
	}
	var out []MiB
	for m := r.MinMemoryMiB; m <= r.MaxMemoryMiB; m += r.StepMiB {
		out = append(out, MiB(m))
	}
	return out
}
