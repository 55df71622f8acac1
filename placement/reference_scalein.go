package placement

import (
	"fmt"
	"slices"
)

func (r *Reference) task(t TaskID) (*refTask, error) {
	if t < 0 || int(t) >= len(r.tasks) || !r.tasks[t].live {
		return nil, fmt.Errorf("task %d: %w", t, errNoTask)
	}
	return &r.tasks[t], nil
}

// StopTask implements Engine.
func (r *Reference) StopTask(t TaskID) error {
	rt, err := r.task(t)
	if err != nil {
		return fmt.Errorf("stop task: %w", err)
	}
	rt.info.Stopping = true
	return nil
}

// RemoveTask implements Engine.
func (r *Reference) RemoveTask(t TaskID) error {
	rt, err := r.task(t)
	if err != nil {
		return fmt.Errorf("remove task: %w", err)
	}
	in := &r.insts[rt.info.Instance]
	in.used = in.used.Sub(rt.info.Resources)
	in.ports = removePorts(in.ports, rt.ports)
	i := slices.Index(in.tasks, t)
	in.tasks = slices.Delete(in.tasks, i, i+1)
	*rt = refTask{}
	r.ids.put(int32(t))
	return nil
}

// SetTaskPriority implements Engine.
func (r *Reference) SetTaskPriority(t TaskID, p Priority) error {
	rt, err := r.task(t)
	if err != nil {
		return fmt.Errorf("set task priority: %w", err)
	}
	if p > PriorityProtected {
		return fmt.Errorf("set task priority of task %d: unknown priority %d", t, p)
	}
	rt.info.Priority = p
	return nil
}

// ScaleIn implements Engine.
func (r *Reference) ScaleIn(dst []TaskID, req *ScaleInRequest, count int) ([]TaskID, error) {
	if err := req.validate(); err != nil {
		return dst, fmt.Errorf("scale in: %w", err)
	}
	if err := checkCount(count); err != nil {
		return dst, fmt.Errorf("scale in: %w", err)
	}
	for k := 0; k < count; k++ {
		t, ok := r.victim(req)
		if !ok {
			break
		}
		r.tasks[t].info.Stopping = true
		dst = append(dst, t)
	}
	return dst, nil
}

// victim chooses the next task of the group to stop: stop-first tasks if the
// group has any, otherwise normal ones; the chain keeps the highest stop rank
// stage by stage; ties are broken over task IDs.
func (r *Reference) victim(req *ScaleInRequest) (TaskID, bool) {
	clear(r.memo)
	var cands []TaskID
	first := false
	for i := range r.tasks {
		ti := &r.tasks[i].info
		if !r.tasks[i].live || ti.Stopping || ti.Group != req.Group || ti.Priority == PriorityProtected {
			continue
		}
		if isFirst := ti.Priority == PriorityStopFirst; isFirst && !first {
			first, cands = true, cands[:0]
		} else if first && !isFirst {
			continue
		}
		cands = append(cands, TaskID(i))
	}
	if len(cands) == 0 {
		return NoTask, false
	}
	for _, s := range req.Policy.strategies {
		if !s.Ranked() {
			break
		}
		best := s.StopRank(r, r.tasks[cands[0]].info)
		kept := cands[:1]
		for _, t := range cands[1:] {
			switch rank := s.StopRank(r, r.tasks[t].info); {
			case rank > best:
				best, kept = rank, append(kept[:0], t)
			case rank == best:
				kept = append(kept, t)
			}
		}
		cands = kept
	}
	t := breakTie(r.seed, r.seq, r.cfg.draws(), r.ids.space(), sortedTaskIDs(cands))
	r.seq++
	return TaskID(t), true
}

// sortedTaskIDs is a tie set of increasing task IDs.
type sortedTaskIDs []TaskID

func (s sortedTaskIDs) contains(id int32) bool {
	_, ok := slices.BinarySearch(s, TaskID(id))
	return ok
}

func (s sortedTaskIDs) firstFrom(x int32) int32 {
	i, _ := slices.BinarySearch(s, TaskID(x))
	if i == len(s) {
		i = 0
	}
	return int32(s[i])
}
