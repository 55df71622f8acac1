package workload

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func newTestNoise(t testing.TB, seed uint64, sigma float64, corr time.Duration) *Noise {
	t.Helper()
	return must(NewNoise(NoiseConfig{Sigma: sigma, CorrelationTime: corr, Origin: t0}, rand.New(rand.NewPCG(seed, 99))))
}

// The value of a cell must not depend on when, how often or at which
// instants the noise is queried.
func TestNoiseIndependentOfQueryPattern(t *testing.T) {
	ref := newTestNoise(t, 1, 0.2, 10*time.Minute)
	want := make([]float64, 600)
	for k := range want {
		want[k] = ref.Rate(t0.Add(time.Duration(k) * time.Minute))
	}
	patterns := []struct {
		name string
		step time.Duration
	}{{"every 10s", 10 * time.Second}, {"every 7m", 7 * time.Minute}, {"every 90m", 90 * time.Minute}}
	for _, p := range patterns {
		t.Run(p.name, func(t *testing.T) {
			n := newTestNoise(t, 1, 0.2, 10*time.Minute)
			for at := t0.Add(p.step / 3); at.Before(t0.Add(600 * time.Minute)); at = at.Add(p.step) {
				k := int(at.Sub(t0) / time.Minute)
				if got := n.Rate(at); got != want[k] {
					t.Fatalf("cell %d queried at %s = %v, want %v", k, at, got, want[k])
				}
				// Re-querying the recent past returns the same values.
				if k >= 3 {
					if got := n.Rate(t0.Add(time.Duration(k-3) * time.Minute)); got != want[k-3] {
						t.Fatalf("look-back to cell %d = %v, want %v", k-3, got, want[k-3])
					}
				}
			}
		})
	}
	fresh := newTestNoise(t, 1, 0.2, 10*time.Minute)
	if before := fresh.Rate(t0.Add(-time.Hour)); before != want[0] {
		t.Errorf("before Origin = %v, want cell 0 %v", before, want[0])
	}
}

func TestNoiseStatistics(t *testing.T) {
	const sigma, n = 0.3, 100000
	corr := 20 * time.Minute
	nz := newTestNoise(t, 7, sigma, corr)
	var sum, sumLog, sumLog2, lagProd float64
	prev := 0.0
	for k := range n {
		v := nz.Rate(t0.Add(time.Duration(k) * time.Minute))
		l := math.Log(v) + sigma*sigma/2 // zero-mean log
		sum += v
		sumLog += l
		sumLog2 += l * l
		if k > 0 {
			lagProd += l * prev
		}
		prev = l
	}
	mean := sum / n
	variance := sumLog2/n - (sumLog/n)*(sumLog/n)
	phi := math.Exp(-1.0 / 20)
	// AR(1) with φ≈0.95 has an effective sample size n(1−φ)/(1+φ) ≈ 2,500.
	approx(t, "mean factor", mean, 1, 0.02)
	approx(t, "std of log", math.Sqrt(variance), sigma, 0.05)
	approx(t, "lag-1 autocorrelation", lagProd/n/variance, phi, 0.02)
}

func TestNoiseWhiteAndZero(t *testing.T) {
	z := newTestNoise(t, 3, 0, 0)
	for k := range 100 {
		if v := z.Rate(t0.Add(time.Duration(k) * time.Minute)); v != 1 {
			t.Fatalf("sigma 0 gives %v, want 1", v)
		}
	}
	w := newTestNoise(t, 3, 0.5, 0)
	if w.phi != 0 {
		t.Errorf("CorrelationTime 0 gives φ = %v, want 0", w.phi)
	}
}

func TestNoiseLookBackTooFarPanics(t *testing.T) {
	n := newTestNoise(t, 1, 0.1, 0)
	n.Rate(t0.Add(1000 * time.Minute))
	defer func() {
		if recover() == nil {
			t.Error("query 1000 cells back did not panic")
		}
	}()
	n.Rate(t0)
}

func TestNoiseErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	tests := []struct {
		name  string
		cfg   NoiseConfig
		field string
	}{
		{"no origin", NoiseConfig{Sigma: 0.1}, "NoiseConfig.Origin"},
		{"negative sigma", NoiseConfig{Sigma: -0.1, Origin: t0}, "NoiseConfig.Sigma"},
		{"negative correlation", NoiseConfig{Sigma: 0.1, CorrelationTime: -time.Second, Origin: t0}, "NoiseConfig.CorrelationTime"},
		{"negative interval", NoiseConfig{Sigma: 0.1, Interval: -time.Second, Origin: t0}, "NoiseConfig.Interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewNoise(tt.cfg, rng)
			wantFieldError(t, err, tt.field)
		})
	}
}
