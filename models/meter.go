package models

import (
	"github.com/ecsim/ecsim/models/cost"
)

// The cost meter sees instances and Fargate tasks by the world's IDs.

func (w *World) meterInstanceStart(id int32) {
	w.meter.InstanceStarted(cost.InstanceID(id), w.costInstance(id), w.now())
}

// costInstance describes an instance to the cost meter.
func (w *World) costInstance(id int32) cost.Instance {
	in := &w.inst[id]
	p := w.providers[in.prov]
	pur := cost.OnDemand
	if in.purchase == Spot {
		pur = cost.Spot
	}
	return cost.Instance{
		Type: p.types[in.typ].Name, Purchase: pur, AZ: w.azs[in.az], Provider: p.name,
		RegisteredCPU: in.regCPU, RegisteredMiB: in.regMem,
	}
}

func (w *World) meterInstanceStop(id int32) {
	if w.inst[id].noticed {
		w.meter.InstanceInterrupted(cost.InstanceID(id), w.now())
		return
	}
	w.meter.InstanceStopped(cost.InstanceID(id), w.now())
}

// meterService names the cost owner of a task: its service, or its
// stream for standalone tasks.
func (w *World) meterService(t *task) cost.ServiceID {
	if t.svc >= 0 {
		return w.services[t.svc].meterID
	}
	return w.streams[t.stream].meterID
}

func (w *World) meterReserve(tid int32) {
	t := &w.tasks[tid]
	d := w.defs[t.def]
	w.meter.Reserve(cost.InstanceID(t.inst), w.meterService(t), d.cpu, d.mem, w.now())
}

func (w *World) meterRelease(tid int32) {
	t := &w.tasks[tid]
	d := w.defs[t.def]
	w.meter.Release(cost.InstanceID(t.inst), w.meterService(t), d.cpu, d.mem, w.now())
}

func (w *World) fargateBillingStart(tid int32) {
	t := &w.tasks[tid]
	d := w.defs[t.def]
	p := w.providers[t.prov]
	owner := ""
	if t.svc >= 0 {
		owner = w.services[t.svc].cfg.Name
	} else {
		owner = w.streams[t.stream].cfg.Name
	}
	w.meter.FargateStarted(cost.TaskID(tid), cost.FargateTask{
		Platform: d.platform, Spot: p.kind == ProviderFargateSpot, CPU: d.cfg.CPU, Memory: d.cfg.Memory,
		EphemeralGiB: d.cfg.EphemeralStorageGiB, Provider: p.name, Service: owner,
	}, w.now())
	t.billing = true
}

func (w *World) fargateBillingStop(tid int32) {
	if t := &w.tasks[tid]; t.billing {
		w.meter.FargateStopped(cost.TaskID(tid), w.now())
		t.billing = false
	}
}
