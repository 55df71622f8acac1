package reports

import (
	"github.com/ecsim/ecsim/models"
)

// summarizeOne turns one Result into its Variant row.
func summarizeOne(r *models.Result, label string) Variant {
	v := Variant{
		Label: label, Scenario: r.Name, Variant: r.Variant, Seed: r.Seed, Region: r.Region,
		Start: r.Start, DurationSeconds: r.Duration.Seconds(), Events: r.Events,
		CostUSD: r.Cost.TotalUSD, UnusedUSD: r.Cost.UnusedUSD,
		InstanceHours: r.InstanceHours, TaskHours: r.TaskHours,
		Requests: r.Requests, ServedRequests: r.Served, DroppedRequests: r.Dropped,
		SLOMinutes: r.SLOMinutes,
		Counters: Counters{
			ScalingActions: r.ScalingActions, ServiceScaleOuts: r.ServiceScaleOuts, ServiceScaleIns: r.ServiceScaleIns,
			InstancesLaunched: r.InstancesLaunched, SpotInterruptions: r.SpotInterruptions,
			ProvisioningGiveUps: r.ProvisioningGiveUps, StartFailures: r.StartFailures,
			Deployments: r.Deployments, DeploymentsFailed: r.DeploymentsFailed,
			TasksStarted: r.TasksStarted, TasksStopped: r.TasksStopped,
		},
	}
	if h := r.Duration.Hours(); h > 0 {
		v.CostUSDPerHour = r.Cost.TotalUSD / h
	}
	if r.Requests > 0 {
		v.CostUSDPerMillionRequests = ptr(r.Cost.TotalUSD / r.Requests * 1e6)
		v.P95Millis = ptr(r.P95 * 1000)
	}
	// Registered EC2 capacity exists exactly when instances ran; the
	// shares are then defined (possibly 0 %).
	if r.InstanceHours > 0 {
		v.ReservedCPUPct = ptr(100 * r.ReservedCPUShare)
		v.UsedCPUPct = ptr(100 * r.UsedCPUShare)
		v.ReservedMemoryPct = ptr(100 * r.ReservedMemShare)
		v.UsedMemoryPct = ptr(100 * r.UsedMemShare)
	}
	v.PlacementFailuresByReason = make([]ReasonCount, 0, len(r.PlacementFailures))
	for _, pf := range r.PlacementFailures {
		v.PlacementFailures += pf.Count
		v.PlacementFailuresByReason = append(v.PlacementFailuresByReason, ReasonCount{pf.Reason, pf.Count})
	}
	v.CostByKind = make([]KindCost, 0, len(r.Cost.ByKind))
	for _, k := range r.Cost.ByKind {
		v.CostByKind = append(v.CostByKind, KindCost{Kind: k.Kind.String(), USD: k.USD})
	}
	v.Services = summarizeServices(r)
	v.Providers = summarizeProviders(r)
	v.Instances, v.Fargate = summarizeUsage(r)
	if c := r.Series.Find("cost_cumulative"); c != nil {
		v.costCurve = append(append(make([]float64, 0, c.Len()+1), c.Values...), r.Cost.TotalUSD)
	}
	v.Streams = make([]StreamSummary, 0, len(r.Streams))
	for _, st := range r.Streams {
		v.Streams = append(v.Streams, StreamSummary{Name: st.Name, Ran: st.Ran, Failed: st.Failed})
	}
	return v
}

func summarizeServices(r *models.Result) []ServiceSummary {
	out := make([]ServiceSummary, 0, len(r.Services))
	for _, s := range r.Services {
		ss := ServiceSummary{
			Name: s.Name, CostUSD: s.CostUSD, TaskHours: s.TaskHours,
			Requests: s.Requests, ServedRequests: s.Served, DroppedRequests: s.Dropped,
			SLOMinutes: s.SLOMinutes, MaxP95Millis: s.MaxP95 * 1000,
			MinDesired: s.MinDesired, MaxDesired: s.MaxDesired, FinalDesired: s.FinalDesired,
			AZRebalances: s.AZRebalanceMoves,
		}
		if sc, ok := r.Cost.Service(s.Name); ok {
			ss.EC2USD, ss.FargateUSD = sc.EC2USD, sc.FargateUSD
		}
		if s.Requests > 0 {
			ss.P95Millis = ptr(s.P95 * 1000)
		}
		out = append(out, ss)
	}
	return out
}

func summarizeProviders(r *models.Result) []ProviderSummary {
	out := make([]ProviderSummary, 0, len(r.Providers))
	for _, p := range r.Providers {
		ps := ProviderSummary{Name: p.Name, Kind: p.Kind, CostUSD: p.CostUSD,
			InstanceHours: p.InstanceHours, MaxInstances: p.MaxInstances, WarmPoolStarts: p.WarmPoolStarts}
		if pc, ok := r.Cost.Provider(p.Name); ok {
			ps.UnusedUSD = pc.UnusedUSD
		}
		out = append(out, ps)
	}
	return out
}

func summarizeUsage(r *models.Result) ([]InstanceUsage, []FargateUsage) {
	inst := make([]InstanceUsage, 0, len(r.Cost.Instances))
	for _, u := range r.Cost.Instances {
		inst = append(inst, InstanceUsage{Type: u.Type, Purchase: u.Purchase.String(), Instances: u.Instances,
			RunHours: u.RunHours, BilledHours: u.BilledHours, Uncharged: u.Uncharged})
	}
	far := make([]FargateUsage, 0, len(r.Cost.Fargate))
	for _, u := range r.Cost.Fargate {
		far = append(far, FargateUsage{Platform: u.Platform.String(), Spot: u.Spot, Tasks: u.Tasks,
			TaskHours: u.TaskHours, VCPUHours: u.VCPUHours, GBHours: u.GBHours,
			ExtraStorageGBHours: u.ExtraStorageGBHours})
	}
	return inst, far
}

func ptr(v float64) *float64 { return &v }
