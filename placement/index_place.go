package placement

import (
	"fmt"
	"slices"
)

// ixReq is a request compiled for the Index.
type ixReq struct {
	tn   taskNeeds
	gi   int32
	g    *ixGroup
	plan *plan
}

func (e *Index) compile(req *Request) (*ixReq, error) {
	tn, err := req.compile(e.portBuf)
	e.portBuf = tn.ports
	if err != nil {
		return nil, err
	}
	rq := &e.s.req
	*rq = ixReq{tn: tn, plan: e.planFor(tn.policy), gi: e.groupIndex(tn.group)}
	rq.g = e.groups[rq.gi]
	return rq, nil
}

// Place implements Engine.
func (e *Index) Place(dst []Placement, req *Request, count int) ([]Placement, Failure, error) {
	rq, err := e.compile(req)
	if err != nil {
		return dst, Failure{}, fmt.Errorf("place: %w", err)
	}
	if err := checkCount(count); err != nil {
		return dst, Failure{}, fmt.Errorf("place: %w", err)
	}
	if err := e.checkFits(rq.tn.need); err != nil {
		return dst, Failure{}, fmt.Errorf("place %s: %w", rq.tn.group, err)
	}
	for k := 0; k < count; k++ {
		id, ok := e.decide(rq)
		if !ok {
			return dst, e.failure(rq, count-k), nil
		}
		dst = append(dst, Placement{Task: e.addTask(id, rq), Instance: id})
	}
	return dst, Failure{}, nil
}

// PlaceOn implements Engine.
func (e *Index) PlaceOn(id InstanceID, req *Request) (TaskID, Failure, error) {
	rq, err := e.compile(req)
	if err != nil {
		return NoTask, Failure{}, fmt.Errorf("place on instance %d: %w", id, err)
	}
	if _, err := e.instance(id); err != nil {
		return NoTask, Failure{}, fmt.Errorf("place on: %w", err)
	}
	if reason := e.reject(id, rq); reason != ReasonNone {
		if e.trace != nil {
			e.trace.Reject(id, reason)
		}
		f := Failure{Reason: reason, Unplaced: 1, Closest: id}
		f.Counts[reason] = 1
		return NoTask, f, nil
	}
	return e.addTask(id, rq), Failure{}, nil
}

// checkFits returns an error when no registered instance could hold need
// even empty. It looks at the distinct registered capacities only.
func (e *Index) checkFits(need Resources) error {
	if len(e.caps) == 0 {
		return nil
	}
	var largest Resources
	for _, c := range e.caps {
		if c.res.Covers(need) {
			return nil
		}
		largest = Resources{max(largest.CPU, c.res.CPU), max(largest.Memory, c.res.Memory),
			max(largest.GPU, c.res.GPU), max(largest.ENI, c.res.ENI)}
	}
	return errTooLarge(need, largest)
}

// capCount is one distinct registered capacity and how many instances have it.
type capCount struct {
	res Resources
	n   int32
}

func (e *Index) countCapacity(c Resources, d int32) {
	for i := range e.caps {
		if e.caps[i].res == c {
			e.caps[i].n += d
			if e.caps[i].n == 0 {
				e.caps = slices.Delete(e.caps, i, i+1)
			}
			return
		}
	}
	e.caps = append(e.caps, capCount{res: c, n: d})
}

// reject runs the placement pipeline on one present instance, in the order
// Reference.check uses, and returns the first failed check or ReasonNone.
func (e *Index) reject(id InstanceID, rq *ixReq) Reason {
	m := &e.meta[id]
	switch {
	case m.status != StatusActive:
		return ReasonDraining
	case !m.connected:
		return ReasonAgent
	}
	return e.rejectRest(id, rq)
}

// rejectRest is reject for an instance known to be ACTIVE and connected.
func (e *Index) rejectRest(id InstanceID, rq *ixReq) Reason {
	p := rq.plan
	for _, c := range p.requires {
		if !c.bits.has(int32(id)) {
			return ReasonAttribute
		}
	}
	rem, need := e.rem[id], rq.tn.need
	switch {
	case rem.CPU < need.CPU:
		return ReasonCPU
	case rem.Memory < need.Memory:
		return ReasonMemory
	case rem.GPU < need.GPU:
		return ReasonGPU
	}
	if len(rq.tn.ports) > 0 {
		if r := portConflict(e.meta[id].ports, rq.tn.ports, rq.tn.portReason); r != ReasonNone {
			return r
		}
	}
	if rem.ENI < need.ENI {
		return ReasonENI
	}
	for i := range p.cons {
		c := &p.cons[i]
		var ok bool
		switch c.kind {
		case ckExpr:
			ok = c.cache.bits.has(int32(id))
		case ckDistinct:
			ok = e.groupCount(id, rq.gi) == 0
		default:
			ok = c.c.Allows(e, rq.tn.group, id)
		}
		if !ok {
			return c.c.Reason()
		}
	}
	return ReasonNone
}

// fits reports whether instance id can take a task of rq.
func (e *Index) fits(id InstanceID, rq *ixReq) bool {
	return e.ok[id] && e.rejectRest(id, rq) == ReasonNone
}

// failure scans every instance for the reasons the task cannot be placed.
func (e *Index) failure(rq *ixReq, unplaced int) Failure {
	t := newTally(unplaced)
	for i := range e.meta {
		if !e.meta[i].present {
			continue
		}
		id := InstanceID(i)
		reason := e.reject(id, rq)
		t.add(id, reason)
		if e.trace != nil {
			e.trace.Reject(id, reason)
		}
	}
	return t.result()
}

// addTask records a new running task of rq on instance id.
func (e *Index) addTask(id InstanceID, rq *ixReq) TaskID {
	t := TaskID(e.taskIDs.get())
	for int(t) >= len(e.tasks) {
		e.tasks = append(e.tasks, ixTask{})
		e.tcand = append(e.tcand, -1)
	}
	tk := &e.tasks[t]
	ports := append(tk.ports[:0], rq.tn.ports...)
	*tk = ixTask{live: true, inst: id, group: rq.gi, fpos: -1, res: rq.tn.need, ports: ports}
	m := &e.meta[id]
	ch := change{rem: true, group: rq.gi}
	e.detach(id, ch)
	e.rem[id] = e.rem[id].Sub(rq.tn.need)
	if len(ports) > 0 {
		m.ports = addPorts(m.ports, ports)
	}
	m.tasks = append(m.tasks, t)
	e.addRunning(id, t, 1)
	e.tcand[t] = rq.gi
	e.evalExprs(id, true)
	e.attach(id, ch)
	if sc := rq.g.sc; sc != nil {
		sc.tasks.insert(uint64(t), Resources{})
	}
	return t
}

// removeHeld deletes t from its instance's held-task list.
func removeHeld(list []TaskID, t TaskID) []TaskID {
	i := slices.Index(list, t)
	list[i] = list[len(list)-1]
	return list[:len(list)-1]
}
