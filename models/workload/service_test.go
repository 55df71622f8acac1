package workload

import (
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func webTask() TaskProfile {
	return TaskProfile{CPU: 512, CapacityPerSecond: 50, MemoryReservation: 500, MemoryHardLimit: 1000,
		BaseMemory: 200, MemoryPerRequestPerSecond: 2}
}

func newTestService(t testing.TB, d Demand, task TaskProfile, q QueueConfig, slo Seconds) *Service {
	t.Helper()
	return must(NewService(ServiceConfig{Demand: d, Task: task, Queue: q, SLOTarget: slo}))
}

func TestServiceSteadyState(t *testing.T) {
	s := newTestService(t, Constant(100), webTask(), QueueConfig{}, 0)
	got := s.Step(t0, time.Minute, 4, 0)
	q := NewMMC(100, 50, 4)
	if got.Arrived != 6000 || got.Served != 6000 || got.Dropped != 0 || got.Backlog != 0 {
		t.Errorf("counts %+v", got)
	}
	approx(t, "CPU", float64(got.CPU), 50, 1e-12)
	approx(t, "Memory", float64(got.Memory), 50, 1e-12) // (200 + 2×25) / 500
	approx(t, "Busy", got.Busy, 0.5, 1e-12)
	approx(t, "P95", float64(got.P95), float64(q.ResponseQuantile(0.95)), 1e-12)
	approx(t, "P99", float64(got.P99), float64(q.ResponseQuantile(0.99)), 1e-12)
	approx(t, "mean", float64(got.MeanResponse), float64(q.MeanResponse()), 1e-12)
	if !got.MetricsPublished || got.OverMemoryLimit || got.SLOViolated {
		t.Errorf("flags %+v", got)
	}
}

func TestServiceOverloadBacklogDropsAndRecovery(t *testing.T) {
	s := newTestService(t, Constant(300), webTask(), QueueConfig{QueueLimit: 9000}, 1)
	steady := NewMMC(0.99*200, 50, 4)
	// Capacity 4×50 = 200/s, demand 300/s: the backlog grows 100/s.
	a := s.Step(t0, time.Minute, 4, 0)
	if a.Backlog != 6000 || a.Served != 12000 || a.Dropped != 0 || a.CPU != 100 {
		t.Errorf("first overloaded minute: %+v", a)
	}
	// p95 of a rising backlog: b(0.95·60 s)/200 plus the stationary part.
	approx(t, "P95 overloaded", float64(a.P95), 0.95*6000/200+float64(steady.ResponseQuantile(0.95)), 1e-12)
	approx(t, "mean overloaded", float64(a.MeanResponse), 3000.0/200+float64(steady.MeanResponse()), 1e-12)
	if !a.SLOViolated {
		t.Error("SLO not violated with a 30 s p95 and a 1 s target")
	}
	// The limit is hit 30 s into the second minute: 3,000 requests dropped.
	b := s.Step(t0.Add(time.Minute), time.Minute, 4, 0)
	if b.Backlog != 9000 || b.Dropped != 3000 || b.Served != 12000 {
		t.Errorf("second minute: %+v", b)
	}
	approx(t, "mean backlog with clamp", float64(b.MeanResponse)-float64(steady.MeanResponse()), (30*(6000+9000)/2.0+30*9000)/60/200, 1e-12)
	// Eight tasks (400/s) drain 100/s: 9,000 → 3,000 → empty after 30 s.
	c := s.Step(t0.Add(2*time.Minute), time.Minute, 8, 0)
	if c.Backlog != 3000 || c.Served != 24000 || c.Dropped != 0 {
		t.Errorf("draining minute: %+v", c)
	}
	d := s.Step(t0.Add(3*time.Minute), time.Minute, 8, 0)
	if d.Backlog != 0 || d.Served != 21000 {
		t.Errorf("drained minute: %+v", d)
	}
	e := s.Step(t0.Add(4*time.Minute), time.Minute, 8, 0)
	approx(t, "P95 after recovery", float64(e.P95), float64(NewMMC(300, 50, 8).ResponseQuantile(0.95)), 1e-12)
	tot := s.Totals()
	if tot.Steps != 5 || tot.Arrived != 5*18000 || tot.Dropped != 3000 || tot.Served+tot.Dropped != tot.Arrived {
		t.Errorf("totals %+v", tot)
	}
	if tot.SLOViolation != 4*time.Minute {
		t.Errorf("SLO violation %v, want 4m (the recovered minute meets the target)", tot.SLOViolation)
	}
}

func TestServiceWithoutTasks(t *testing.T) {
	s := newTestService(t, Constant(10), webTask(), QueueConfig{}, 0.5)
	got := s.Step(t0, time.Minute, 0, 0)
	if got.MetricsPublished || got.CPU != 0 || got.Served != 0 || got.Backlog != 600 || !math.IsInf(float64(got.P95), 1) || !got.SLOViolated {
		t.Errorf("no tasks, demand 10/s: %+v", got)
	}
	idle := newTestService(t, Constant(0), webTask(), QueueConfig{}, 0.5)
	got = idle.Step(t0, time.Minute, 0, 0)
	if got.P95 != 0 || got.MeanResponse != 0 || got.SLOViolated || got.MetricsPublished {
		t.Errorf("no tasks, no demand: %+v", got)
	}
}

func TestServiceBurstingOnEC2(t *testing.T) {
	burst := webTask()
	burst.Ceiling = BurstToInstanceIdle
	tests := []struct {
		name     string
		task     TaskProfile
		burstCap Percent
		wantCPU  float64
		backlog  bool
	}{
		// 300/s over 2 tasks: 150/s each = 300 % of a 50/s reservation.
		{"task-level cpu caps at 100 %", webTask(), 400, 100, true},
		{"no task-level cpu bursts to 300 %", burst, 400, 300, false},
		{"burst ceiling limits at 250 %", burst, 250, 250, true},
		{"ceiling below 100 counts as 100", burst, 40, 100, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestService(t, Constant(300), tt.task, QueueConfig{}, 0)
			got := s.Step(t0, time.Minute, 2, tt.burstCap)
			approx(t, "CPU", float64(got.CPU), tt.wantCPU, 1e-12)
			if (got.Backlog > 0) != tt.backlog {
				t.Errorf("backlog %v, want backlog: %v", got.Backlog, tt.backlog)
			}
		})
	}
}

