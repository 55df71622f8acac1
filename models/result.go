package models

import (
	"sort"
	"time"

	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/models/series"
)

// Result is what a finished run reports. Reports read it; nothing in it
// points back into the world.
type Result struct {
	Name, Variant string
	Seed          uint64
	Region        string
	Start         time.Time
	Duration      time.Duration
	Events        uint64

	// Cost is the priced bill (by kind, provider, service, unused).
	Cost cost.Report
	// InstanceHours of EC2 instances (registered or not), TaskHours of
	// tasks from PROVISIONING to STOPPED.
	InstanceHours float64
	TaskHours     float64
	// Shares of provisioned (registered) EC2 capacity, time-averaged:
	// reserved by tasks and used by them (workload model).
	ReservedCPUShare, ReservedMemShare float64
	UsedCPUShare, UsedMemShare         float64

	PlacementFailures              []ReasonCount
	ScalingActions                 int
	ServiceScaleOuts               int
	ServiceScaleIns                int
	InstancesLaunched              int
	SpotInterruptions              int
	ProvisioningGiveUps            int
	StartFailures                  int
	Deployments, DeploymentsFailed int
	TasksStarted, TasksStopped     int

	Requests, Served, Dropped float64
	// SLOMinutes are minutes in which a service's p95 exceeded its target,
	// summed over services.
	SLOMinutes float64
	// P95 is the request-weighted mean of the services' per-minute p95
	// response times, in seconds.
	P95 float64

	Services  []ServiceResult
	Providers []ProviderResult
	Streams   []StreamResult
	Series    series.Set
}

// ReasonCount is how many placements failed for one ECS reason.
type ReasonCount struct {
	Reason string
	Count  int
}

// ServiceResult summarises one service.
type ServiceResult struct {
	Name                      string
	CostUSD                   float64
	TaskHours                 float64
	Requests, Served, Dropped float64
	SLOMinutes                float64
	P95                       float64 // request-weighted mean of minute p95, seconds
	MaxP95                    float64
	MinDesired, MaxDesired    int
	FinalDesired              int
	// AZRebalanceMoves counts the tasks AZ rebalancing moved (ref §1.10).
	AZRebalanceMoves int
}

// ProviderResult summarises one capacity provider.
type ProviderResult struct {
	Name          string
	Kind          string
	CostUSD       float64
	InstanceHours float64
	MaxInstances  int
	// WarmPoolStarts counts instances the group took from its warm pool.
	WarmPoolStarts int
}

// StreamResult summarises one standalone task stream.
type StreamResult struct {
	Name        string
	Ran, Failed int
}

// serviceStats accumulates a service's per-minute figures.
type serviceStats struct {
	requests, served, dropped float64
	p95Weighted, maxP95       float64
	sloMinutes                float64
	taskSeconds               float64
	minDesired, maxDesired    int
	seen                      bool
}

func (st *serviceStats) add(m *minuteSample, step time.Duration, desired int) {
	if !st.seen || desired < st.minDesired {
		st.minDesired = desired
	}
	st.maxDesired = max(st.maxDesired, desired)
	st.seen = true
	st.requests += m.arrived
	st.served += m.served
	st.dropped += m.dropped
	st.p95Weighted += m.p95 * m.arrived
	st.maxP95 = max(st.maxP95, m.p95)
	if m.sloViolated {
		st.sloMinutes += step.Minutes()
	}
}

// finish closes the books and builds the Result.
func (w *World) finish() (*Result, error) {
	now := w.now()
	rep, err := w.meter.Finish(now, w.cat, w.cfg.Region)
	if err != nil {
		return nil, err
	}
	c := &w.counters
	r := &Result{
		Name: w.cfg.Name, Variant: w.cfg.Variant, Seed: w.cfg.Seed, Region: w.cfg.Region,
		Start: w.cfg.Start, Duration: w.cfg.Duration, Events: w.eng.Fired(), Cost: rep,
		ScalingActions: c.scalingActions, ServiceScaleOuts: c.serviceScaleOut, ServiceScaleIns: c.serviceScaleIn,
		InstancesLaunched: c.instancesLaunched, SpotInterruptions: c.spotInterruptions,
		ProvisioningGiveUps: c.provisioningGiveUps, StartFailures: c.startFailures,
		Deployments: c.deployments, DeploymentsFailed: c.deploymentsFailed,
		TasksStarted: c.tasksStarted, TasksStopped: c.tasksStopped,
		Series: w.series.Close(),
	}
	for _, p := range w.providers {
		r.InstanceHours += p.runTime(w).Hours()
	}
	rec := w.rec
	if rec.regCPU > 0 {
		r.ReservedCPUShare, r.UsedCPUShare = rec.resCPU/rec.regCPU, rec.usedCPU/rec.regCPU
	}
	if rec.regMem > 0 {
		r.ReservedMemShare, r.UsedMemShare = rec.resMem/rec.regMem, rec.usedMem/rec.regMem
	}
	for reason, n := range c.placementFailures {
		r.PlacementFailures = append(r.PlacementFailures, ReasonCount{reason, n})
	}
	sort.Slice(r.PlacementFailures, func(i, j int) bool { return r.PlacementFailures[i].Reason < r.PlacementFailures[j].Reason })
	var p95w float64
	for id := range w.tasks {
		if t := &w.tasks[id]; t.live {
			w.accountTaskTime(t)
		}
	}
	for _, s := range w.services {
		st := &s.stats
		sr := ServiceResult{
			Name: s.cfg.Name, TaskHours: st.taskSeconds / 3600, Requests: st.requests, Served: st.served,
			Dropped: st.dropped, SLOMinutes: st.sloMinutes, MaxP95: st.maxP95,
			MinDesired: st.minDesired, MaxDesired: st.maxDesired, FinalDesired: s.desired,
			AZRebalanceMoves: s.rebal.moves,
		}
		if st.requests > 0 {
			sr.P95 = st.p95Weighted / st.requests
		}
		if sc, ok := rep.Service(s.cfg.Name); ok {
			sr.CostUSD = sc.USD
		}
		r.Requests += st.requests
		r.Served += st.served
		r.Dropped += st.dropped
		r.SLOMinutes += st.sloMinutes
		r.TaskHours += sr.TaskHours
		p95w += st.p95Weighted
		r.Services = append(r.Services, sr)
	}
	if r.Requests > 0 {
		r.P95 = p95w / r.Requests
	}
	for _, p := range w.providers {
		pr := ProviderResult{Name: p.name, Kind: p.kind.String(), MaxInstances: p.maxInstances,
			InstanceHours: p.runTime(w).Hours(), WarmPoolStarts: p.poolStarts}
		if pc, ok := rep.Provider(p.name); ok {
			pr.CostUSD = pc.USD
		}
		r.Providers = append(r.Providers, pr)
	}
	for _, st := range w.streams {
		r.Streams = append(r.Streams, StreamResult{Name: st.cfg.Name, Ran: st.ran, Failed: st.failed})
	}
	if w.check {
		if err := w.checkCost(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}
