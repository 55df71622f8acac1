package models

import (
	"github.com/ecsim/ecsim/models/cost"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/placement"
	"github.com/ecsim/ecsim/sim"
)

// stream is a source of standalone tasks.
type stream struct {
	idx    int32
	cfg    *TaskStreamConfig
	jobs   *workload.JobStream
	defIdx map[string]int32 // mix task definition name → def index
	items  []stratItem
	policy *placement.Policy
	reqs   []defRequest
	next   workload.Job
	// failed counts tasks of arrivals that found no capacity on a
	// provider without managed scaling: RunTask failed for them, so they
	// are dropped, not retried (ref §3.2). ran counts tasks started.
	failed  int
	ran     int
	meterID cost.ServiceID
}

func (st *stream) request(w *World, def int32) *placement.Request {
	for i := range st.reqs {
		if st.reqs[i].def == def {
			return &st.reqs[i].req
		}
	}
	group := st.cfg.Group
	if group == "" {
		group = "family:" + w.defs[def].cfg.Family
	}
	st.reqs = append(st.reqs, defRequest{def: def, req: w.defs[def].request(group, st.policy)})
	return &st.reqs[len(st.reqs)-1].req
}

// distSampler adapts a Dist and a stream to workload.DurationDist.
type distSampler struct {
	d Dist
	r *rand.Rand
}

func (s distSampler) Sample() time.Duration { return s.d.Sample(s.r) }

// jobArrivalHandler starts the tasks of the stream's next job.
type jobArrivalHandler struct{ w *World }

func (h *jobArrivalHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	st := w.streams[arg]
	job := st.next
	for range max(job.Count, 1) {
		w.runTask(st, st.defIdx[job.TaskDefinition], job.Duration)
	}
	w.scheduleNextJob(st)
}

func (w *World) scheduleNextJob(st *stream) {
	job, ok := st.jobs.Next()
	if !ok {
		return
	}
	at := sim.Time(job.At.Sub(w.cfg.Start))
	if at >= w.end {
		return
	}
	st.next = job
	w.eng.At(max(at, w.now()), &w.h.jobArrival, int64(st.idx))
}

// runTask is RunTask for one task of a stream: on EC2 without capacity and
// without a managed-scaling provider it fails at once (ref §3.2).
func (w *World) runTask(st *stream, def int32, runFor time.Duration) {
	prov := w.pickStreamProvider(st)
	id := w.newTask(def, prov)
	t := &w.tasks[id]
	t.stream = st.idx
	t.runFor = runFor
	if !w.launch(id, st.request(w, def)) {
		w.discardTask(id)
		st.failed++
		return
	}
	st.ran++
}

// pickStreamProvider splits a stream's tasks by weight (no base: base is
// per service, ref §5.1), choosing at random in proportion to weight.
func (w *World) pickStreamProvider(st *stream) int32 {
	if len(st.items) == 1 {
		return st.items[0].prov
	}
	total := 0
	for _, it := range st.items {
		total += it.weight
	}
	r := w.eng.Stream("stream/" + st.cfg.Name + "/provider").IntN(total)
	for _, it := range st.items {
		if r < it.weight {
			return it.prov
		}
		r -= it.weight
	}
	return st.items[len(st.items)-1].prov
}

// jobEndHandler: a standalone task's essential container exited.
type jobEndHandler struct{ w *World }

func (h *jobEndHandler) Handle(_ sim.Time, arg int64) {
	h.w.tasks[arg].timer = sim.EventID{}
	h.w.stopTask(int32(arg), "Essential container in task exited (job finished)")
}