func TestServiceMemoryOverHardLimit(t *testing.T) {
	task := TaskProfile{CPU: 256, CapacityPerSecond: 100, MemoryReservation: 256, MemoryHardLimit: 512, BaseMemory: 400, MemoryPerRequestPerSecond: 10}
	s := newTestService(t, Constant(40), task, QueueConfig{}, 0)
	got := s.Step(t0, time.Minute, 2, 0) // 20/s per task: 600 MiB > 512
	if !got.OverMemoryLimit || got.Memory != 200 {
		t.Errorf("memory %v%%, over limit %v; want 200%% (soft limit denominator) and true", got.Memory, got.OverMemoryLimit)
	}
}

func TestServiceSamplesDemandAtMidpoint(t *testing.T) {
	ramp := must(NewLinearRamp(LinearRampConfig{Start: t0, End: t0.Add(time.Hour), From: 0, To: 3600}))
	s := newTestService(t, ramp, webTask(), QueueConfig{}, 0)
	got := s.Step(t0.Add(10*time.Minute), time.Minute, 100, 0)
	approx(t, "demand", got.DemandPerSecond, 630, 1e-12)
	approx(t, "arrived = ∫ demand", got.Arrived, integrate(ramp, t0.Add(10*time.Minute), t0.Add(11*time.Minute), time.Second), 1e-12)
}

func TestServiceSLOPercentile(t *testing.T) {
	for _, p := range []float64{0.5, 0.95, 0.99} {
		s := must(NewService(ServiceConfig{Demand: Constant(100), Task: webTask(), SLOTarget: 0.05, SLOPercentile: p}))
		got := s.Step(t0, time.Minute, 4, 0)
		want := NewMMC(100, 50, 4).ResponseQuantile(p) > 0.05
		if got.SLOViolated != want {
			t.Errorf("p%v: violated %v, want %v", p, got.SLOViolated, want)
		}
	}
}

