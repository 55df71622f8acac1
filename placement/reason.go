package placement

import (
	"fmt"
	"strings"
)

// Reason is why an instance cannot take a task, named as ECS names it in
// RunTask failures and service events where ECS has a name.
//
// The checks run in the order of the constants below (the placement
// pipeline); an instance is counted under the first check it fails.
type Reason uint8

const (
	// ReasonNone means no failure.
	ReasonNone Reason = iota
	// ReasonDraining: the instance is not ACTIVE. Not an ECS failure string
	// (ECS simply does not consider such instances); counted so that the
	// counts cover every registered instance.
	ReasonDraining
	// ReasonAgent: the instance's agent is disconnected ("AGENT").
	ReasonAgent
	// ReasonAttribute: a required attribute (architecture, OS, subnet…) is
	// missing or different ("ATTRIBUTE").
	ReasonAttribute
	ReasonCPU      // RESOURCE:CPU
	ReasonMemory   // RESOURCE:MEMORY
	ReasonGPU      // RESOURCE:GPU (by analogy; not confirmed by AWS)
	ReasonPortsTCP // RESOURCE:PORTS_TCP
	ReasonPortsUDP // RESOURCE:PORTS_UDP
	ReasonENI      // RESOURCE:ENI
	// ReasonMemberOf: a memberOf constraint excludes the instance.
	ReasonMemberOf
	// ReasonDistinctInstance: the instance already runs a task of the group.
	ReasonDistinctInstance
	// ReasonNoActiveInstances is only a primary reason: the cluster has no
	// ACTIVE instance ("NO ACTIVE INSTANCES").
	ReasonNoActiveInstances
	// NumReasons is the number of reasons (the length of Failure.Counts).
	NumReasons
)

var reasonNames = [NumReasons]string{
	ReasonNone:              "",
	ReasonDraining:          "DRAINING",
	ReasonAgent:             "AGENT",
	ReasonAttribute:         "ATTRIBUTE",
	ReasonCPU:               "RESOURCE:CPU",
	ReasonMemory:            "RESOURCE:MEMORY",
	ReasonGPU:               "RESOURCE:GPU",
	ReasonPortsTCP:          "RESOURCE:PORTS_TCP",
	ReasonPortsUDP:          "RESOURCE:PORTS_UDP",
	ReasonENI:               "RESOURCE:ENI",
	ReasonMemberOf:          "MemberOf",
	ReasonDistinctInstance:  "DistinctInstance",
	ReasonNoActiveInstances: "NO ACTIVE INSTANCES",
}

// String returns the ECS name of the reason.
func (r Reason) String() string {
	if r < NumReasons {
		return reasonNames[r]
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// Failure reports why the tasks of a request were not all placed. The zero
// Failure means every task was placed; its other fields are meaningful only
// when Failed reports true.
type Failure struct {
	// Reason is the primary reason: the last pipeline check that rejected any
	// instance, i.e. the check that removed the last candidates; or
	// ReasonNoActiveInstances when no instance is ACTIVE and connected.
	Reason Reason
	// Unplaced is how many tasks of the request were not placed.
	Unplaced int
	// Counts holds, per reason, how many instances failed that check first
	// when the first unplaced task was tried.
	Counts [NumReasons]int32
	// Closest is the instance that passed the most checks (the lowest ID
	// among equals), like the "closest matching container-instance" of ECS
	// service events; NoInstance when no instance is registered.
	Closest InstanceID
}

// Failed reports whether some task was not placed.
func (f Failure) Failed() bool { return f.Unplaced > 0 }

// String formats the failure as "RESOURCE:MEMORY (2 unplaced; RESOURCE:CPU 3, RESOURCE:MEMORY 7; closest instance 4)".
func (f Failure) String() string {
	if !f.Failed() {
		return "placed"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d unplaced", f.Reason, f.Unplaced)
	sep := "; "
	for r := ReasonDraining; r < NumReasons; r++ {
		if f.Counts[r] > 0 {
			fmt.Fprintf(&b, "%s%s %d", sep, r, f.Counts[r])
			sep = ", "
		}
	}
	if f.Closest != NoInstance {
		fmt.Fprintf(&b, "; closest instance %d", f.Closest)
	}
	b.WriteString(")")
	return b.String()
}

// Trace receives, when a placement fails, the reason each instance was
// rejected for the first unplaced task. It is never called on success.
type Trace interface {
	Reject(id InstanceID, r Reason)
}

// failureTally accumulates reason counts during a failure scan.
type failureTally struct {
	f       Failure
	best    Reason // latest pipeline stage reached by Closest
	active  int
	present int
}

func newTally(unplaced int) failureTally {
	return failureTally{f: Failure{Unplaced: unplaced, Closest: NoInstance}}
}

// add records that instance id failed check r. Instances are visited in
// increasing ID order, so the first instance reaching a stage wins ties.
func (t *failureTally) add(id InstanceID, r Reason) {
	t.present++
	t.f.Counts[r]++
	if r > ReasonAgent {
		t.active++
	}
	if t.f.Closest == NoInstance || r > t.best {
		t.f.Closest, t.best = id, r
	}
}

func (t *failureTally) result() Failure {
	if t.active == 0 {
		t.f.Reason = ReasonNoActiveInstances
		return t.f
	}
	for r := NumReasons - 1; r > ReasonNone; r-- {
		if t.f.Counts[r] > 0 {
			t.f.Reason = r
			break
		}
	}
	return t.f
}
