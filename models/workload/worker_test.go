package workload

import (
	"math"
	"testing"
	"time"
)

func workerTask(rate float64) TaskProfile {
	return TaskProfile{CPU: 1024, CapacityPerSecond: rate, MemoryReservation: 2048, BaseMemory: 512}
}

func TestWorkerBacklogSeries(t *testing.T) {
	// 30 messages/s; each task processes 10/s.
	w := must(NewWorker(WorkerConfig{Arrivals: Constant(30), Task: workerTask(10)}))
	// No task yet: everything queues.
	a := w.Step(t0, time.Minute, 0, 0)
	if a.Backlog != 1800 || a.BacklogPerTask != 1800 || !math.IsInf(float64(a.QueueDelay), 1) || a.MetricsPublished || a.Processed != 0 {
		t.Errorf("no tasks: %+v", a)
	}
	// Two tasks (20/s) cannot keep up: +10/s.
	b := w.Step(t0.Add(time.Minute), time.Minute, 2, 0)
	if b.Backlog != 2400+NewMMC(0.99*20, 10, 2).MeanQueueLength() || b.Processed != 1200 || b.CPU != 100 {
		t.Errorf("two tasks: %+v", b)
	}
	approx(t, "backlog per task", b.BacklogPerTask, b.Backlog/2, 1e-15)
	approx(t, "queue delay", float64(b.QueueDelay), b.Backlog/20, 1e-15)
	// Six tasks (60/s) drain 30/s: 2,400 → 600.
	c := w.Step(t0.Add(2*time.Minute), time.Minute, 6, 0)
	lq := NewMMC(30, 10, 6).MeanQueueLength()
	approx(t, "draining backlog", c.Backlog, 600+lq, 1e-12)
	approx(t, "draining CPU", float64(c.CPU), 100, 1e-12) // busy all minute
	// Then empty after 20 s; the steady-state queue remains.
	d := w.Step(t0.Add(3*time.Minute), time.Minute, 6, 0)
	approx(t, "steady backlog", d.Backlog, lq, 1e-12)
	approx(t, "steady CPU", float64(d.CPU), 100*(600+30*60)/60.0/6/10, 1e-12) // backlog + arrivals
	approx(t, "steady delay", float64(d.QueueDelay), lq/60, 1e-12)
	if tot := w.Totals(); tot.Steps != 4 || tot.Arrived != 4*1800 || tot.Dropped != 0 || math.Abs(tot.Arrived-tot.Processed) > 1e-9 {
		t.Errorf("totals %+v", tot)
	}
}

func TestWorkerQueueLimitAndReplay(t *testing.T) {
	base := time.Date(2024, 9, 30, 9, 0, 0, 0, time.UTC)
	tr, err := ReadCloudWatchFile("testdata/alb-requestcount-newest-first.json", "requests")
	if err != nil {
		t.Fatal(err)
	}
	arrivals := must(NewReplay(tr, ReplayConfig{Kind: CountPerPeriod, Period: 5 * time.Minute}))
	w := must(NewWorker(WorkerConfig{Arrivals: arrivals, Task: workerTask(25), Queue: QueueConfig{QueueLimit: 5000}}))
	var dropped float64
	for m := range 30 {
		s := w.Step(base.Add(time.Duration(m)*time.Minute), time.Minute, 2, 0)
		if s.Backlog > 5000+NewMMC(0.99*50, 25, 2).MeanQueueLength() {
			t.Fatalf("minute %d: backlog %v above the limit", m, s.Backlog)
		}
		dropped += s.Dropped
	}
	// 40→120 msg/s against 50/s: the queue fills and drops.
	if tot := w.Totals(); dropped == 0 || dropped != tot.Dropped {
		t.Errorf("dropped %v (totals %+v)", dropped, tot)
	}
	_, err = NewWorker(WorkerConfig{Task: workerTask(1)})
	wantFieldError(t, err, "WorkerConfig.Arrivals")
	_, err = NewWorker(WorkerConfig{Arrivals: Constant(1), Task: workerTask(0)})
	wantFieldError(t, err, "TaskProfile.CapacityPerSecond")
}