func TestServiceConfigErrors(t *testing.T) {
	bad := func(f func(*ServiceConfig)) ServiceConfig {
		cfg := ServiceConfig{Demand: Constant(1), Task: webTask()}
		f(&cfg)
		return cfg
	}
	tests := []struct {
		name  string
		cfg   ServiceConfig
		field string
	}{
		{"no demand", bad(func(c *ServiceConfig) { c.Demand = nil }), "ServiceConfig.Demand"},
		{"zero cpu", bad(func(c *ServiceConfig) { c.Task.CPU = 0 }), "TaskProfile.CPU"},
		{"zero capacity", bad(func(c *ServiceConfig) { c.Task.CapacityPerSecond = 0 }), "TaskProfile.CapacityPerSecond"},
		{"idle 100", bad(func(c *ServiceConfig) { c.Task.IdleCPU = 100 }), "TaskProfile.IdleCPU"},
		{"ceiling", bad(func(c *ServiceConfig) { c.Task.Ceiling = 9 }), "TaskProfile.Ceiling"},
		{"no memory", bad(func(c *ServiceConfig) { c.Task.MemoryReservation = 0 }), "TaskProfile.MemoryReservation"},
		{"hard below soft", bad(func(c *ServiceConfig) { c.Task.MemoryHardLimit = 100 }), "TaskProfile.MemoryHardLimit"},
		{"negative base", bad(func(c *ServiceConfig) { c.Task.BaseMemory = -1 }), "TaskProfile.BaseMemory"},
		{"negative per rps", bad(func(c *ServiceConfig) { c.Task.MemoryPerRequestPerSecond = -1 }), "TaskProfile.MemoryPerRequestPerSecond"},
		{"concurrency", bad(func(c *ServiceConfig) { c.Queue.Concurrency = -2 }), "QueueConfig.Concurrency"},
		{"queue limit", bad(func(c *ServiceConfig) { c.Queue.QueueLimit = -2 }), "QueueConfig.QueueLimit"},
		{"rho max", bad(func(c *ServiceConfig) { c.Queue.MaxStationaryUtilisation = 1 }), "QueueConfig.MaxStationaryUtilisation"},
		{"slo target", bad(func(c *ServiceConfig) { c.SLOTarget = -1 }), "ServiceConfig.SLOTarget"},
		{"slo percentile", bad(func(c *ServiceConfig) { c.SLOPercentile = 1 }), "ServiceConfig.SLOPercentile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewService(tt.cfg)
			wantFieldError(t, err, tt.field)
		})
	}
}

func TestStepDoesNotAllocate(t *testing.T) {
	svcs, running := benchServices(t, 20)
	w := must(NewWorker(WorkerConfig{Arrivals: Constant(50), Task: webTask()}))
	now := t0
	allocs := testing.AllocsPerRun(200, func() {
		for i, s := range svcs {
			s.Step(now, time.Minute, running[i], 200)
		}
		w.Step(now, time.Minute, 2, 0)
		now = now.Add(time.Minute)
	})
	if allocs != 0 {
		t.Errorf("Step allocates %v times per round", allocs)
	}
}

// Properties over random step sequences: Fargate CPU ≤ 100 %, requests
// conserved, backlog within [0, limit].
func TestServiceInvariantsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		task := TaskProfile{
			CPU:               CPUUnits(rapid.SampledFrom([]int{256, 512, 1024, 4096}).Draw(t, "cpu")),
			CapacityPerSecond: rapid.Float64Range(0.1, 500).Draw(t, "capacity"),
			IdleCPU:           Percent(rapid.Float64Range(0, 50).Draw(t, "idle")),
			MemoryReservation: 1024, BaseMemory: 100, MemoryPerRequestPerSecond: 1,
		}
		limit := rapid.SampledFrom([]float64{0, 1, 1000, 1e6}).Draw(t, "limit")
		demand := DemandFunc(func(at time.Time) float64 { return float64(at.Unix()%1000) * 3 })
		s, err := NewService(ServiceConfig{Demand: demand, Task: task, Queue: QueueConfig{QueueLimit: limit, Concurrency: rapid.IntRange(0, 8).Draw(t, "conc")}})
		if err != nil {
			t.Fatal(err)
		}
		now := t0
		for i := range rapid.IntRange(1, 30).Draw(t, "steps") {
			before := s.Backlog()
			dt := time.Duration(rapid.IntRange(1, 600).Draw(t, "dt")) * time.Second
			now = now.Add(time.Duration(rapid.IntRange(0, 999).Draw(t, "jump")) * time.Second)
			got := s.Step(now, dt, rapid.IntRange(0, 50).Draw(t, "running"), Percent(rapid.Float64Range(0, 1000).Draw(t, "burst")))
			if got.CPU > 100 || got.CPU < 0 {
				t.Fatalf("step %d: Fargate CPU %v%%", i, got.CPU)
			}
			lim := math.Inf(1)
			if limit > 0 {
				lim = limit
			}
			if got.Backlog < 0 || got.Backlog > lim {
				t.Fatalf("step %d: backlog %v outside [0, %v]", i, got.Backlog, lim)
			}
			if bal := got.Arrived - got.Served - got.Dropped - (got.Backlog - before); math.Abs(bal) > 1e-9*max(got.Arrived, 1) {
				t.Fatalf("step %d: requests not conserved (off by %v): %+v", i, bal, got)
			}
			if got.Served < 0 || got.Dropped < 0 {
				t.Fatalf("step %d: negative counts %+v", i, got)
			}
		}
	})
}

