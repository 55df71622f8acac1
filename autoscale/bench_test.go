package autoscale

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// fleet is n services, each with one target-tracking policy on its own
// CPU series, driven by a diurnal demand curve (one sample per minute).
type fleet struct {
	set     *Set
	ids     []MetricID
	base    []float64 // demand in tasks' worth of CPU at 100 %
	phase   []int
	curve   [1440]float64
	in      []TargetInput
	out     []Decision
	now     time.Duration
	actions int
}

func newFleet(tb testing.TB, n int) *fleet {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 1))
	f := &fleet{set: NewSet(NewMetrics(0)), in: make([]TargetInput, n), out: make([]Decision, n)}
	for k := range f.curve {
		f.curve[k] = 1 + 0.6*math.Sin(2*math.Pi*float64(k)/1440)
	}
	for i := range n {
		id, err := f.set.Metrics().Add(MetricConfig{Name: "cpu"})
		if err != nil {
			tb.Fatal(err)
		}
		tg, _, err := f.set.NewTarget(ScalableTargetConfig{MinCapacity: 1, MaxCapacity: 200})
		if err != nil {
			tb.Fatal(err)
		}
		_, err = tg.AddTargetTracking(TargetTrackingConfig{
			PolicyName: "cpu", TargetValue: 50 + float64(r.IntN(26)), Metric: id,
			PredefinedMetricSpecification: &PredefinedMetricSpecification{PredefinedMetricType: ECSServiceAverageCPUUtilization},
			ScaleOutCooldown:              Seconds(60), ScaleInCooldown: Seconds(120),
		})
		if err != nil {
			tb.Fatal(err)
		}
		desired := 2 + r.IntN(19)
		f.ids = append(f.ids, id)
		f.base = append(f.base, float64(desired)*(0.3+0.5*r.Float64()))
		f.phase = append(f.phase, r.IntN(1440))
		f.in[i] = TargetInput{Running: desired, Desired: desired}
	}
	return f
}

// minute simulates one minute: push every service's CPU sample, evaluate
// every policy (period aggregation, both alarms, decision), apply.
func (f *fleet) minute() {
	m := f.set.Metrics()
	k := int(f.now / time.Minute)
	for i, id := range f.ids {
		demand := f.base[i] * f.curve[(k+f.phase[i])%1440]
		m.Push(id, f.now, 100*demand/float64(max(f.in[i].Running, 1)))
	}
	f.now += time.Minute
	f.set.Evaluate(f.now, f.in, f.out)
	for i := range f.out {
		if d := f.out[i]; d.Action != NoAction {
			f.in[i].Desired, f.in[i].Running = d.Desired, d.Desired
			f.actions++
		}
	}
}

func benchmarkTargetTracking(b *testing.B, n int) {
	f := newFleet(b, n)
	for range 180 { // warm up: rings full, alarms settled
		f.minute()
	}
	if f.actions == 0 {
		b.Fatal("no scaling action during warm-up: the workload does not exercise the policies")
	}
	f.actions = 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f.minute()
	}
	b.ReportMetric(float64(f.actions)/float64(b.N), "actions/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/policy")
}

func BenchmarkTargetTracking(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) { benchmarkTargetTracking(b, n) })
	}
}

func BenchmarkManagedScaling(b *testing.B) {
	ms := newManaged(b, nil)
	in := CapacityInput{Instances: 50, BusyInstances: 40, DesiredCapacity: 50, NewestLaunch: -time.Hour,
		Provisioning: []TaskGroup{group(30, 1024, 2048), group(5, 512, 4096)}}
	now := time.Duration(0)
	b.ReportAllocs()
	for b.Loop() {
		now += time.Minute
		ms.Evaluate(now, in)
	}
}

func TestSteadyStateZeroAllocs(t *testing.T) {
	f := newFleet(t, 200)
	for range 60 {
		f.minute()
	}
	if a := testing.AllocsPerRun(50, f.minute); a != 0 {
		t.Errorf("one simulated minute of 200 target-tracking policies allocates %v times", a)
	}
	tg, err := NewScalableTarget(NewMetrics(0), ScalableTargetConfig{MinCapacity: 1, MaxCapacity: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tg.AddScheduledAction(ScheduledActionConfig{ScheduledActionName: "a", Schedule: "cron(0/5 * ? * MON-FRI *)",
		Timezone: "UTC", ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(2)}}); err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(50, func() {
		at, _ := tg.NextScheduledAction()
		tg.RunScheduledActions(at, TargetInput{Desired: 1})
	}); a != 0 {
		t.Errorf("running scheduled actions allocates %v times", a)
	}
	ms := newManaged(t, nil)
	in := CapacityInput{Instances: 5, BusyInstances: 5, DesiredCapacity: 5, Provisioning: []TaskGroup{group(3, 1024, 1024)}}
	now := time.Duration(0)
	if a := testing.AllocsPerRun(50, func() { now += time.Minute; ms.Evaluate(now, in) }); a != 0 {
		t.Errorf("managed scaling evaluation allocates %v times", a)
	}
}

// BenchmarkTargetTrackingWorstCase keeps every policy's AlarmLow in ALARM
// (metric far below target at MinCapacity), so each evaluation reads all 15
// datapoints and computes a scale-in that the bounds then refuse.
func BenchmarkTargetTrackingWorstCase(b *testing.B) {
	const n = 10000
	b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
		f := newFleet(b, n)
		for i := range f.in {
			f.in[i] = TargetInput{Running: 1, Desired: 1}
			f.base[i] = 0.05 // 5 % CPU on one task, MinCapacity 1
		}
		for range 30 {
			f.minute()
		}
		if s, _ := f.set.Target(0).TargetTrackingAlarms(0); s != OK {
			b.Fatalf("AlarmHigh %v, want OK", s)
		}
		if _, s := f.set.Target(0).TargetTrackingAlarms(0); s != Alarm {
			b.Fatalf("AlarmLow %v, want ALARM", s)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			f.minute()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/policy")
	})
}
