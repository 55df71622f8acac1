package catalog

import (
	"fmt"
	"math"
	"strconv"
)

// Arch is a CPU architecture as ECS names it in the ecs.cpu-architecture
// attribute (reference §1.4).
type Arch string

// The architectures the catalogue knows.
const (
	ArchX86_64 Arch = "x86_64"
	ArchARM64  Arch = "arm64"
)

// Arches lists the known architectures in display order.
func Arches() []Arch { return []Arch{ArchX86_64, ArchARM64} }

// ParseArch accepts the catalogue spelling (x86_64, arm64) and the ECS
// runtimePlatform spelling (X86_64, ARM64).
func ParseArch(s string) (Arch, error) {
	switch s {
	case "x86_64", "X86_64":
		return ArchX86_64, nil
	case "arm64", "ARM64":
		return ArchARM64, nil
	}
	return "", fmt.Errorf("catalog: unknown architecture %q (want x86_64 or arm64)", s)
}

// trunkState says whether ENI trunking is available on an instance type.
type trunkState uint8

const (
	trunkUnknown trunkState = iota
	trunkUnsupported
	trunkSupported
)

// TrunkLimit is the number of awsvpc tasks an instance type can run with ENI
// trunking (awsvpcTrunking) enabled, from the ECS trunking table [S10]; or
// "unsupported" (t3/t4g and others [S10][S40]); or "unknown" where the table
// has no row (m7i/c7i/r7i are supported but not in the 2023 table).
type TrunkLimit struct {
	state trunkState
	tasks int
}

// TrunkTasks returns a limit of n tasks with trunking.
func TrunkTasks(n int) TrunkLimit {
	if n < 1 {
		panic("catalog: TrunkTasks needs a positive task count")
	}
	return TrunkLimit{state: trunkSupported, tasks: n}
}

// TrunkUnsupported returns the limit of a type that cannot trunk.
func TrunkUnsupported() TrunkLimit { return TrunkLimit{state: trunkUnsupported} }

// TrunkUnknown returns the limit of a type whose trunking limit is not known.
func TrunkUnknown() TrunkLimit { return TrunkLimit{state: trunkUnknown} }

// Tasks returns the task limit with trunking and whether it is known. It is
// false both for unsupported and for unknown limits.
func (t TrunkLimit) Tasks() (int, bool) { return t.tasks, t.state == trunkSupported }

// Unsupported reports whether the type is known not to support trunking.
func (t TrunkLimit) Unsupported() bool { return t.state == trunkUnsupported }

// String returns the task count, "unsupported" or "unknown".
func (t TrunkLimit) String() string {
	switch t.state {
	case trunkSupported:
		return strconv.Itoa(t.tasks)
	case trunkUnsupported:
		return "unsupported"
	}
	return "unknown"
}

// InstanceType is the immutable specification of one EC2 instance type: the
// nominal shape from EC2 plus what ECS derives from it. It holds no pointers,
// so copies are independent.
type InstanceType struct {
	Name    string // e.g. "m6i.large"
	Family  string // e.g. "m6i" (the part before the dot)
	Size    string // e.g. "large" (the part after the dot)
	Arch    Arch   // x86_64 or arm64
	VCPUs   int    // EC2 vCPUs
	Memory  MiB    // nominal EC2 memory
	MaxENIs int    // MaximumNetworkInterfaces, the primary ENI included
	Trunk   TrunkLimit
	GPUs    int
	// MemoryOverhead is the fraction of nominal memory the OS and platform
	// keep from ECS (the catalogue default unless the type overrides it).
	MemoryOverhead Fraction
	// MeasuredMemory, when non-zero, is a measured registered memory (before
	// ECS_RESERVED_MEMORY) that replaces the overhead rule for this type.
	MeasuredMemory MiB
	Source         string // source tags of the row, see Catalog.Sources
}

// CPUUnits returns what the instance registers as CPU: vCPUs × 1024 [S8][S11].
// Burstable types register all their vCPUs too (CPU credits are not modelled
// by ECS, reference §1.1).
func (t InstanceType) CPUUnits() CPUUnits { return CPUUnits(t.VCPUs) * CPUUnitsPerVCPU }

// AwsvpcTasks returns how many awsvpc tasks fit by ENIs: MaxENIs − 1 without
// trunking (the primary ENI counts) [S10][S57]; the trunking table's limit
// with it. exact is false when trunking is asked for but the type cannot trunk
// or its limit is unknown; the result is then the conservative non-trunking
// count.
func (t InstanceType) AwsvpcTasks(trunking bool) (tasks int, exact bool) {
	plain := max(t.MaxENIs-1, 0)
	if !trunking {
		return plain, true
	}
	if n, ok := t.Trunk.Tasks(); ok {
		return n, true
	}
	return plain, false
}

// Registration is what a container instance registers with ECS.
type Registration struct {
	CPU    CPUUnits
	Memory MiB
	GPUs   int
}

// Register returns what an instance of this type registers with ECS when the
// agent runs with ECS_RESERVED_MEMORY = reserved (default 0 [S45]).
//
// The rule (reference §1.1, a modelling choice fitted to [S7][S12]):
//
//	CPU    = vCPUs × 1024
//	Memory = floor(nominal MiB × (1 − overhead)) − reserved
//
// where overhead is the type's MemoryOverhead; a type with MeasuredMemory
// uses that figure in place of the floor term. It is an error when reserved
// is negative or leaves no memory.
func (t InstanceType) Register(reserved MiB) (Registration, error) {
	if reserved < 0 {
		return Registration{}, fmt.Errorf("catalog: ECS_RESERVED_MEMORY %d MiB is negative", reserved)
	}
	available := t.MeasuredMemory
	if available == 0 {
		available = MiB(math.Floor(float64(t.Memory) * (1 - float64(t.MemoryOverhead))))
	}
	if reserved >= available {
		return Registration{}, fmt.Errorf("catalog: ECS_RESERVED_MEMORY %d MiB leaves no memory on %s (%d MiB available)",
			reserved, t.Name, available)
	}
	return Registration{CPU: t.CPUUnits(), Memory: available - reserved, GPUs: t.GPUs}, nil
}

// InstanceTypes is a list of instance types with query methods. Methods
// return new slices and never modify the receiver.
type InstanceTypes []InstanceType

// Filter returns the types for which keep is true, in order.
func (ts InstanceTypes) Filter(keep func(InstanceType) bool) InstanceTypes {
	out := make(InstanceTypes, 0, len(ts))
	for _, t := range ts {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

// Families returns the types of the given families (all types when none).
func (ts InstanceTypes) Families(families ...string) InstanceTypes {
	if len(families) == 0 {
		return append(InstanceTypes(nil), ts...)
	}
	return ts.Filter(func(t InstanceType) bool {
		for _, f := range families {
			if t.Family == f {
				return true
			}
		}
		return false
	})
}

// Arch returns the types of one architecture.
func (ts InstanceTypes) Arch(a Arch) InstanceTypes {
	return ts.Filter(func(t InstanceType) bool { return t.Arch == a })
}

// Names returns the types' names in order.
func (ts InstanceTypes) Names() []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}
