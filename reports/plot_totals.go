package reports

import "fmt"

// Cluster-wide totals over every service, which a run records when its
// service_series_limit leaves services without series of their own.
const (
	totalDesiredSeries  = "total_desired_tasks"
	totalRunningSeries  = "total_running_tasks"
	totalPendingSeries  = "total_pending_tasks"
	totalDemandSeries   = "total_demand"
	totalCapacitySeries = "total_capacity"
	totalDroppedSeries  = "total_dropped_requests"
)

// totalsFigure plots the totals over every service: demand, the capacity
// of the serving tasks and dropped requests (req/s) above; desired,
// running and pending tasks below. nil when the run recorded no totals
// (every service has its own series, drawn by the other figures).
func (rp runPlot) totalsFigure(stem string) (*Figure, error) {
	find := rp.r.Series.Find
	if find(totalRunningSeries) == nil {
		return nil, nil
	}
	reqs := rp.newPanel(fmt.Sprintf("%s: all %d services", rp.label, len(rp.r.Services)), "requests (req/s)")
	nReq := 0
	for k, l := range []struct{ series, name string }{
		{totalDemandSeries, "demand"}, {totalCapacitySeries, "capacity at 100 % CPU"}, {totalDroppedSeries, "dropped"},
	} {
		s := find(l.series)
		if s == nil || (l.series == totalDroppedSeries && maxOf(s.Values) <= 0) {
			continue
		}
		scale := 1.0
		if l.series == totalDroppedSeries { // a counter: requests per bucket
			scale = 1 / s.Step.Seconds()
		}
		if err := addStep(reqs, newWallXY(s, rp.r.Start, scale), "all services "+l.name, k, 0); err != nil {
			return nil, err
		}
		nReq++
	}
	fromZero(reqs, nReq)
	if nReq == 0 {
		reqs = nil
	}
	tasks := rp.newPanel(fmt.Sprintf("%s: all %d services", rp.label, len(rp.r.Services)), "tasks")
	n := 0
	for k, l := range []struct{ series, name string }{
		{totalRunningSeries, "running"}, {totalDesiredSeries, "desired"}, {totalPendingSeries, "pending"},
	} {
		if s := find(l.series); s != nil {
			if err := addStep(tasks, newWallXY(s, rp.r.Start, 1), "all services "+l.name, 3+k, k); err != nil {
				return nil, err
			}
			n++
		}
	}
	fromZero(tasks, n)
	return stack(stem+"_totals", rp.label+": demand, capacity and dropped requests (req/s), and desired, running and pending tasks, summed over every service (per-service series are recorded only for the first service_series_limit services).",
		reqs, tasks), nil
}
