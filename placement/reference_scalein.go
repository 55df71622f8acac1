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
// stage by stage; ties are broken among the group's running tasks.
func (r *Reference) victim(req *ScaleInRequest) (TaskID, bool) {
	clear(r.memo)
	var cands, universe []TaskID
	first := false
	for i := range r.tasks {
		ti := &r.tasks[i].info
		if !r.tasks[i].live || ti.Stopping || ti.Group != req.Group {
			continue
		}
		universe = append(universe, TaskID(i))
		if ti.Priority == PriorityProtected {
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
		cands = r.keepBestStop(s, cands)
	}
	t := breakTieRanked(r.seed, r.seq, r.cfg.draws(), int32(len(universe)), refTaskTie{cands, universe})
	r.seq++
	return TaskID(t), true
}

// keepBestStop keeps the candidates with the highest stop rank under s.
func (r *Reference) keepBestStop(s Strategy, cands []TaskID) []TaskID {
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
	return kept
}

// refTaskTie is a sorted tie set within the sorted universe of the group's
// running tasks.
type refTaskTie struct{ tie, universe sortedTaskIDs }

func (t refTaskTie) contains(id int32) bool  { return t.tie.contains(id) }
func (t refTaskTie) firstFrom(r int32) int32 { return t.tie.firstFrom(r) }
func (t refTaskTie) at(j int32) int32        { return int32(t.universe[j]) }

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
