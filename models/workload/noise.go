package workload

import (
	"math"
	"math/rand/v2"
	"time"
)

// noiseHistory is how many past grid cells a Noise keeps; queries further
// back than this are a programmer error (simulated time never runs back).
const noiseHistory = 256

// NoiseConfig describes multiplicative lognormal noise with AR(1) smoothing.
type NoiseConfig struct {
	// Sigma is the standard deviation of the log of the factor (0.1 ≈ ±10 %).
	Sigma float64
	// CorrelationTime is the AR(1) time constant τ: successive cells are
	// correlated by φ = exp(−Interval/τ). 0 gives independent cells.
	CorrelationTime time.Duration
	// Interval is the grid on which the noise changes; 0 means one minute.
	Interval time.Duration
	// Origin anchors the grid: cell 0 starts here and the process starts in
	// its stationary distribution at cell 0. Use the scenario start.
	Origin time.Time
}

// Noise is a dimensionless factor exp(σX_k − σ²/2) with mean 1, where X_k is
// a stationary AR(1) process with unit variance on a grid of cells of
// length Interval starting at Origin:
//
//	X_0 = Z_0,  X_k = φX_{k−1} + √(1−φ²)·Z_k,  Z_k ~ N(0,1) from the stream.
//
// Determinism: cell k always consumes the k-th normal draw of its stream,
// whatever instants Rate is asked for and however often, so the same seed
// gives the same noise for any step size. Rate advances the state lazily to
// the cell of t; it may look back up to 256 cells and panics beyond that.
// Times before Origin get cell 0. A Noise is not safe for concurrent use and
// must own its stream.
type Noise struct {
	sigma, phi, innov, meanFix float64
	interval                   time.Duration
	origin                     time.Time
	rng                        *rand.Rand
	cur                        int64 // last generated cell; -1 before the first
	x                          float64
	ring                       [noiseHistory]float64 // factor of cell k at k%noiseHistory
}

// NewNoise validates cfg and returns the noise, drawing from rng.
func NewNoise(cfg NoiseConfig, rng *rand.Rand) (*Noise, error) {
	if rng == nil {
		panic("workload: NewNoise with a nil *rand.Rand")
	}
	if err := checkNonNegative("NoiseConfig.Sigma", cfg.Sigma); err != nil {
		return nil, err
	}
	if cfg.CorrelationTime < 0 {
		return nil, fieldErr("NoiseConfig.CorrelationTime", "%v is negative", cfg.CorrelationTime)
	}
	if cfg.Interval < 0 {
		return nil, fieldErr("NoiseConfig.Interval", "%v is negative", cfg.Interval)
	}
	if cfg.Origin.IsZero() {
		return nil, fieldErr("NoiseConfig.Origin", "required (the scenario start)")
	}
	n := &Noise{sigma: cfg.Sigma, interval: cfg.Interval, origin: cfg.Origin, rng: rng, cur: -1}
	if n.interval == 0 {
		n.interval = time.Minute
	}
	if cfg.CorrelationTime > 0 {
		n.phi = math.Exp(-n.interval.Seconds() / cfg.CorrelationTime.Seconds())
	}
	n.innov = math.Sqrt(1 - n.phi*n.phi)
	n.meanFix = -cfg.Sigma * cfg.Sigma / 2
	return n, nil
}

// Rate returns the noise factor of the grid cell containing t.
func (n *Noise) Rate(t time.Time) float64 {
	k := int64(0)
	if d := t.Sub(n.origin); d > 0 {
		k = int64(d / n.interval)
	}
	for n.cur < k {
		n.advance()
	}
	if k <= n.cur-noiseHistory {
		panic("workload: Noise queried more than 256 intervals before its latest cell")
	}
	return n.ring[k%noiseHistory]
}

func (n *Noise) advance() {
	z := n.rng.NormFloat64()
	if n.cur < 0 {
		n.x = z
	} else {
		n.x = n.phi*n.x + n.innov*z
	}
	n.cur++
	n.ring[n.cur%noiseHistory] = math.Exp(n.sigma*n.x + n.meanFix)
}
