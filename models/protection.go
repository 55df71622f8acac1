package models

import (
	"math"

	"github.com/ecsim/ecsim/placement"
)

// Task scale-in protection (ref §1.7, [S52]): a protected task is not
// stopped by a service scale-in or a deployment (nor, here, by AZ
// rebalancing); ECS waits until the protection is lifted. The canonical
// use is a queue worker that protects itself while it processes messages,
// through the agent's task protection endpoint. ServiceConfig.
// ProtectWhileBusy models that for a worker service: every step, each
// RUNNING task is protected with the probability that it has a message in
// flight, 1 − (1 − busy)^concurrency (modelling choice: its concurrency
// slots busy independently at the worker's utilisation), drawn afresh. The
// protection's expiry (2 h by default) is not modelled: a worker renews it
// with every message.

// protectWorkers redraws the protection of a worker service's running
// tasks after a step whose utilisation was busy (0–1).
func (w *World) protectWorkers(s *service, busy float64) {
	conc := max(s.cfg.Worker.Queue.Concurrency, 1)
	p := 1 - math.Pow(1-min(max(busy, 0), 1), float64(conc))
	rng := w.eng.Stream("service/" + s.cfg.Name + "/protection")
	changed := false
	for _, id := range s.tasks {
		t := &w.tasks[id]
		if t.state != Running || t.stopReq {
			continue
		}
		if on := rng.Float64() < p; on != t.protected {
			w.setProtected(id, on)
			changed = true
		}
	}
	if changed {
		// Tasks whose protection lifted may be what a scale-in or a
		// deployment is waiting for.
		if c := w.census(s); c.current > s.desired || c.replace > 0 {
			w.requestReconcile(s, 0)
		}
	}
}

// setProtected turns task id's scale-in protection on or off; on EC2 the
// placement engine must not choose a protected task either.
func (w *World) setProtected(id int32, on bool) {
	t := &w.tasks[id]
	t.protected = on
	if t.ptask < 0 {
		return
	}
	pr := placement.PriorityNormal
	if on {
		pr = placement.PriorityProtected
	}
	w.setPriority(w.providers[t.prov], id, pr)
}
