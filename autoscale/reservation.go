package autoscale

import "math"

// CPUUnits is ECS CPU units (1 vCPU = 1024).
type CPUUnits int

// MiB is mebibytes of memory.
type MiB int

// Resources are the dimensions cluster auto scaling binpacks on
// (ref §5.3: vCPU, memory, ENIs, ports, GPUs). For a task they are its
// needs; for an instance type what a fresh instance offers to tasks.
type Resources struct {
	CPU    CPUUnits
	Memory MiB
	// ENIs: a task in awsvpc mode needs 1; an instance offers its task ENI
	// slots (maxENIs − 1, or the trunking limit).
	ENIs int
	GPUs int
	// Ports: a task's number of static host ports (two copies of it cannot
	// share an instance); an instance's number of free host ports.
	Ports int
}

// fits reports whether one task needing r fits an instance offering o.
func (r Resources) fits(o Resources) bool {
	return r.CPU <= o.CPU && r.Memory <= o.Memory && r.ENIs <= o.ENIs && r.GPUs <= o.GPUs && r.Ports <= o.Ports
}

// perInstance is how many tasks needing r fit on one fresh instance
// offering o (identical tasks, so greedy binpacking is exact).
func (r Resources) perInstance(o Resources) int {
	n := math.MaxInt
	limit := func(need, offer int) {
		if need > 0 {
			n = min(n, offer/need)
		}
	}
	limit(int(r.CPU), int(o.CPU))
	limit(int(r.Memory), int(o.Memory))
	limit(r.ENIs, o.ENIs)
	limit(r.GPUs, o.GPUs)
	if r.Ports > 0 { // the same static host ports: one copy per instance
		n = min(n, 1, o.Ports/r.Ports)
	}
	return n
}

// TaskGroup is a number of PROVISIONING tasks with identical needs.
type TaskGroup struct {
	Count int
	Needs Resources
}

// InstanceShape is one instance type of the Auto Scaling group.
type InstanceShape struct {
	InstanceType string
	Offers       Resources
}

// shapeBounds returns the smallest and largest value of each parameter
// over the shapes. ref §5.3 [S18]: "The smallest and the largest instance
// types for each parameter are selected."
func shapeBounds(shapes []InstanceShape) (small, large Resources) {
	small, large = shapes[0].Offers, shapes[0].Offers
	for _, s := range shapes[1:] {
		o := s.Offers
		small = Resources{min(small.CPU, o.CPU), min(small.Memory, o.Memory), min(small.ENIs, o.ENIs), min(small.GPUs, o.GPUs), min(small.Ports, o.Ports)}
		large = Resources{max(large.CPU, o.CPU), max(large.Memory, o.Memory), max(large.ENIs, o.ENIs), max(large.GPUs, o.GPUs), max(large.Ports, o.Ports)}
	}
	return small, large
}

// Reservation is a CapacityProviderReservation computation. ref §5.3.
type Reservation struct {
	// CPR is the published CapacityProviderReservation, in percent.
	CPR float64
	// M is the number of instances needed ("including tasks already
	// running as well as tasks the customer is trying to run").
	M int
	// Extra is the instances to add for PROVISIONING tasks after the step
	// sizes; Incompatible counts PROVISIONING tasks that fit no instance
	// type of the group (they stay PROVISIONING and trigger nothing).
	Extra, Incompatible int
}

// reserve computes M and CPR exactly as the reference's §5.3 pseudocode.
func (ms *ManagedScaling) reserve(in CapacityInput) Reservation {
	n := in.Instances
	var r Reservation
	provisioning := 0
	for _, g := range in.Provisioning {
		provisioning += g.Count
		if g.Count <= 0 {
			continue
		}
		// ref §5.3 [S18] step 2: a group needing more than the smallest
		// type is "not compatible" and excluded.
		if !g.Needs.fits(ms.small) {
			r.Incompatible += g.Count
			continue
		}
		// step 3: binpack the group; the largest type gives the count
		// (modelling choice: groups are packed separately and summed).
		per := g.Needs.perInstance(ms.large)
		r.Extra += (g.Count + per - 1) / per
	}
	switch {
	case provisioning > 0 && r.Extra == 0:
		// ref §5.3 [S18]: all groups incompatible ⇒ CPR stays at targetCapacity.
		r.M, r.CPR = n, float64(ms.target)
		return r
	case provisioning > 0:
		// step 4: at least minimumScalingStepSize, at most maximumScalingStepSize.
		if r.Extra < ms.minStep {
			r.Extra = ms.minStep
		} else {
			r.Extra = min(ms.maxStep, r.Extra)
		}
		r.M = n + r.Extra
	default:
		r.M = in.BusyInstances // ref §5.3: only instances with non-daemon tasks are needed
	}
	switch {
	case n == 0 && r.M == 0: // ref §5.3 [S50]: M = 0 and N = 0 ⇒ 100
		r.CPR = 100
	case n == 0: // ref §5.3 [S50][S24 #1716]: M > 0 and N = 0 ⇒ 200
		r.CPR = 200
	default:
		r.CPR = 100 * float64(r.M) / float64(n)
	}
	return r
}
