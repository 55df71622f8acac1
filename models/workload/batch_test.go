package workload

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestTimesSchedule(t *testing.T) {
	ts := must(NewTimes([]time.Time{t0.Add(time.Hour), t0.Add(2 * time.Hour), t0.Add(5 * time.Hour)}))
	tests := []struct {
		after, want time.Time
	}{
		{t0, t0.Add(time.Hour)},
		{t0.Add(time.Hour), t0.Add(2 * time.Hour)},
		{t0.Add(3 * time.Hour), t0.Add(5 * time.Hour)},
		{t0.Add(5 * time.Hour), time.Time{}},
	}
	for _, tt := range tests {
		if got := ts.Next(tt.after); !got.Equal(tt.want) {
			t.Errorf("Next(%s) = %s, want %s", tt.after, got, tt.want)
		}
	}
	_, err := NewTimes([]time.Time{t0, t0})
	wantFieldError(t, err, "Times[1]")
}

func TestPoissonRate(t *testing.T) {
	p := must(NewPoisson(0.5, rand.New(rand.NewPCG(3, 4))))
	n, at, end := 0, t0, t0.Add(20000*time.Second)
	for at = p.Next(at); at.Before(end); at = p.Next(at) {
		n++
	}
	// Mean 10,000, standard deviation 100.
	if n < 9600 || n > 10400 {
		t.Errorf("%d arrivals in 20,000 s at 0.5/s", n)
	}
	_, err := NewPoisson(0, rand.New(rand.NewPCG(1, 1)))
	wantFieldError(t, err, "Poisson.RatePerSecond")
}

func TestModulatedPoissonFollowsRate(t *testing.T) {
	// 1/s during the first hour of each 2-hour block, 0 otherwise.
	rate := DemandFunc(func(at time.Time) float64 {
		if at.Sub(t0)%(2*time.Hour) < time.Hour {
			return 1
		}
		return 0
	})
	end := t0.Add(20 * time.Hour)
	m := must(NewModulatedPoisson(rate, 2, end, rand.New(rand.NewPCG(9, 9))))
	n := 0
	for at := m.Next(t0); !at.IsZero(); at = m.Next(at) {
		if at.Sub(t0)%(2*time.Hour) >= time.Hour || !at.Before(end) {
			t.Fatalf("arrival at %s while the rate is zero or after End", at)
		}
		n++
	}
	// 10 busy hours at 1/s: mean 36,000, sd 190.
	if n < 35200 || n > 36800 {
		t.Errorf("%d arrivals, want ≈ 36,000", n)
	}
	if at := must(NewModulatedPoisson(Constant(0), 1, t0.Add(time.Hour), rand.New(rand.NewPCG(1, 1)))).Next(t0); !at.IsZero() {
		t.Errorf("zero rate gave an arrival at %s", at)
	}
	_, err := NewModulatedPoisson(rate, 0, end, rand.New(rand.NewPCG(1, 1)))
	wantFieldError(t, err, "ModulatedPoisson.MaxRate")
	_, err = NewModulatedPoisson(rate, 1, time.Time{}, rand.New(rand.NewPCG(1, 1)))
	wantFieldError(t, err, "ModulatedPoisson.End")
}

func TestDurationDistributions(t *testing.T) {
	const n = 40000
	rng := rand.New(rand.NewPCG(21, 22))
	exp := must(NewExponential(10*time.Minute, rng))
	ln := must(NewLogNormal(5*time.Minute, 0.5, rng))
	var sumExp float64
	lns := make([]float64, n)
	for i := range n {
		sumExp += exp.Sample().Seconds()
		lns[i] = ln.Sample().Seconds()
	}
	slices.Sort(lns)
	approx(t, "exponential mean", sumExp/n, 600, 0.02)
	approx(t, "lognormal median", lns[n/2], 300, 0.02)
	approx(t, "lognormal p84 (median·e^σ)", lns[n*8413/10000], 300*math.Exp(0.5), 0.03)
	if Fixed(90*time.Second).Sample() != 90*time.Second {
		t.Error("Fixed")
	}
	_, err := NewExponential(0, rng)
	wantFieldError(t, err, "Exponential.Mean")
	_, err = NewLogNormal(time.Minute, -1, rng)
	wantFieldError(t, err, "LogNormal.Sigma")
	_, err = NewLogNormal(0, 1, rng)
	wantFieldError(t, err, "LogNormal.Median")
}

