package models

import (
	"testing"
)

func TestBaseScenarioRuns(t *testing.T) {
	r := mustRun(t, baseConfig(t))
	if r.Cost.TotalUSD <= 0 {
		t.Fatalf("cost %v", r.Cost.TotalUSD)
	}
	if r.ServiceScaleOuts == 0 || r.ServiceScaleIns == 0 {
		t.Errorf("diurnal demand should scale out and in: %d out, %d in", r.ServiceScaleOuts, r.ServiceScaleIns)
	}
	t.Logf("cost %.2f USD, instance-hours %.1f, task-hours %.1f, events %d, scale out/in %d/%d, launched %d, p95 %.3fs, slo %.0f min, reserved cpu %.2f used %.2f",
		r.Cost.TotalUSD, r.InstanceHours, r.TaskHours, r.Events, r.ServiceScaleOuts, r.ServiceScaleIns, r.InstancesLaunched, r.P95, r.SLOMinutes, r.ReservedCPUShare, r.UsedCPUShare)
}
