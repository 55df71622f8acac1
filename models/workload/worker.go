package workload

import (
	"math"
	"time"
)

// WorkerConfig describes a queue-driven worker service (the common ECS
// pattern of tasks polling SQS): messages arrive at a rate, each running
// task processes them at up to Task.CapacityPerSecond messages per second
// at 100 % of its CPU reservation.
type WorkerConfig struct {
	Arrivals Demand // messages per second: a Constant, a shaped demand or a Replay
	Task     TaskProfile
	Queue    QueueConfig
}

// WorkerSample is the outcome of one step of a Worker.
type WorkerSample struct {
	Start   time.Time
	Length  time.Duration
	Running int
	// ArrivalRate is the message arrival rate at the step's midpoint.
	ArrivalRate float64
	// Arrived, Processed and Dropped count messages during the step.
	Arrived, Processed, Dropped float64
	// Backlog is the expected number of messages waiting at the end of the
	// step (the queue depth, ApproximateNumberOfMessagesVisible): the fluid
	// backlog plus the steady-state M/M/c mean queue length.
	Backlog float64
	// BacklogPerTask is Backlog divided by the running tasks: the custom
	// metric AWS recommends for scaling workers on queue depth. With no
	// running task it equals Backlog, so a policy can scale from zero.
	BacklogPerTask float64
	// QueueDelay is Backlog divided by the drain rate (running tasks × their
	// maximum rate): how long the last queued message waits. +Inf when
	// messages wait and no task runs.
	QueueDelay Seconds
	// Busy is the fraction of the tasks' capacity in use.
	Busy float64
	// CPU and Memory are per-task (= service average) utilisation; see
	// ServiceSample.
	CPU, Memory                       Percent
	MetricsPublished, OverMemoryLimit bool
}

// Worker is the mutable state of one worker service. Step it once per
// simulation step, in time order. It is not safe for concurrent use;
// stepping does not allocate.
type Worker struct {
	arrivals Demand
	q        queueModel
	totals   WorkerTotals
}

// WorkerTotals accumulates a Worker's steps.
type WorkerTotals struct {
	Steps                       int
	Arrived, Processed, Dropped float64
}

// NewWorker validates cfg and returns a worker with an empty queue.
func NewWorker(cfg WorkerConfig) (*Worker, error) {
	if cfg.Arrivals == nil {
		return nil, fieldErr("WorkerConfig.Arrivals", "required")
	}
	q, err := newQueueModel(cfg.Task, cfg.Queue)
	if err != nil {
		return nil, err
	}
	return &Worker{arrivals: cfg.Arrivals, q: q}, nil
}

// Step advances the worker over [now, now+dt) with `running` tasks;
// burstCap is as for Service.Step.
func (w *Worker) Step(now time.Time, dt time.Duration, running int, burstCap Percent) WorkerSample {
	lambda := w.arrivals.Rate(now.Add(dt / 2))
	var st queueStep
	w.q.step(&st, lambda, dt.Seconds(), running, burstCap)
	out := WorkerSample{
		Start: now, Length: dt, Running: running, ArrivalRate: lambda,
		Arrived: st.arrived, Processed: st.served, Dropped: st.dropped,
		Backlog: st.waiting(), Busy: st.busy(),
	}
	out.BacklogPerTask = out.Backlog / float64(max(running, 1))
	switch {
	case out.Backlog == 0:
	case st.capacity == 0:
		out.QueueDelay = Seconds(math.Inf(1))
	default:
		out.QueueDelay = Seconds(out.Backlog / st.capacity)
	}
	if running > 0 {
		out.CPU, out.Memory, out.OverMemoryLimit = w.q.usage(&st, burstCap)
		out.MetricsPublished = true
	}
	w.totals.Steps++
	w.totals.Arrived += st.arrived
	w.totals.Processed += st.served
	w.totals.Dropped += st.dropped
	return out
}

// Totals returns the totals accumulated so far.
func (w *Worker) Totals() WorkerTotals { return w.totals }
