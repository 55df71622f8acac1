package series

import (
	"math"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// at converts minutes (possibly fractional) to a sim.Time.
func at(minutes float64) sim.Time { return sim.Time(minutes * float64(time.Minute)) }

// point is one write: a Set on gauges, an Add on counters.
type point struct {
	t float64 // minutes
	v float64
}

func newRecorder(t *testing.T, cfg Config) *Recorder {
	t.Helper()
	r, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return r
}

func assertValues(t *testing.T, s *Series, want []float64) {
	t.Helper()
	if len(s.Values) != len(want) {
		t.Fatalf("%v: %d values %v, want %d %v", s, len(s.Values), s.Values, len(want), want)
	}
	for i := range want {
		if math.Abs(s.Values[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
			t.Fatalf("%v: bucket %d = %v, want %v (all %v, want %v)", s, i, s.Values[i], want[i], s.Values, want)
		}
	}
}

func TestAggregations(t *testing.T) {
	// Five one-minute buckets; writes at irregular times, including two at
	// one instant (3.5: 9 is never held) and gaps of several buckets.
	writes := []point{{0.5, 4}, {0.75, 8}, {1, 2}, {3.5, 9}, {3.5, 6}, {3.75, 1}}
	tests := []struct {
		name string
		agg  Agg
		want []float64
	}{
		// Bucket 0: 0 for 0.5, 4 for 0.25, 8 for 0.25. Bucket 3: 2 for 0.5,
		// 6 for 0.25, 1 for 0.25. Buckets 1, 2 and 4 carry a value forward.
		{"last", Last, []float64{8, 2, 2, 1, 1}},
		{"mean", Mean, []float64{0.5*0 + 0.25*4 + 0.25*8, 2, 2, 0.5*2 + 0.25*6 + 0.25*1, 1}},
		{"max", Max, []float64{8, 2, 2, 6, 1}},
		{"min", Min, []float64{0, 2, 2, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, Config{End: at(5)})
			s := r.Gauge("g", "tasks", tc.agg)
			for _, w := range writes {
				s.Set(at(w.t), w.v)
			}
			r.Close()
			assertValues(t, s, tc.want)
		})
	}
}

func TestCounter(t *testing.T) {
	tests := []struct {
		name   string
		end    float64
		writes []point
		want   []float64
	}{
		{"empty", 3, nil, []float64{0, 0, 0}},
		{"irregular", 3, []point{{0, 1}, {0.99, 2}, {2.5, 4}, {1, 8}}, []float64{3, 8, 4}},
		{"at end counts in last bucket", 3, []point{{3, 5}, {2.1, 1}}, []float64{0, 0, 6}},
		{"partial last bucket", 2.5, []point{{2.4, 7}, {2.5, 1}}, []float64{0, 0, 8}},
		{"negative adds", 2, []point{{0, 5}, {0.5, -2}}, []float64{3, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, Config{End: at(tc.end)})
			s := r.Counter("requests", "count")
			for _, w := range tc.writes {
				s.Add(at(w.t), w.v)
			}
			r.Close()
			assertValues(t, s, tc.want)
		})
	}
}

func TestCarryForward(t *testing.T) {
	tests := []struct {
		name   string
		agg    Agg
		end    float64
		writes []point
		want   []float64
	}{
		{"never set is zero", Last, 3, nil, []float64{0, 0, 0}},
		{"set once holds to the end", Mean, 4, []point{{0, 7}}, []float64{7, 7, 7, 7}},
		{"set on a boundary", Last, 4, []point{{2, 3}}, []float64{0, 0, 3, 3}},
		{"set mid-bucket then long gap", Mean, 6, []point{{1.5, 10}}, []float64{0, 5, 10, 10, 10, 10}},
		{"set at end has no effect", Max, 2, []point{{0, 1}, {2, 99}}, []float64{1, 1}},
		{"partial last bucket mean", Mean, 2.5, []point{{2.25, 4}}, []float64{0, 0, 2}},
		{"add on a gauge increments", Last, 3, []point{{0, 1}, {1.5, 1}, {2.5, -1}}, []float64{1, 2, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(t, Config{End: at(tc.end)})
			s := r.Gauge("g", "", tc.agg)
			for _, w := range tc.writes {
				if tc.name == "add on a gauge increments" {
					s.Add(at(w.t), w.v)
				} else {
					s.Set(at(w.t), w.v)
				}
			}
			r.Close()
			assertValues(t, s, tc.want)
		})
	}
}

func TestStep(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name      string
		duration  time.Duration
		res       time.Duration
		maxPoints int
		want      time.Duration
	}{
		{"one week keeps minutes", 7 * day, time.Minute, DefaultMaxPoints, time.Minute},
		{"one week and a minute doubles", 7*day + time.Minute, time.Minute, DefaultMaxPoints, 2 * time.Minute},
		{"four weeks", 28 * day, time.Minute, DefaultMaxPoints, 4 * time.Minute},
		{"a year", 365 * day, time.Minute, DefaultMaxPoints, 53 * time.Minute},
		{"short run", 90 * time.Second, time.Minute, DefaultMaxPoints, time.Minute},
		{"partial resolution counts", 61 * time.Second, time.Minute, 1, 2 * time.Minute},
		{"ten-second resolution", time.Hour, 10 * time.Second, 100, 40 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Step(tc.duration, tc.res, tc.maxPoints)
			if got != tc.want {
				t.Fatalf("Step = %v, want %v", got, tc.want)
			}
			if n := ceilDiv(int64(tc.duration), int64(got)); n > int64(tc.maxPoints) {
				t.Fatalf("%d buckets exceed %d points", n, tc.maxPoints)
			}
			if got%tc.res != 0 {
				t.Fatalf("step %v is not a multiple of %v", got, tc.res)
			}
		})
	}
}

