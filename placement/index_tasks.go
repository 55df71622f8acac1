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
	ch := change{group: e.tasks[t].group}
	e.detach(id, ch)
	e.unrun(t)
	e.evalExprs(id, true)
	e.attach(id, ch)
}

// unrun takes a running task out of its group's counts; the caller detaches
// and re-attaches its instance.
func (e *Index) unrun(t TaskID) {
	tk := &e.tasks[t]
	e.addRunning(tk.inst, t, -1)
	if tk.prio == PriorityStopFirst {
		e.removeFirst(t)
	}
	tk.stopping = true
	e.tcand[t] = -1
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
	wasRunning := !tk.stopping
	ch := change{rem: true, group: -1}
	if wasRunning {
		ch.group = tk.group
	}
	e.detach(id, ch)
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
	e.attach(id, ch)
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
	ch := change{group: tk.group}
	e.detach(id, ch)
	if tk.prio == PriorityNormal {
		e.setNormal(id, t, -1)
	} else if tk.prio == PriorityStopFirst {
		e.removeFirst(t)
	}
	tk.prio = p
	if p == PriorityNormal {
		e.setNormal(id, t, 1)
	} else if p == PriorityStopFirst {
		e.addFirst(t)
	}
	e.tcand[t] = -1
	if p == PriorityNormal {
		e.tcand[t] = tk.group
	}
	e.attach(id, ch)
	return nil
}
