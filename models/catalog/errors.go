package catalog

import (
	"fmt"
	"strings"
)

// All errors below describe bad input (a name, region, size or file the
// caller supplied); callers such as the CLI branch on them with errors.As.

// UnknownInstanceTypeError reports a name that is not in the catalogue.
type UnknownInstanceTypeError struct {
	Name        string
	Suggestions []string // nearest known names by edit distance, best first
}

func (e *UnknownInstanceTypeError) Error() string {
	msg := fmt.Sprintf("catalog: unknown instance type %q", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, ", ") + "?"
	}
	return msg
}

// UnknownFamilyError reports an instance family with no type in the catalogue.
type UnknownFamilyError struct {
	Family string
	Known  []string // every family in the catalogue, sorted
}

func (e *UnknownFamilyError) Error() string {
	return fmt.Sprintf("catalog: unknown instance family %q; known families: %s",
		e.Family, strings.Join(e.Known, ", "))
}

// UnknownRegionError reports a region for which the catalogue holds no price.
type UnknownRegionError struct {
	Region string
	Known  []string // every region with at least one price, sorted
}

func (e *UnknownRegionError) Error() string {
	return fmt.Sprintf("catalog: unknown region %q; known regions: %s",
		e.Region, strings.Join(e.Known, ", "))
}

// NoPriceError reports a known instance type and known region without a
// price row for that pair. Add one with a user catalogue file.
type NoPriceError struct {
	InstanceType string
	Region       string
}

func (e *NoPriceError) Error() string {
	return fmt.Sprintf("catalog: no EC2 price for %s in %s (add an ec2.prices row in a user catalogue file)",
		e.InstanceType, e.Region)
}

// NoFargateRateError reports a Fargate platform (or Spot on it) that the
// catalogue cannot price in a region.
type NoFargateRateError struct {
	Region   string
	Platform Platform
	Spot     bool
	Reason   string
}

func (e *NoFargateRateError) Error() string {
	kind := "Fargate"
	if e.Spot {
		kind = "Fargate Spot"
	}
	return fmt.Sprintf("catalog: no %s rate for %s in %s: %s", kind, e.Platform, e.Region, e.Reason)
}

// InvalidFargateSizeError reports a task size Fargate does not accept. It
// lists what would be accepted so the message is actionable.
type InvalidFargateSizeError struct {
	OS          OS
	CPU         CPUUnits
	Memory      MiB
	ValidCPU    []CPUUnits // CPU values valid for OS (set when CPU itself is invalid)
	ValidMemory []MiB      // memory values valid for CPU on OS (set when CPU is valid)
	Reason      string
}

func (e *InvalidFargateSizeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog: invalid Fargate task size for %s: cpu %d, memory %d MiB: %s",
		e.OS, e.CPU, e.Memory, e.Reason)
	if len(e.ValidCPU) > 0 {
		b.WriteString("; valid cpu values: ")
		writeJoined(&b, e.ValidCPU)
	}
	if len(e.ValidMemory) > 0 {
		fmt.Fprintf(&b, "; valid memory (MiB) for cpu %d: ", e.CPU)
		writeJoined(&b, e.ValidMemory)
	}
	return b.String()
}

func writeJoined[T ~int64](b *strings.Builder, vs []T) {
	for i, v := range vs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%d", int64(v))
	}
}

// FileError reports a problem in a catalogue file: a syntax error (with its
// line), an unknown key, or failed validation (Err joins every problem, each
// naming its field path such as `ec2.instances[3] "m6i.large".vcpu`).
type FileError struct {
	File string // the name given to Parse or Overlay
	Line int    // 1-based line of a syntax error; 0 otherwise
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("catalog: %s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("catalog: %s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }
