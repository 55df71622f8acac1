package models

import (
	"fmt"
	"sort"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/autoscale/schedule"
	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/sim"
)

// customMetric is one metric series a service publishes for its policies.
type customMetric struct {
	name   string
	kind   metricKind // name, resolved once: the step switches on it
	id     autoscale.MetricID
	replay workload.Demand // nil for metrics the world derives
}

// metricKind is which value of a step a metric publishes.
type metricKind uint8

const (
	metricReplay metricKind = iota // a custom metric's own series
	metricCPU
	metricMemory
	metricALBRequests
	metricRequestsPerSec
	metricRunningTasks
	metricBacklog
	metricBacklogPerTask
	metricQueueDelay
)

// metricKinds maps the metric names the world derives to their kinds.
var metricKinds = map[string]metricKind{
	MetricCPU: metricCPU, MetricMemory: metricMemory, MetricALBRequests: metricALBRequests,
	MetricRequestsPerSec: metricRequestsPerSec, MetricRunningTasks: metricRunningTasks,
	MetricBacklog: metricBacklog, MetricBacklogPerTask: metricBacklogPerTask, MetricQueueDelay: metricQueueDelay,
}

// buildScaling creates a service's scalable target, its metric series and
// its policies.
func (w *World) buildScaling(s *service) error {
	cfg := s.cfg.Scaling
	delay := time.Minute // ref §6.2/§10b: 60–120 s; default 60 s
	if cfg.MetricPublishDelay != nil {
		delay = *cfg.MetricPublishDelay
	}
	sc := &serviceScaling{}
	s.scaling = sc
	metric := func(name string) (autoscale.MetricID, error) {
		for _, m := range sc.custom {
			if m.name == name {
				return m.id, nil
			}
		}
		m := customMetric{name: name, kind: metricKinds[name]}
		switch name {
		case MetricCPU, MetricMemory, MetricALBRequests, MetricRequestsPerSec, MetricRunningTasks:
		case MetricBacklog, MetricBacklogPerTask, MetricQueueDelay:
			if s.cfg.Worker == nil {
				return 0, fmt.Errorf("metric %q needs a queue-driven worker service", name)
			}
		default:
			m.replay = cfg.CustomMetrics[name]
			if m.replay == nil {
				return 0, fmt.Errorf("custom metric %q has no series: it is neither predefined, nor derived (%s), nor in custom_metrics",
					name, derivedMetricNames)
			}
		}
		id, err := w.metrics.Add(autoscale.MetricConfig{Name: s.cfg.Name + "/" + name, PublishDelay: delay})
		if err != nil {
			return 0, err
		}
		m.id = id
		sc.custom = append(sc.custom, m)
		return id, nil
	}
	target, err := autoscale.NewScalableTarget(w.metrics, autoscale.ScalableTargetConfig{
		ResourceId: "service/ecsim/" + s.cfg.Name, MinCapacity: cfg.MinCapacity, MaxCapacity: cfg.MaxCapacity,
		SuspendedState: cfg.Suspended, Epoch: w.cfg.Start,
	})
	if err != nil {
		return err
	}
	sc.target = target
	for i, tt := range cfg.TargetTracking {
		name := MetricCPU
		switch {
		case tt.PredefinedMetricSpecification != nil:
			name = tt.PredefinedMetricSpecification.PredefinedMetricType
		case tt.CustomizedMetricSpecification != nil:
			name = tt.CustomizedMetricSpecification.MetricName
		}
		if tt.Metric, err = metric(name); err != nil {
			return fmt.Errorf("target_tracking[%d]: %w", i, err)
		}
		if _, err := target.AddTargetTracking(tt); err != nil {
			return fmt.Errorf("target_tracking[%d]: %w", i, err)
		}
	}
	for i, sp := range cfg.Step {
		pc := sp.Policy
		if pc.Alarm.Metric, err = metric(sp.MetricName); err != nil {
			return fmt.Errorf("step[%d]: %w", i, err)
		}
		if _, err := target.AddStepScaling(pc); err != nil {
			return fmt.Errorf("step[%d]: %w", i, err)
		}
	}
	for i, sa := range cfg.Scheduled {
		if _, err := target.AddScheduledAction(sa); err != nil {
			return fmt.Errorf("scheduled[%d]: %w", i, err)
		}
	}
	return nil
}

var derivedMetricNames = fmt.Sprint([]string{MetricBacklog, MetricBacklogPerTask, MetricQueueDelay, MetricRequestsPerSec, MetricRunningTasks})

// publishMetrics pushes the minute's datapoints of a service's metrics.
// ref §6.2: no CPU/memory datapoint when no task runs.
func (w *World) publishMetrics(s *service, m *minuteSample) {
	sc := s.scaling
	at := w.offset() - w.tick // the datapoint of the minute that just ended
	for _, cm := range sc.custom {
		var v float64
		ok := true
		switch cm.kind {
		case metricCPU:
			v, ok = m.cpu, m.published
		case metricMemory:
			v, ok = m.mem, m.published
		case metricALBRequests:
			v, ok = m.requestsPerTarget, m.serving > 0
		case metricRequestsPerSec:
			v = m.demand
		case metricRunningTasks:
			v = float64(m.running)
		case metricBacklog:
			v = m.backlog
		case metricBacklogPerTask:
			v = m.backlogPerTask
		case metricQueueDelay:
			v = m.queueDelay
		default:
			v = cm.replay.Rate(w.eng.WallClock(sim.Time(at)))
		}
		if ok {
			w.metrics.Push(cm.id, at, v)
		}
	}
}

// evaluateScaling runs the service's dynamic policies once per minute.
func (w *World) evaluateScaling(s *service, running int) {
	d := s.scaling.target.Evaluate(w.offset(), autoscale.TargetInput{
		Running: running, Desired: s.desired, DeploymentInProgress: s.deploying,
	})
	w.applyDecision(s, &d)
}

func (w *World) applyDecision(s *service, d *autoscale.Decision) {
	if d.Action != autoscale.NoAction && d.Desired != s.desired {
		w.setServiceDesired(s, d.Desired, fmt.Sprintf("%v by %v", d.Action, d.Cause))
	}
}

// scheduledScalingHandler runs a service's due scheduled actions (ref §6.5).
type scheduledScalingHandler struct{ w *World }

func (h *scheduledScalingHandler) Handle(_ sim.Time, arg int64) {
	w := h.w
	s := w.services[arg]
	s.scaling.nextSch = sim.EventID{}
	d := s.scaling.target.RunScheduledActions(w.offset(), autoscale.TargetInput{
		Running: w.runningCount(s), Desired: s.desired, DeploymentInProgress: s.deploying,
	})
	w.applyDecision(s, &d)
	w.scheduleScheduledScaling(s)
}

func (w *World) scheduleScheduledScaling(s *service) {
	if s.scaling == nil {
		return
	}
	at, ok := s.scaling.target.NextScheduledAction()
	if !ok || sim.Time(at) >= w.end {
		return
	}
	s.scaling.nextSch = w.eng.At(max(sim.Time(at), w.now()), &w.h.scheduled, int64(s.idx))
}

// runningCount is the service's RUNNING tasks that are not stopping.
func (w *World) runningCount(s *service) int {
	return s.tally.running
}

// evaluateManaged runs cluster auto scaling for one provider (ref §5.3).
func (w *World) evaluateManaged(p *provider) {
	in := autoscale.CapacityInput{DesiredCapacity: p.desired, NewestLaunch: p.lastLaunch.Duration()}
	for _, id := range p.instances {
		inst := &w.inst[id]
		if inst.terminating {
			continue
		}
		in.Instances++
		if !inst.empty() {
			in.BusyInstances++
		}
	}
	in.Provisioning = w.provisioningGroups(p)
	d := p.managed.Evaluate(w.offset(), in)
	w.rec.cpr(p, d.CPR)
	if d.Action != autoscale.NoAction {
		w.setDesired(p, d.DesiredCapacity, fmt.Sprintf("managed scaling: CPR %.0f%%", d.CPR))
	}
}

// provisioningGroups groups the provider's waiting tasks by identical
// needs (ref §5.3 step 1), in a deterministic order.
func (w *World) provisioningGroups(p *provider) []autoscale.TaskGroup {
	if len(p.waiting) == 0 {
		return nil
	}
	var groups []autoscale.TaskGroup
	for _, id := range p.waiting {
		needs := w.defs[w.tasks[id].def].casNeeds
		found := false
		for i := range groups {
			if groups[i].Needs == needs {
				groups[i].Count++
				found = true
				break
			}
		}
		if !found {
			groups = append(groups, autoscale.TaskGroup{Count: 1, Needs: needs})
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Count > groups[j].Count })
	return groups
}

// parseCron parses a stream's schedule expression.
func parseCron(expr, tz string) (schedule.Schedule, error) {
	loc := time.UTC
	if tz != "" {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			return schedule.Schedule{}, fmt.Errorf("time zone %q: %w", tz, err)
		}
	}
	return schedule.Parse(expr, loc)
}
