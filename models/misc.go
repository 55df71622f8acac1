package models

import (
	"time"

	"github.com/ecsim/ecsim/sim"
)

// sample draws a duration from d on the named stream.
func (w *World) sample(stream string, d Dist) time.Duration {
	if d.Kind == DistFixed {
		return d.Value // no draw: fixed timings never touch a stream
	}
	return d.Sample(w.eng.Stream(stream))
}

// taskFailHandler makes a running task fail (injected failures).
type taskFailHandler struct{ w *World }

func (h *taskFailHandler) Handle(_ sim.Time, arg int64) {
	h.w.tasks[arg].failTimer = sim.EventID{}
	h.w.stopTask(int32(arg), "Essential container in task exited (injected failure)")
}

// scheduleTaskFailure draws when a running service task fails.
func (w *World) scheduleTaskFailure(id int32) {
	t := &w.tasks[id]
	if t.svc < 0 {
		return
	}
	s := w.services[t.svc]
	rate := s.cfg.FailureRatePerHour
	if rate <= 0 {
		return
	}
	d := time.Duration(w.eng.Stream("service/"+s.cfg.Name+"/failures").ExpFloat64() / rate * float64(time.Hour))
	if w.now().Add(d) < w.end {
		t.failTimer = w.eng.After(d, &w.h.taskFail, int64(id))
	}
}

// accountTaskTime adds a task's lifetime so far to its owner's task-hours.
func (w *World) accountTaskTime(t *task) {
	if t.svc >= 0 {
		w.services[t.svc].stats.taskSeconds += w.now().Sub(t.created).Seconds()
	}
}
