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

// afterPoisson schedules h after an exponential delay at ratePerHour
// (the next event of a Poisson process) drawn from the named stream; it
// schedules nothing when that falls after the run.
func (w *World) afterPoisson(stream string, ratePerHour float64, h sim.Handler, arg int64) sim.EventID {
	d, ok := w.poissonDelay(stream, ratePerHour)
	if !ok {
		return sim.EventID{}
	}
	return w.eng.After(d, h, arg)
}

// poissonDelay draws an exponential delay at ratePerHour from the named
// stream and reports whether it falls before the end of the run.
func (w *World) poissonDelay(stream string, ratePerHour float64) (time.Duration, bool) {
	d := time.Duration(w.eng.Stream(stream).ExpFloat64() / ratePerHour * float64(time.Hour))
	return d, w.now().Add(d) < w.end
}

// taskFailHandler makes a running task fail (injected failures).
type taskFailHandler struct{ w *World }

func (h *taskFailHandler) Handle(_ sim.Time, arg int64) {
	t := &h.w.tasks[arg]
	t.failTimer = sim.EventID{}
	reason := "Essential container in task exited (injected failure)"
	if t.lbFailure {
		reason = "Task failed ELB health checks"
	}
	h.w.stopTask(int32(arg), reason)
}

// scheduleTaskFailure draws when a running service task fails: its
// container exits (FailureRatePerHour) or, behind a load balancer, it
// starts failing health checks, which count only after the health check
// grace period (ref §3.4). The earlier of the two wins.
func (w *World) scheduleTaskFailure(id int32) {
	t := &w.tasks[id]
	if t.svc < 0 {
		return
	}
	s := w.services[t.svc]
	r := w.eng.Stream("service/" + s.cfg.Name + "/failures")
	when := sim.Never
	if rate := s.cfg.FailureRatePerHour; rate > 0 {
		when = w.now().Add(time.Duration(r.ExpFloat64() / rate * float64(time.Hour)))
	}
	if lb := s.cfg.LoadBalancer; lb != nil && lb.HealthCheckFailuresPerHour > 0 {
		d := time.Duration(r.ExpFloat64() / lb.HealthCheckFailuresPerHour * float64(time.Hour))
		at := max(w.now().Add(d), t.runningAt.Add(s.cfg.HealthCheckGracePeriod))
		if at < when {
			when = at
			t.lbFailure = true
		}
	}
	if when < w.end {
		t.failTimer = w.eng.At(when, &w.h.taskFail, int64(id))
	}
}

// accountTaskTime adds a task's lifetime so far to its owner's task-hours.
func (w *World) accountTaskTime(t *task) {
	if t.svc >= 0 {
		w.services[t.svc].stats.taskSeconds += w.now().Sub(t.created).Seconds()
	}
}
