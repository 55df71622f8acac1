package series

import (
	"math"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/ecsim/ecsim/sim"
)

// TestMeanIsIntegralOverWidth: for a random piecewise-constant gauge, each
// Mean bucket equals the gauge's integral over the bucket divided by the
// bucket's width, computed here independently segment by segment; Max and
// Min bound it; Last is the value just before the bucket's end.
func TestMeanIsIntegralOverWidth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		res := time.Duration(rapid.Int64Range(1, 120).Draw(t, "resolution_s")) * time.Second
		end := sim.Time(rapid.Int64Range(1, int64(6*time.Hour)).Draw(t, "end_ns"))
		maxPoints := rapid.IntRange(1, 200).Draw(t, "max_points")
		r, err := New(Config{End: end, Resolution: res, MaxPoints: maxPoints})
		if err != nil {
			t.Fatal(err)
		}
		mean, maxS, minS, last := r.Gauge("m", "", Mean), r.Gauge("x", "", Max), r.Gauge("n", "", Min), r.Gauge("l", "", Last)
		times := rapid.SliceOfN(rapid.Int64Range(0, int64(end)), 0, 60).Draw(t, "times")
		slices.Sort(times)
		values := rapid.SliceOfN(rapid.Float64Range(-1e3, 1e3), len(times), len(times)).Draw(t, "values")
		for i, tm := range times {
			for _, s := range []*Series{mean, maxS, minS, last} {
				s.Set(sim.Time(tm), values[i])
			}
		}
		r.Close()
		for b := range mean.Values {
			lo, hi := mean.Time(b), min(mean.Time(b+1), end)
			integral, mx, mn, lastV := 0.0, math.Inf(-1), math.Inf(1), 0.0
			for _, seg := range segments(times, values, end) {
				s, e := max(seg.from, lo), min(seg.to, hi)
				if e <= s {
					continue
				}
				integral += seg.v * float64(e-s)
				mx, mn, lastV = math.Max(mx, seg.v), math.Min(mn, seg.v), seg.v
			}
			want := integral / float64(hi-lo)
			if math.Abs(mean.Values[b]-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Fatalf("bucket %d [%v, %v): mean %v, want %v", b, lo, hi, mean.Values[b], want)
			}
			if maxS.Values[b] != mx || minS.Values[b] != mn || last.Values[b] != lastV {
				t.Fatalf("bucket %d: max/min/last %v/%v/%v, want %v/%v/%v", b,
					maxS.Values[b], minS.Values[b], last.Values[b], mx, mn, lastV)
			}
			if mean.Values[b] < mn-1e-9*math.Abs(mn) || mean.Values[b] > mx+1e-9*math.Abs(mx) {
				t.Fatalf("bucket %d: mean %v outside [%v, %v]", b, mean.Values[b], mn, mx)
			}
		}
	})
}

type segment struct {
	from, to sim.Time
	v        float64
}

// segments returns the pieces of the gauge: 0 from 0, then values[i] from
// times[i] to the next time (the later of two equal times wins).
func segments(times []int64, values []float64, end sim.Time) []segment {
	out := []segment{{0, end, 0}}
	for i, tm := range times {
		out[len(out)-1].to = sim.Time(tm)
		out = append(out, segment{sim.Time(tm), end, values[i]})
	}
	return out
}

// TestCounterSumsPerBucket: Adds at random times in any order (the cached
// bucket of the previous Add is reused or replaced) sum into the bucket
// that contains each time, computed here by a linear search; an Add at End
// counts in the last bucket.
func TestCounterSumsPerBucket(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		res := time.Duration(rapid.Int64Range(1, 120).Draw(t, "resolution_s")) * time.Second
		end := sim.Time(rapid.Int64Range(1, int64(6*time.Hour)).Draw(t, "end_ns"))
		r, err := New(Config{End: end, Resolution: res, MaxPoints: rapid.IntRange(1, 200).Draw(t, "max_points")})
		if err != nil {
			t.Fatal(err)
		}
		c := r.Counter("c", "")
		times := rapid.SliceOfN(rapid.Int64Range(0, int64(end)), 0, 60).Draw(t, "times")
		want := make([]float64, r.Buckets())
		for i, tm := range times {
			v := float64(i%7 + 1)
			c.Add(sim.Time(tm), v)
			b := len(want) - 1
			for k := range want {
				if lo, hi := c.Time(k), min(c.Time(k+1), end); sim.Time(tm) >= lo && sim.Time(tm) < hi {
					b = k
					break
				}
			}
			want[b] += v
		}
		r.Close()
		if !slices.Equal(c.Values, want) {
			t.Fatalf("values %v, want %v", c.Values, want)
		}
	})
}

// TestGaugeAddMatchesSet: Add on a gauge is Set to the current value plus
// the increment, whether or not the write stays in the open bucket.
func TestGaugeAddMatchesSet(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		end := sim.Time(rapid.Int64Range(1, int64(2*time.Hour)).Draw(t, "end_ns"))
		r, err := New(Config{End: end, Resolution: time.Minute, MaxPoints: rapid.IntRange(1, 200).Draw(t, "max_points")})
		if err != nil {
			t.Fatal(err)
		}
		agg := rapid.SampledFrom([]Agg{Last, Mean, Max, Min}).Draw(t, "agg")
		added, set := r.Gauge("a", "", agg), r.Gauge("s", "", agg)
		times := rapid.SliceOfN(rapid.Int64Range(0, int64(end)), 0, 60).Draw(t, "times")
		slices.Sort(times)
		for i, tm := range times {
			d := float64(i%5) - 2
			added.Add(sim.Time(tm), d)
			set.Set(sim.Time(tm), set.Current()+d)
		}
		r.Close()
		if !slices.Equal(added.Values, set.Values) {
			t.Fatalf("Add gave %v, Set gave %v", added.Values, set.Values)
		}
	})
}
