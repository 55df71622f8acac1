package models

import (
	"fmt"

	"github.com/ecsim/ecsim/sim"
)

// taskTally is a service's task counts that the once-a-step pass reads,
// kept up to date on every change of a task's state or stop request so the
// step does not walk every task of every service (1,000 services × 60
// steps an hour). checkTallies recomputes them from the tasks whenever the
// invariants are checked (always in tests).
type taskTally struct {
	// pending: before RUNNING and not stopping (the desired-but-not-yet
	// running tasks ECS reports as pendingCount).
	pending int
	// running: RUNNING and not stopping.
	running int
	// runCPU and runMem are the CPU units and MiB reserved by the running
	// EC2 tasks (on an instance), per provider index; integers, so the
	// sums are exact whatever the order of changes.
	runCPU, runMem []int64
	// healthyBy bounds the health deadlines of the running tasks: at or
	// after it every running task is healthy. It only grows (a stopped
	// task's deadline may keep it later than needed, which costs a walk
	// of the tasks, never a wrong count).
	healthyBy sim.Time
}

func newTaskTally(providers int) taskTally {
	return taskTally{runCPU: make([]int64, providers), runMem: make([]int64, providers)}
}

// tally adds (sign +1) or removes (sign −1) task id's contribution to its
// service's counts. Call it with −1 before and +1 after any change of the
// task's state, stop request or service.
func (w *World) tally(id int32, sign int) {
	t := &w.tasks[id]
	if t.svc < 0 || t.stopReq {
		return
	}
	c := &w.services[t.svc].tally
	switch {
	case t.state < Running:
		c.pending += sign
	case t.state == Running:
		c.running += sign
		if t.inst >= 0 {
			d := w.defs[t.def]
			c.runCPU[t.prov] += int64(sign) * int64(d.cpu)
			c.runMem[t.prov] += int64(sign) * int64(d.mem)
		}
	}
}

// noteHealthyAt records a running task's health deadline.
func (w *World) noteHealthyAt(t *task) {
	if t.svc >= 0 {
		c := &w.services[t.svc].tally
		c.healthyBy = max(c.healthyBy, t.healthyAt)
	}
}

// servingCount is the running tasks that get requests: behind a load
// balancer only healthy targets do.
func (w *World) servingCount(s *service) int {
	now := w.now()
	if !s.behindLB || now >= s.tally.healthyBy {
		return s.tally.running
	}
	n := 0
	for _, id := range s.tasks {
		if t := &w.tasks[id]; t.state == Running && !t.stopReq && now >= t.healthyAt {
			n++
		}
	}
	return n
}

// checkTallies recomputes every service's tally from its tasks.
func (w *World) checkTallies() error {
	for _, s := range w.services {
		want := newTaskTally(len(w.providers))
		now := w.now()
		for _, id := range s.tasks {
			t := &w.tasks[id]
			if t.stopReq {
				continue
			}
			switch {
			case t.state < Running:
				want.pending++
			case t.state == Running:
				want.running++
				if now < t.healthyAt && t.healthyAt > s.tally.healthyBy {
					return fmt.Errorf("service %s: task %d turns healthy at %v, after the tally's bound %v",
						s.cfg.Name, id, t.healthyAt, s.tally.healthyBy)
				}
				if t.inst >= 0 {
					d := w.defs[t.def]
					want.runCPU[t.prov] += int64(d.cpu)
					want.runMem[t.prov] += int64(d.mem)
				}
			}
		}
		got := &s.tally
		if got.pending != want.pending || got.running != want.running {
			return fmt.Errorf("service %s: tally says %d pending / %d running, its tasks %d / %d",
				s.cfg.Name, got.pending, got.running, want.pending, want.running)
		}
		for p := range want.runCPU {
			if got.runCPU[p] != want.runCPU[p] || got.runMem[p] != want.runMem[p] {
				return fmt.Errorf("service %s: tally says %d CPU / %d MiB running on %s, its tasks %d / %d",
					s.cfg.Name, got.runCPU[p], got.runMem[p], w.providers[p].name, want.runCPU[p], want.runMem[p])
			}
		}
	}
	return nil
}
