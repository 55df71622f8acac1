package models

import (
	"context"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/sim"
)

// World is one simulated cluster. Build it with New; Run it once.
type World struct {
	cfg  Config
	eng  *sim.Engine
	cat  *catalog.Catalog
	end  sim.Time
	tick time.Duration // metric resolution

	azs       []string
	providers []*provider
	provByKey map[string]int
	defs      []*taskDef
	defByRef  map[string]int
	services  []*service
	streams   []*stream

	inst     []instance
	freeInst []int32
	tasks    []task
	freeTask []int32

	// waitingTotal counts tasks in PROVISIONING waiting for capacity,
	// against Quotas.ProvisioningTasksPerCluster.
	waitingTotal int

	// quantiles serves every service's latency percentiles (nil with
	// Config.ExactLatency).
	quantiles *workload.QuantileTable
	// stepSample and minute are the tick's scratch samples, reused
	// service by service.
	stepSample workload.ServiceSample
	minute     minuteSample

	metrics *autoscale.Metrics
	meter   *cost.Meter
	rec     *recorder
	series  *series.Recorder

	counters counters
	check    bool
	lastNow  sim.Time
	failed   error

	h handlers
	// probe, when set (tests), runs after every tick and reconcile.
	probe func()
}

// handlers are the world's event handlers: one long-lived value per kind
// of event, so scheduling never allocates a closure.
type handlers struct {
	taskStep      taskStepHandler
	provTimeout   provisioningTimeoutHandler
	taskFail      taskFailHandler
	instanceUp    instanceUpHandler
	instanceReg   instanceRegisteredHandler
	spotNotice    spotNoticeHandler
	spotReclaim   spotReclaimHandler
	rebalanceRec  rebalanceRecHandler
	fargateSpot   fargateSpotHandler
	reconcile     reconcileHandler
	retryWaiting  retryWaitingHandler
	tick          tickHandler
	deploy        deployHandler
	spotAt        spotAtHandler
	jobArrival    jobArrivalHandler
	jobEnd        jobEndHandler
	scheduled     scheduledScalingHandler
	fargateLaunch fargateLaunchHandler
}

// counters are the run's summary tallies.
type counters struct {
	tasksStarted        int
	tasksStopped        int
	placementFailures   map[string]int // by ECS reason
	scalingActions      int
	serviceScaleOut     int
	serviceScaleIn      int
	instancesLaunched   int
	instancesStopped    int
	spotInterruptions   int
	provisioningGiveUps int
	startFailures       int
	deployments         int
	deploymentsFailed   int
}

// Run builds the world from cfg and runs it to the end.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	w, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return w.Run(ctx)
}

// Run simulates the configured duration and returns the result. A World
// runs once.
func (w *World) Run(ctx context.Context) (*Result, error) {
	if w.eng.Fired() > 0 || w.eng.Now() > 0 {
		return nil, fmt.Errorf("models: world %q has already run", w.cfg.Name)
	}
	w.start()
	if err := w.eng.Run(ctx, w.end); err != nil {
		return nil, fmt.Errorf("run %s: %w", w.label(), err)
	}
	if w.failed != nil {
		return nil, fmt.Errorf("run %s: %w", w.label(), w.failed)
	}
	return w.finish()
}

func (w *World) label() string {
	if w.cfg.Variant != "" {
		return w.cfg.Name + "/" + w.cfg.Variant
	}
	return w.cfg.Name
}

// now is the current virtual time.
func (w *World) now() sim.Time { return w.eng.Now() }

// offset is the current time as a duration from the start (autoscale's clock).
func (w *World) offset() time.Duration { return w.eng.Now().Duration() }

// wall is the current wall-clock time.
func (w *World) wall() time.Time { return w.eng.WallClock(w.eng.Now()) }

// fail stops the run with an internal error: a broken invariant or an
// impossible state is a bug, reported rather than ignored.
func (w *World) fail(format string, args ...any) {
	err := fmt.Errorf(format, args...)
	if w.failed == nil {
		w.failed = err
	}
	w.eng.Fail(err)
}

// logf writes to the event log when one is configured.
func (w *World) logf(kind, subject, format string, args ...any) {
	if w.cfg.EventLog == nil {
		return
	}
	w.cfg.EventLog.Log(LogEvent{At: w.offset(), Kind: kind, Subject: subject, Message: fmt.Sprintf(format, args...)})
}

// start schedules the run's initial events. Unless the config asks for a
// cold start, the initial instances and service tasks exist already at
// time zero, registered and RUNNING, as in a cluster that has been up for
// a while (modelling choice: comparisons should not be dominated by a
// start-up transient).
func (w *World) start() {
	for _, p := range w.providers {
		if p.kind == ProviderEC2 && p.desired > 0 {
			if w.cfg.ColdStart {
				w.launchInstances(p, p.desired)
			} else {
				w.warmInstances(p, p.desired)
			}
		}
		if p.kind == ProviderEC2 && w.cfg.ColdStart {
			w.maintainPool(p)
		} else if p.kind == ProviderEC2 {
			w.warmPoolAtStart(p)
		}
		w.scheduleSpotAt(p)
	}
	for _, s := range w.services {
		w.scheduleDeployments(s)
		w.scheduleScheduledScaling(s)
		if !w.cfg.ColdStart && !s.cfg.Daemon {
			w.startServiceTasks(s, s.desired)
		}
		w.requestReconcile(s, 0)
	}
	if !w.cfg.ColdStart {
		for id := range w.tasks {
			if t := &w.tasks[id]; t.live && !t.waiting && !t.timer.IsZero() {
				w.warmTask(int32(id))
			}
		}
	}
	for _, st := range w.streams {
		w.scheduleNextJob(st)
	}
	// Time zero's values, so series start from the initial state.
	for _, s := range w.services {
		w.rec.service(s, &minuteSample{running: w.runningCount(s)})
	}
	w.rec.sample()
	w.eng.Every(sim.Time(w.tick), w.tick, &w.h.tick, 0)
}

// warmInstances creates n registered, running instances at time zero.
func (w *World) warmInstances(p *provider, n int) {
	for range n {
		w.launchInstances(p, 1)
		id := p.instances[len(p.instances)-1]
		in := &w.inst[id]
		w.eng.Cancel(in.timer)
		in.launched = sim.Time(-time.Hour) // long past any warm-up
		p.lastLaunch = in.launched
		in.billed, in.upAt = true, 0
		w.meterInstanceStart(id)
		w.counters.instancesLaunched-- // it was there before the run
		w.registerInstance(id)
	}
}

// warmTask moves a just-created task straight to RUNNING and healthy.
func (w *World) warmTask(id int32) {
	t := &w.tasks[id]
	w.eng.Cancel(t.timer)
	t.timer = sim.EventID{}
	w.setState(id, Pending)
	w.onPending(id)
	w.setState(id, Activating)
	w.setState(id, Running)
	w.onRunning(id)
	t.healthyAt = w.now()
	w.noteHealthyAt(t)
}