func newTestJobStream(t testing.TB, seed uint64) *JobStream {
	t.Helper()
	arr := must(NewPoisson(1.0/60, rand.New(rand.NewPCG(seed, 1))))
	durRng := rand.New(rand.NewPCG(seed, 2))
	mix := []JobKind{
		{TaskDefinition: "etl:3", Weight: 3, Duration: must(NewLogNormal(20*time.Minute, 0.4, durRng))},
		{TaskDefinition: "report:7", Weight: 1, Duration: Fixed(5 * time.Minute)},
	}
	return must(NewJobStream(JobStreamConfig{Arrivals: arr, Mix: mix, TasksPerArrival: 2}, t0, rand.New(rand.NewPCG(seed, 3))))
}

func TestJobStreamDeterministicMix(t *testing.T) {
	a, b := newTestJobStream(t, 42), newTestJobStream(t, 42)
	counts := map[string]int{}
	prev := t0
	for i := range 8000 {
		ja, oka := a.Next()
		jb, okb := b.Next()
		if !oka || !okb || ja != jb {
			t.Fatalf("job %d differs with the same seeds: %+v vs %+v", i, ja, jb)
		}
		if !ja.At.After(prev) || ja.Count != 2 {
			t.Fatalf("job %d: %+v after %s", i, ja, prev)
		}
		if ja.TaskDefinition == "report:7" && ja.Duration != 5*time.Minute {
			t.Fatalf("fixed duration %v", ja.Duration)
		}
		prev = ja.At
		counts[ja.TaskDefinition]++
	}
	approx(t, "etl share", float64(counts["etl:3"])/8000, 0.75, 0.03)
	if ja, jb := newTestJobStream(t, 43).mustNext(t), newTestJobStream(t, 42).mustNext(t); ja == jb {
		t.Error("different seeds gave the same first job")
	}
}

func (s *JobStream) mustNext(t testing.TB) Job {
	t.Helper()
	j, ok := s.Next()
	if !ok {
		t.Fatal("no job")
	}
	return j
}

func TestJobStreamScheduleEndsAndErrors(t *testing.T) {
	ts := must(NewTimes([]time.Time{t0.Add(time.Hour), t0.Add(25 * time.Hour)}))
	s := must(NewJobStream(JobStreamConfig{Arrivals: ts, Mix: []JobKind{{TaskDefinition: "nightly", Weight: 1, Duration: Fixed(time.Hour)}}}, t0, rand.New(rand.NewPCG(1, 1))))
	var got []time.Time
	for j, ok := s.Next(); ok; j, ok = s.Next() {
		got = append(got, j.At)
		if j.Count != 1 || j.TaskDefinition != "nightly" {
			t.Errorf("job %+v", j)
		}
	}
	if len(got) != 2 {
		t.Errorf("jobs at %v, want 2", got)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	tests := []struct {
		name  string
		cfg   JobStreamConfig
		field string
	}{
		{"no arrivals", JobStreamConfig{Mix: []JobKind{{TaskDefinition: "a", Weight: 1, Duration: Fixed(1)}}}, "JobStreamConfig.Arrivals"},
		{"empty mix", JobStreamConfig{Arrivals: ts}, "JobStreamConfig.Mix"},
		{"no name", JobStreamConfig{Arrivals: ts, Mix: []JobKind{{Weight: 1, Duration: Fixed(1)}}}, "Mix[0].TaskDefinition"},
		{"zero weight", JobStreamConfig{Arrivals: ts, Mix: []JobKind{{TaskDefinition: "a", Weight: 1, Duration: Fixed(1)}, {TaskDefinition: "b", Duration: Fixed(1)}}}, "Mix[1].Weight"},
		{"no duration", JobStreamConfig{Arrivals: ts, Mix: []JobKind{{TaskDefinition: "a", Weight: 1}}}, "Mix[0].Duration"},
		{"negative count", JobStreamConfig{Arrivals: ts, Mix: []JobKind{{TaskDefinition: "a", Weight: 1, Duration: Fixed(1)}}, TasksPerArrival: -1}, "TasksPerArrival"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewJobStream(tt.cfg, t0, rng)
			wantFieldError(t, err, tt.field)
		})
	}
}
