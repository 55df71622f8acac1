package placement

import "fmt"

func (e *Index) task(t TaskID) (*ixTask, error) {
	if t < 0 || int(t) >= len(e.tasks) || !e.tasks[t].live {
		return nil, fmt.Errorf("task %d: %w", t, errNoTask)
	}
	return &e.tasks[t], nil
}

// StopTask implements Engine.
func (e *Index) StopTask(t TaskID) error {
	tk, err := e.task(t)
	if err != nil {
		return fmt.Errorf("stop task: %w", err)
	}
	if !tk.stopping {
		e.stop(t)
	}
	return nil
}

// stop marks a running task as stopping.
func (e *Index) stop(t TaskID) {
	id := e.tasks[t].inst
	e.detach(id)
	e.unrun(t)
	e.evalExprs(id, true)
	e.attach(id)
}

// unrun takes a running task out of its group's counts; the caller detaches
// and re-attaches its instance.
func (e *Index) unrun(t TaskID) {
	tk := &e.tasks[t]
	e.addRunning(tk.inst, tk.group, -1, tk.prio == PriorityNormal)
	if tk.prio == PriorityStopFirst {
		e.removeFirst(t)
	}
	tk.stopping = true
	if sc := e.groups[tk.group].sc; sc != nil {
		sc.tasks.remove(uint64(t))
	}
}

// RemoveTask implements Engine.
func (e *Index) RemoveTask(t TaskID) error {
	tk, err := e.task(t)
	if err != nil {
		return fmt.Errorf("remove task: %w", err)
	}
	id := tk.inst
	m := &e.meta[id]
	e.detach(id)
	wasRunning := !tk.stopping
	if wasRunning {
		e.unrun(t)
	}
	e.rem[id] = e.rem[id].Add(tk.res)
	if len(tk.ports) > 0 {
		m.ports = removePorts(m.ports, tk.ports)
	}
	m.tasks = removeHeld(m.tasks, t)
	if wasRunning {
		e.evalExprs(id, true)
	}
	e.attach(id)
	*tk = ixTask{ports: tk.ports[:0]}
	e.taskIDs.put(int32(t))
	return nil
}

// SetTaskPriority implements Engine.
func (e *Index) SetTaskPriority(t TaskID, p Priority) error {
	tk, err := e.task(t)
	if err != nil {
		return fmt.Errorf("set task priority: %w", err)
	}
	if p > PriorityProtected {
		return fmt.Errorf("set task priority of task %d: unknown priority %d", t, p)
	}
	if tk.stopping || tk.prio == p {
		tk.prio = p
		return nil
	}
	id := tk.inst
	e.detach(id)
	switch tk.prio {
	case PriorityNormal:
		e.setNormal(id, tk.group, -1)
	case PriorityStopFirst:
		e.removeFirst(t)
	}
	tk.prio = p
	switch p {
	case PriorityNormal:
		e.setNormal(id, tk.group, 1)
	case PriorityStopFirst:
		e.addFirst(t)
	}
	e.attach(id)
	return nil
}