func TestRecorderDownsamples(t *testing.T) {
	r := newRecorder(t, Config{End: sim.Time(28 * 24 * time.Hour)})
	if r.Step() != 4*time.Minute || r.Buckets() != DefaultMaxPoints {
		t.Fatalf("step %v buckets %d, want 4m and %d", r.Step(), r.Buckets(), DefaultMaxPoints)
	}
	s := r.Gauge("g", "", Mean)
	if len(s.Values) != DefaultMaxPoints || s.Time(1) != sim.Time(4*time.Minute) {
		t.Fatalf("values %d, bucket 1 at %v", len(s.Values), s.Time(1))
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		field string
	}{
		{"no end", Config{}, "End"},
		{"end before start", Config{Start: at(5), End: at(2)}, "End"},
		{"negative start", Config{Start: -1, End: at(2)}, "Start"},
		{"negative resolution", Config{End: at(2), Resolution: -time.Second}, "Resolution"},
		{"negative points", Config{End: at(2), MaxPoints: -1}, "MaxPoints"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg)
			fe, ok := err.(*FieldError)
			if !ok || fe.Field != tc.field {
				t.Fatalf("New(%+v) = %v, want a *FieldError on %s", tc.cfg, err, tc.field)
			}
		})
	}
}

func TestStartOffset(t *testing.T) {
	r := newRecorder(t, Config{Start: at(10), End: at(12)})
	s := r.Gauge("g", "", Mean)
	s.Set(at(10.5), 2)
	c := r.Counter("c", "")
	c.Add(at(11.5), 3)
	r.Close()
	assertValues(t, s, []float64{1, 2})
	assertValues(t, c, []float64{0, 3})
	if x, _ := s.XY(1); x != 11*60 {
		t.Fatalf("x of bucket 1 = %v, want 660 s", x)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func(r *Recorder)
	}{
		{"backwards", func(r *Recorder) { g := r.Gauge("g", "", Last); g.Set(at(2), 1); g.Set(at(1), 1) }},
		{"after end", func(r *Recorder) { r.Gauge("g", "", Last).Set(at(6), 1) }},
		{"before start", func(r *Recorder) { r.Counter("c", "").Add(-1, 1) }},
		{"set on counter", func(r *Recorder) { r.Counter("c", "").Set(0, 1) }},
		{"sum gauge", func(r *Recorder) { r.Gauge("g", "", Sum) }},
		{"duplicate", func(r *Recorder) {
			r.Gauge("g", "", Last, Label{"a", "1"}, Label{"b", "2"})
			r.Gauge("g", "", Mean, Label{"b", "2"}, Label{"a", "1"})
		}},
		{"duplicate label key", func(r *Recorder) { r.Gauge("g", "", Last, Label{"a", "1"}, Label{"a", "2"}) }},
		{"no name", func(r *Recorder) { r.Counter("", "") }},
		{"write after close", func(r *Recorder) { c := r.Counter("c", ""); r.Close(); c.Add(0, 1) }},
		{"set after close", func(r *Recorder) { g := r.Gauge("g", "", Mean); r.Close(); g.Set(at(5), 1) }},
		{"add after close", func(r *Recorder) { g := r.Gauge("g", "", Mean); r.Close(); g.Add(at(1), 1) }},
		{"backwards in one bucket", func(r *Recorder) { g := r.Gauge("g", "", Max); g.Set(at(0.5), 1); g.Add(at(0.25), 1) }},
		{"counter after end", func(r *Recorder) { c := r.Counter("c", ""); c.Add(at(4.5), 1); c.Add(at(5.5), 1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if len(msg) < 8 || msg[:8] != "series: " {
					t.Fatalf("recovered %q, want a series: panic", msg)
				}
			}()
			tc.f(newRecorder(t, Config{End: at(5)}))
		})
	}
}

func TestCloseSortsAndFinds(t *testing.T) {
	r := newRecorder(t, Config{End: at(2)})
	r.Gauge("running", "tasks", Last, Label{"service", "web"})
	r.Gauge("running", "tasks", Last, Label{"service", "api"})
	r.Counter("dropped", "requests")
	r.Gauge("running", "tasks", Last)
	r.Gauge("running", "tasks", Last, Label{"service", "api"}, Label{"az", "b"})
	set := r.Close()
	var got []string
	for _, s := range set {
		got = append(got, s.String())
	}
	want := []string{"dropped", "running", "running{az=b,service=api}", "running{service=api}", "running{service=web}"}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if s := set.Find("running", Label{"service", "api"}, Label{"az", "b"}); s == nil || s.String() != want[2] {
		t.Fatalf("Find = %v", s)
	}
	if s := set.Find("running", Label{"service", "db"}); s != nil {
		t.Fatalf("Find of a missing series = %v", s)
	}
	if n := len(set.Named("running")); n != 4 {
		t.Fatalf("Named(running) has %d series, want 4", n)
	}
	if again := r.Close(); len(again) != len(set) {
		t.Fatalf("second Close returned %d series", len(again))
	}
}

func TestNoAllocs(t *testing.T) {
	r := newRecorder(t, Config{End: sim.Time(7 * 24 * time.Hour)})
	g := r.Gauge("g", "", Mean)
	c := r.Counter("c", "")
	now := sim.Time(0)
	allocs := testing.AllocsPerRun(1000, func() {
		now += sim.Time(17 * time.Second)
		g.Set(now, float64(now%7))
		c.Add(now, 1)
	})
	if allocs != 0 {
		t.Fatalf("Set+Add allocate %v times per call", allocs)
	}
}
