package workload

import (
	"fmt"
	"math"
	"time"
)

// SpikeShape is the time profile of a spike.
type SpikeShape int

const (
	// Square holds Height for Duration: area Height×Duration.
	Square SpikeShape = iota
	// Triangle rises linearly to Height at the middle of Duration and falls
	// back to 0 at its end: area Height×Duration/2.
	Triangle
	// ExpDecay jumps to Height at At and decays exponentially with time
	// constant Duration (never cut off): area Height×Duration.
	ExpDecay
)

var spikeShapeNames = [...]string{Square: "square", Triangle: "triangle", ExpDecay: "exp-decay"}

// String returns the shape's name as ParseSpikeShape accepts it.
func (s SpikeShape) String() string {
	if s < 0 || int(s) >= len(spikeShapeNames) {
		return fmt.Sprintf("SpikeShape(%d)", int(s))
	}
	return spikeShapeNames[s]
}

// ParseSpikeShape parses "square", "triangle" or "exp-decay".
func ParseSpikeShape(name string) (SpikeShape, error) {
	for i, n := range spikeShapeNames {
		if n == name {
			return SpikeShape(i), nil
		}
	}
	return 0, fieldErr("SpikeConfig.Shape", "unknown shape %q (want square, triangle or exp-decay)", name)
}

// SpikeConfig describes one additive burst of demand.
type SpikeConfig struct {
	At       time.Time
	Height   float64       // peak rate added, requests/s; finite, ≥ 0
	Duration time.Duration // > 0; the time constant for ExpDecay
	Shape    SpikeShape
}

// Spike is an additive Demand: add it to a base with Sum. It is 0 outside
// the spike.
type Spike struct {
	at     time.Time
	height float64
	durSec float64
	shape  SpikeShape
}

// NewSpike validates cfg and returns the spike.
func NewSpike(cfg SpikeConfig) (*Spike, error) {
	if err := checkNonNegative("SpikeConfig.Height", cfg.Height); err != nil {
		return nil, err
	}
	if cfg.Duration <= 0 {
		return nil, fieldErr("SpikeConfig.Duration", "%v must be positive", cfg.Duration)
	}
	if cfg.Shape < Square || cfg.Shape > ExpDecay {
		return nil, fieldErr("SpikeConfig.Shape", "unknown shape %d", int(cfg.Shape))
	}
	return &Spike{at: cfg.At, height: cfg.Height, durSec: cfg.Duration.Seconds(), shape: cfg.Shape}, nil
}

// Rate returns the spike's added rate at t.
func (s *Spike) Rate(t time.Time) float64 {
	x := t.Sub(s.at).Seconds() / s.durSec // elapsed, in durations
	if x < 0 {
		return 0
	}
	switch s.shape {
	case Triangle:
		if x >= 1 {
			return 0
		}
		return s.height * (1 - math.Abs(2*x-1))
	case ExpDecay:
		return s.height * math.Exp(-x)
	default:
		if x >= 1 {
			return 0
		}
		return s.height
	}
}

// Area returns the extra requests the spike adds in total.
func (s *Spike) Area() float64 {
	if s.shape == Triangle {
		return s.height * s.durSec / 2
	}
	return s.height * s.durSec
}
