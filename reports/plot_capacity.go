package reports

import (
	"math"

	"gonum.org/v1/plot"

	"github.com/ecsim/ecsim/models/series"
)

// Series that a run may record per EC2 provider for the used capacity of
// its running tasks (CPU units and MiB, Mean). The capacity figure draws
// the "used" line only when every EC2 provider has them.
const (
	usedCPUSeries    = "used_cpu"
	usedMemorySeries = "used_memory"
)

// capacityFigure plots the EC2 capacity provisioned (registered), reserved
// by tasks and, where recorded, used by them: CPU in vCPU above, memory in
// GiB below, summed over the EC2 providers. nil without EC2 providers.
func (rp runPlot) capacityFigure(stem string) (*Figure, error) {
	provs := rp.ec2Providers()
	if len(provs) == 0 {
		return nil, nil
	}
	type resource struct {
		title, unit          string
		registered, reserved string
		used                 string
		scale                float64
	}
	res := []resource{
		{"CPU", "vCPU", "registered_cpu", "reserved_cpu", usedCPUSeries, 1.0 / 1024},
		{"memory", "GiB", "registered_memory", "reserved_memory", usedMemorySeries, 1.0 / 1024},
	}
	panels := make([]*plot.Plot, 0, len(res))
	for _, rs := range res {
		p := rp.newPanel(rp.label+": EC2 capacity provisioned, reserved and used", rs.title+" ("+rs.unit+")")
		n := 0
		for k, what := range []struct{ name, legend string }{
			{rs.registered, "provisioned (registered)"}, {rs.reserved, "reserved by tasks"}, {rs.used, "used by tasks"},
		} {
			parts := rp.providerSeries(what.name, provs)
			if parts == nil {
				continue
			}
			if err := addStep(p, newSumXY(parts, rp.r.Start, rs.scale), rs.title+" "+what.legend, k, 0); err != nil {
				return nil, err
			}
			n++
		}
		fromZero(p, n)
		panels = append(panels, p)
	}
	return stack(stem+"_capacity", rp.label+": EC2 CPU (vCPU) and memory (GiB) registered by the instances, reserved by tasks and used by them, summed over EC2 capacity providers (bucket means).", panels...), nil
}

// providerSeries returns the named series of every provider, or nil when
// one of them lacks it.
func (rp runPlot) providerSeries(name string, provs []string) []*series.Series {
	out := make([]*series.Series, 0, len(provs))
	for _, p := range provs {
		s := rp.find(name, "provider", p)
		if s == nil || s.Len() == 0 {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// demandFigure plots, per service with a workload: demand (and dropped
// requests, when any) in req/s; running and desired tasks; and the p95
// response time in ms. nil when no service saw demand.
func (rp runPlot) demandFigure(stem string) (*Figure, error) {
	dem := rp.newPanel(rp.label+": demand, capacity and latency", "requests (req/s)")
	capa := rp.newPanel("", "tasks")
	lat := rp.newPanel("", "p95 response time (ms)")
	n := 0
	for si, s := range rp.r.Services {
		d := rp.find("demand", "service", s.Name)
		if d == nil || maxOf(d.Values) == 0 {
			continue
		}
		n++
		if err := addStep(dem, newWallXY(d, rp.r.Start, 1), s.Name+" demand", si, 0); err != nil {
			return nil, err
		}
		if dr := rp.find("dropped_requests", "service", s.Name); dr != nil && maxOf(dr.Values) > 0 {
			if err := addStep(dem, newWallXY(dr, rp.r.Start, 1/dr.Step.Seconds()), s.Name+" dropped", si, 1); err != nil {
				return nil, err
			}
		}
		if err := rp.addTasks(capa, s.Name, si); err != nil {
			return nil, err
		}
		if p95 := rp.find("latency_p95", "service", s.Name); p95 != nil {
			if err := addStep(lat, newWallXY(p95, rp.r.Start, 1000), s.Name+" p95 (worst in bucket)", si, 0); err != nil {
				return nil, err
			}
		}
	}
	if n == 0 {
		return nil, nil
	}
	for _, p := range []*plot.Plot{dem, capa, lat} {
		fromZero(p, 2*n)
	}
	return stack(stem+"_demand", rp.label+": demand per service (req/s), the running and desired tasks that serve it, and the p95 response time (ms).", dem, capa, lat), nil
}

// addTasks adds a service's running (solid) and desired (dashed) tasks.
func (rp runPlot) addTasks(p *plot.Plot, service string, colourIdx int) error {
	for k, what := range []string{"running_tasks", "desired_tasks"} {
		s := rp.find(what, "service", service)
		if s == nil {
			continue
		}
		name := service + " " + []string{"running", "desired"}[k]
		if err := addStep(p, newWallXY(s, rp.r.Start, 1), name, colourIdx, k); err != nil {
			return err
		}
	}
	return nil
}

func maxOf(vs []float64) float64 {
	m := math.Inf(-1)
	for _, v := range vs {
		m = math.Max(m, v)
	}
	return m
}
