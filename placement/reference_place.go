package placement

import (
	"fmt"
	"slices"
)

// Place implements Engine.
func (r *Reference) Place(dst []Placement, req *Request, count int) ([]Placement, Failure, error) {
	tn, err := req.compile(r.portBuf)
	r.portBuf = tn.ports
	if err != nil {
		return dst, Failure{}, fmt.Errorf("place: %w", err)
	}
	if err := checkCount(count); err != nil {
		return dst, Failure{}, fmt.Errorf("place: %w", err)
	}
	if err := r.checkFits(tn.need); err != nil {
		return dst, Failure{}, fmt.Errorf("place %s: %w", tn.group, err)
	}
	for k := 0; k < count; k++ {
		id, ok := r.decide(&tn)
		if !ok {
			return dst, r.failure(&tn, count-k), nil
		}
		dst = append(dst, Placement{Task: r.addTask(id, &tn), Instance: id})
	}
	return dst, Failure{}, nil
}

// PlaceOn implements Engine.
func (r *Reference) PlaceOn(id InstanceID, req *Request) (TaskID, Failure, error) {
	tn, err := req.compile(r.portBuf)
	r.portBuf = tn.ports
	if err != nil {
		return NoTask, Failure{}, fmt.Errorf("place on instance %d: %w", id, err)
	}
	if _, err := r.inst(id); err != nil {
		return NoTask, Failure{}, fmt.Errorf("place on: %w", err)
	}
	clear(r.memo)
	if reason := r.check(id, &tn); reason != ReasonNone {
		if r.trace != nil {
			r.trace.Reject(id, reason)
		}
		f := Failure{Reason: reason, Unplaced: 1, Closest: id}
		f.Counts[reason] = 1
		return NoTask, f, nil
	}
	return r.addTask(id, &tn), Failure{}, nil
}

// checkFits returns an error when no registered instance could hold need
// even empty.
func (r *Reference) checkFits(need Resources) error {
	var largest Resources
	any := false
	for i := range r.insts {
		in := &r.insts[i]
		if !in.present {
			continue
		}
		any = true
		if in.spec.Capacity.Covers(need) {
			return nil
		}
		c := in.spec.Capacity
		largest = Resources{max(largest.CPU, c.CPU), max(largest.Memory, c.Memory), max(largest.GPU, c.GPU), max(largest.ENI, c.ENI)}
	}
	if !any {
		return nil
	}
	return errTooLarge(need, largest)
}

// check runs the placement pipeline on one instance and returns the first
// check it fails, or ReasonNone.
func (r *Reference) check(id InstanceID, tn *taskNeeds) Reason {
	in := &r.insts[id]
	switch {
	case in.status != StatusActive:
		return ReasonDraining
	case !in.connected:
		return ReasonAgent
	}
	for _, e := range tn.policy.requires {
		if !e.Eval(r.Env(id)) {
			return ReasonAttribute
		}
	}
	rem := in.spec.Capacity.Sub(in.used)
	switch {
	case rem.CPU < tn.need.CPU:
		return ReasonCPU
	case rem.Memory < tn.need.Memory:
		return ReasonMemory
	case rem.GPU < tn.need.GPU:
		return ReasonGPU
	}
	if p := portConflict(in.ports, tn.ports, tn.portReason); p != ReasonNone {
		return p
	}
	if rem.ENI < tn.need.ENI {
		return ReasonENI
	}
	for _, c := range tn.policy.constraints {
		if !c.Allows(r, tn.group, id) {
			return c.Reason()
		}
	}
	return ReasonNone
}

// decide chooses the instance for one task: filter, apply the chain, break ties.
func (r *Reference) decide(tn *taskNeeds) (InstanceID, bool) {
	clear(r.memo)
	var cands []InstanceID
	for i := range r.insts {
		if r.insts[i].present && r.check(InstanceID(i), tn) == ReasonNone {
			cands = append(cands, InstanceID(i))
		}
	}
	if len(cands) == 0 {
		return NoInstance, false
	}
	for _, s := range tn.policy.strategies {
		if !s.Ranked() {
			break
		}
		best := s.PlaceRank(r, tn.group, tn.need, cands[0])
		kept := cands[:1]
		for _, id := range cands[1:] {
			switch rank := s.PlaceRank(r, tn.group, tn.need, id); {
			case rank < best:
				best, kept = rank, append(kept[:0], id)
			case rank == best:
				kept = append(kept, id)
			}
		}
		cands = kept
	}
	id := breakTie(r.seed, r.seq, r.cfg.draws(), r.space, sortedIDs(cands))
	r.seq++
	return InstanceID(id), true
}

// failure scans every instance for the reasons the task cannot be placed.
func (r *Reference) failure(tn *taskNeeds, unplaced int) Failure {
	clear(r.memo)
	t := newTally(unplaced)
	for i := range r.insts {
		if !r.insts[i].present {
			continue
		}
		reason := r.check(InstanceID(i), tn)
		t.add(InstanceID(i), reason)
		if r.trace != nil {
			r.trace.Reject(InstanceID(i), reason)
		}
	}
	return t.result()
}

// addTask records a new running task of tn on id.
func (r *Reference) addTask(id InstanceID, tn *taskNeeds) TaskID {
	t := TaskID(r.ids.get())
	for int(t) >= len(r.tasks) {
		r.tasks = append(r.tasks, refTask{})
	}
	r.tasks[t] = refTask{live: true, ports: slices.Clone(tn.ports),
		info: TaskInfo{ID: t, Instance: id, Group: tn.group, Resources: tn.need}}
	in := &r.insts[id]
	in.used = in.used.Add(tn.need)
	in.ports = addPorts(in.ports, tn.ports)
	in.tasks = append(in.tasks, t)
	return t
}

// sortedIDs is a tie set of increasing IDs.
type sortedIDs []InstanceID

func (s sortedIDs) contains(id int32) bool {
	_, ok := slices.BinarySearch(s, InstanceID(id))
	return ok
}

func (s sortedIDs) firstFrom(x int32) int32 {
	i, _ := slices.BinarySearch(s, InstanceID(x))
	if i == len(s) {
		i = 0
	}
	return int32(s[i])
}