// Property: from the same state, more demand never lowers latency and more
// tasks never raise it.
func TestServiceLatencyMonotoneProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		task := webTask()
		task.CapacityPerSecond = rapid.Float64Range(1, 200).Draw(t, "capacity")
		q := QueueConfig{Concurrency: rapid.IntRange(1, 4).Draw(t, "conc"), QueueLimit: rapid.SampledFrom([]float64{0, 500, 1e5}).Draw(t, "limit")}
		history := rapid.Float64Range(0, 2000).Draw(t, "history demand")
		running := rapid.IntRange(1, 20).Draw(t, "running")
		l1 := rapid.Float64Range(0, 3000).Draw(t, "demand1")
		l2 := rapid.Float64Range(l1, 3000).Draw(t, "demand2")
		extra := rapid.IntRange(0, 5).Draw(t, "extra tasks")
		run := func(now float64, tasks int) ServiceSample {
			var cur float64 = history
			d := DemandFunc(func(time.Time) float64 { return cur })
			s := must(NewService(ServiceConfig{Demand: d, Task: task, Queue: q}))
			s.Step(t0, time.Minute, running, 0) // build the same backlog
			cur = now
			return s.Step(t0.Add(time.Minute), time.Minute, tasks, 0)
		}
		a, b, c := run(l1, running), run(l2, running), run(l2, running+extra)
		le := func(x, y Seconds) bool { return x <= y*(1+1e-9) || math.IsInf(float64(y), 1) }
		if !le(a.P95, b.P95) || !le(a.P99, b.P99) || !le(a.MeanResponse, b.MeanResponse) {
			t.Fatalf("demand %v → %v lowered latency: p95 %v → %v, p99 %v → %v, mean %v → %v", l1, l2, a.P95, b.P95, a.P99, b.P99, a.MeanResponse, b.MeanResponse)
		}
		if !le(c.P95, b.P95) || !le(c.P99, b.P99) || !le(c.MeanResponse, b.MeanResponse) {
			t.Fatalf("%d extra tasks raised latency: p95 %v → %v", extra, b.P95, c.P95)
		}
	})
}

// Same seeds, same demand: two independently built fleets of services
// produce identical samples, whatever else runs in between.
func TestSameSeedSameSamples(t *testing.T) {
	a, runA := benchServices(t, 30)
	b, runB := benchServices(t, 30)
	_ = must(NewNoise(NoiseConfig{Sigma: 1, Origin: t0}, newStream(99))).Rate(t0.Add(time.Hour)) // unrelated draws
	now := benchStart
	for m := range 300 {
		for i := range a {
			sa, sb := a[i].Step(now, time.Minute, runA[i], 200), b[i].Step(now, time.Minute, runB[i], 200)
			if sa != sb {
				t.Fatalf("minute %d service %d: %+v vs %+v", m, i, sa, sb)
			}
		}
		now = now.Add(time.Minute)
	}
}

// StepTo into a sample left over from another service gives exactly what
// Step gives: every field is written.
func TestStepToOverwritesEveryField(t *testing.T) {
	a, runA := benchServices(t, 6)
	b, _ := benchServices(t, 6)
	var reused ServiceSample
	now := benchStart
	for m := range 120 {
		for i := range a {
			// Leave a different service's sample, with every field set, behind.
			reused = ServiceSample{Start: now.Add(time.Hour), Length: time.Hour, Running: 99, DemandPerSecond: 1, Arrived: 1,
				Served: 1, Dropped: 1, Backlog: 1, Busy: 1, CPU: 1, Memory: 1, MetricsPublished: true, OverMemoryLimit: true,
				MeanResponse: 1, P95: 1, P99: 1, SLOViolated: true}
			running := runA[i]
			if m%7 == 0 {
				running = 0 // no tasks: CPU, memory and the flags must be cleared
			}
			a[i].StepTo(&reused, now, time.Minute, running, 200)
			if want := b[i].Step(now, time.Minute, running, 200); reused != want {
				t.Fatalf("minute %d service %d: StepTo %+v, Step %+v", m, i, reused, want)
			}
		}
		now = now.Add(time.Minute)
	}
}
