package models

import (
	"fmt"
	"math"
)

// checkInvariants verifies the world's state when checks are on: no
// instance over-committed, every task counted in exactly one state, and
// time monotone. A violation stops the run: it is a bug.
func (w *World) checkInvariants() {
	if !w.check || w.failed != nil {
		return
	}
	now := w.now()
	if now < w.lastNow {
		w.fail("invariant: time went back from %v to %v", w.lastNow, now)
		return
	}
	w.lastNow = now
	var perState [numTaskStates]int
	for id := range w.tasks {
		t := &w.tasks[id]
		if !t.live {
			continue
		}
		if t.state >= Stopped {
			w.fail("invariant: live task %d is %v", id, t.state)
			return
		}
		perState[t.state]++
	}
	if perState != w.rec.stateCount {
		w.fail("invariant: tasks per state %v, but the counts say %v", perState, w.rec.stateCount)
		return
	}
	for id := range w.inst {
		in := &w.inst[id]
		if !in.live {
			continue
		}
		if err := w.checkInstance(int32(id)); err != nil {
			w.fail("invariant: %v", err)
			return
		}
	}
	if err := w.checkTallies(); err != nil {
		w.fail("invariant: %v", err)
		return
	}
	for _, s := range w.services {
		for _, id := range s.tasks {
			if t := &w.tasks[id]; !t.live || t.svc != s.idx {
				w.fail("invariant: service %s lists task %d, which is not its own", s.cfg.Name, id)
				return
			}
		}
	}
}

// checkInstance verifies an instance's reservations against its tasks and
// its registered capacity.
func (w *World) checkInstance(id int32) error {
	in := &w.inst[id]
	var cpu, mem int64
	nonDaemon := 0
	for _, tid := range in.tasks {
		t := &w.tasks[tid]
		if !t.live || t.inst != id {
			return fmt.Errorf("%s lists task %d, which is not on it", w.instanceName(id), tid)
		}
		d := w.defs[t.def]
		cpu += int64(d.cpu)
		mem += int64(d.mem)
		if !t.daemon {
			nonDaemon++
		}
	}
	switch {
	case cpu != int64(in.usedCPU) || mem != int64(in.usedMem):
		return fmt.Errorf("%s: reserved %d CPU / %d MiB, its tasks hold %d / %d", w.instanceName(id), in.usedCPU, in.usedMem, cpu, mem)
	case in.usedCPU > in.regCPU || in.usedMem > in.regMem:
		return fmt.Errorf("%s over-committed: %d/%d CPU units, %d/%d MiB", w.instanceName(id), in.usedCPU, in.regCPU, in.usedMem, in.regMem)
	case nonDaemon != in.nonDaemon:
		return fmt.Errorf("%s: %d non-daemon tasks counted, %d present", w.instanceName(id), in.nonDaemon, nonDaemon)
	}
	return nil
}

// checkCost verifies that the bill is the sum of its parts.
func (w *World) checkCost(r *Result) error {
	rep := &r.Cost
	var byKind, byProvider, byService float64
	for _, k := range rep.ByKind {
		byKind += k.USD
	}
	for _, p := range rep.ByProvider {
		byProvider += p.USD
	}
	for _, s := range rep.ByService {
		byService += s.USD
	}
	tol := 1e-9 * math.Max(1, rep.TotalUSD)
	for _, c := range []struct {
		name string
		v    float64
	}{{"kinds", byKind}, {"providers", byProvider}, {"services + unused", byService + rep.UnusedUSD}} {
		if math.Abs(c.v-rep.TotalUSD) > tol {
			return fmt.Errorf("invariant: cost by %s is %.9f USD, total %.9f USD", c.name, c.v, rep.TotalUSD)
		}
	}
	return nil
}
