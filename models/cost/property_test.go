package cost

import (
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// refInstance is the reference model's view of a running instance.
type refInstance struct {
	inst        Instance
	start, last sim.Time
	instPS      float64 // USD per second of the instance
	ebsPS       float64 // USD per second of its volume
	cpu, mem    map[ServiceID]int64
	cpuT, memT  int64
	instCredit  map[ServiceID]float64 // instance part of the services' credits
}

// refModel recomputes the bill the plain way: floats, per event, with
// maps. The meter must agree with it to float rounding.
type refModel struct {
	cat       *catalog.Catalog
	cfg       Config
	instances map[InstanceID]*refInstance
	tasks     map[TaskID]refTask
	total     float64
	services  map[ServiceID]float64
}

type refTask struct {
	task  FargateTask
	svc   ServiceID
	start sim.Time
}

// integrate credits every service its share of every instance up to now.
func (r *refModel) integrate(now sim.Time) {
	for _, in := range r.instances {
		dt := now.Sub(in.last).Seconds()
		for svc, cpu := range in.cpu {
			share := 0.5 * (float64(cpu)/float64(in.inst.RegisteredCPU) + float64(in.mem[svc])/float64(in.inst.RegisteredMiB))
			r.services[svc] += (in.instPS + in.ebsPS) * share * dt
			in.instCredit[svc] += in.instPS * share * dt
		}
		in.last = now
	}
}

// stopInstance bills the instance and returns the instance charge waived by
// a free Spot interruption (0 otherwise).
func (r *refModel) stopInstance(id InstanceID, at sim.Time, interrupted bool) (waived float64) {
	in := r.instances[id]
	d := at.Sub(in.start)
	billed := math.Max(math.Ceil(d.Seconds()), 60)
	inst := in.instPS
	if interrupted && r.cfg.FreeSpotInterruptionFirstHour && d < time.Hour {
		inst, waived = 0, in.instPS*billed
		// The instance part the services were credited is not charged.
		for svc, c := range in.instCredit {
			r.services[svc] -= c
		}
	}
	r.total += inst*billed + in.ebsPS*billed
	delete(r.instances, id)
	return waived
}

func (r *refModel) stopTask(id TaskID, at sim.Time) {
	t := r.tasks[id]
	billed := math.Max(math.Ceil(at.Sub(t.start).Seconds()), 60)
	rate, _ := r.cat.FargateRate(region, t.task.Platform, t.task.Spot)
	store, _ := r.cat.FargateStorage(region)
	usd := (t.task.CPU.VCPUs()*float64(rate.VCPU+rate.OSLicence) + t.task.Memory.GiB()*float64(rate.Memory) +
		math.Max(0, float64(t.task.EphemeralGiB)-float64(store.Free))*float64(store.Rate)) * billed / 3600
	r.total += usd
	r.services[t.svc] += usd
	delete(r.tasks, id)
}

var propTypes = []string{"m6i.large", "c6g.xlarge", "r6i.2xlarge"}

// TestMeterProperties drives the meter with random valid event sequences
// and checks: the report's sums hold; nothing is negative; every item is
// billed at least the minimum; the bill so far never decreases but by a
// waived Spot charge; AccruedUSD
// equals Finish; and totals and service costs equal the reference model's.
func TestMeterProperties(t *testing.T) {
	cat := catalog.Default()
	rapid.Check(t, func(rt *rapid.T) {
		cfg := DefaultConfig()
		cfg.FreeSpotInterruptionFirstHour = rapid.Bool().Draw(rt, "free_interruptions")
		cfg.RootVolumeGiBByProvider = map[string]int{"p1": 0}
		m := newMeter(rt, cfg)
		ref := &refModel{cat: cat, cfg: cfg, instances: map[InstanceID]*refInstance{},
			tasks: map[TaskID]refTask{}, services: map[ServiceID]float64{}}
		svcs := []ServiceID{m.Service("a"), m.Service("b"), m.Service("c")}
		now, lastAccrued := sim.Time(0), 0.0
		steps := rapid.IntRange(1, 80).Draw(rt, "steps")
		for range steps {
			now += sim.Time(rapid.Int64Range(0, int64(40*time.Minute)/1e6).Draw(rt, "dt_ms")) * sim.Time(time.Millisecond)
			ref.integrate(now)
			waived := step(rt, m, ref, cat, svcs, now)
			acc, err := m.AccruedUSD(now, cat, region)
			if err != nil {
				rt.Fatal(err)
			}
			// The bill so far only falls when EC2 waives a Spot instance's
			// charge, and then by exactly that charge.
			if acc < lastAccrued-waived-1e-12 {
				rt.Fatalf("accrued fell from %v to %v at %v", lastAccrued, acc, now)
			}
			lastAccrued = acc
		}
		end := now + sim.Time(rapid.Int64Range(0, int64(2*time.Hour)/1e6).Draw(rt, "tail_ms"))*sim.Time(time.Millisecond)
		ref.integrate(end)
		checkAgainstReference(rt, m, ref, end, lastAccrued)
	})
}

// step applies one random valid event at now to the meter and the model and
// returns the instance charge a free Spot interruption waived.
func step(rt *rapid.T, m *Meter, ref *refModel, cat *catalog.Catalog, svcs []ServiceID, now sim.Time) float64 {
	id := InstanceID(rapid.IntRange(0, 5).Draw(rt, "instance"))
	in, running := ref.instances[id]
	switch op := rapid.IntRange(0, 5).Draw(rt, "op"); {
	case op == 0 && !running:
		startInstance(rt, m, ref, cat, id, now)
	case op == 1 && running:
		interrupt := in.inst.Purchase == Spot && rapid.Bool().Draw(rt, "interrupt")
		if interrupt {
			m.InstanceInterrupted(id, now)
		} else {
			m.InstanceStopped(id, now)
		}
		return ref.stopInstance(id, now, interrupt)
	case (op == 2 || op == 3) && running:
		svc := svcs[rapid.IntRange(0, len(svcs)-1).Draw(rt, "service")]
		if op == 2 {
			cpu := rapid.Int64Range(0, int64(in.inst.RegisteredCPU)-in.cpuT).Draw(rt, "cpu")
			mem := rapid.Int64Range(0, int64(in.inst.RegisteredMiB)-in.memT).Draw(rt, "mem")
			m.Reserve(id, svc, catalog.CPUUnits(cpu), catalog.MiB(mem), now)
			in.cpu[svc] += cpu
			in.mem[svc] += mem
			in.cpuT, in.memT = in.cpuT+cpu, in.memT+mem
		} else {
			cpu := rapid.Int64Range(0, in.cpu[svc]).Draw(rt, "cpu")
			mem := rapid.Int64Range(0, in.mem[svc]).Draw(rt, "mem")
			m.Release(id, svc, catalog.CPUUnits(cpu), catalog.MiB(mem), now)
			in.cpu[svc] -= cpu
			in.mem[svc] -= mem
			in.cpuT, in.memT = in.cpuT-cpu, in.memT-mem
		}
	case op >= 4:
		task := TaskID(id)
		if _, ok := ref.tasks[task]; ok {
			m.FargateStopped(task, now)
			ref.stopTask(task, now)
			return 0
		}
		f := FargateTask{Platform: catalog.LinuxX86_64, CPU: 1024, Memory: 2048,
			Provider: "FARGATE", Service: []string{"a", "b", "c"}[rapid.IntRange(0, 2).Draw(rt, "task_service")]}
		f.Spot = rapid.Bool().Draw(rt, "spot")
		f.EphemeralGiB = rapid.IntRange(0, 60).Draw(rt, "ephemeral")
		m.FargateStarted(task, f, now)
		ref.tasks[task] = refTask{task: f, svc: m.Service(f.Service), start: now}
	}
	return 0
}

func startInstance(rt *rapid.T, m *Meter, ref *refModel, cat *catalog.Catalog, id InstanceID, now sim.Time) {
	typ, _ := cat.Lookup(propTypes[rapid.IntRange(0, len(propTypes)-1).Draw(rt, "type")])
	reg, _ := typ.Register(0)
	in := Instance{Type: typ.Name, Purchase: Purchase(rapid.IntRange(0, 1).Draw(rt, "purchase")),
		AZ: "us-east-1b", Provider: []string{"p0", "p1"}[rapid.IntRange(0, 1).Draw(rt, "provider")],
		RegisteredCPU: reg.CPU, RegisteredMiB: reg.Memory}
	m.InstanceStarted(id, in, now)
	price, _ := cat.Price(in.Type, region)
	hourly := price.OnDemand
	if in.Purchase == Spot {
		hourly = price.Spot
	}
	vol := 30.0
	if in.Provider == "p1" {
		vol = 0
	}
	ref.instances[id] = &refInstance{inst: in, start: now, last: now, instPS: float64(hourly) / 3600,
		ebsPS: gp3 * vol / gbMonthSecs, cpu: map[ServiceID]int64{}, mem: map[ServiceID]int64{},
		instCredit: map[ServiceID]float64{}}
}

func checkAgainstReference(rt *rapid.T, m *Meter, ref *refModel, end sim.Time, lastAccrued float64) {
	r, err := m.Finish(end, ref.cat, region)
	if err != nil {
		rt.Fatal(err)
	}
	if err := r.Check(); err != nil {
		rt.Fatal(err)
	}
	if err := m.Check(); err != nil {
		rt.Fatal(err)
	}
	for id := range ref.instances {
		ref.stopInstance(id, end, false)
	}
	for id := range ref.tasks {
		ref.stopTask(id, end)
	}
	close := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-9*math.Max(1e-6, math.Abs(want)) {
			rt.Fatalf("%s = %.15g, reference %.15g", what, got, want)
		}
	}
	close("total", r.TotalUSD, ref.total)
	acc, _ := m.AccruedUSD(end, ref.cat, region)
	close("accrued at the end", acc, r.TotalUSD)
	if acc < lastAccrued-1e-12 {
		rt.Fatalf("accrued fell to %v at the end", acc)
	}
	for _, s := range r.ByService {
		close("service "+s.Service, s.USD, ref.services[m.Service(s.Service)])
	}
	for _, u := range r.Instances {
		if u.BilledHours < float64(u.Instances-u.Uncharged)/60-1e-12 || (u.Uncharged == 0 && u.BilledHours+1e-9 < u.RunHours) {
			rt.Fatalf("instances %+v billed below the minimum or the run time", u)
		}
	}
	for _, u := range r.Fargate {
		if u.TaskHours < float64(u.Tasks)/60-1e-12 {
			rt.Fatalf("Fargate %+v billed below the minimum", u)
		}
	}
}
