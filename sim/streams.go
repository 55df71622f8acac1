package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// streams hands out one PCG generator per name. The generator for a name
// depends only on the seed and the name, never on which other streams
// exist or in which order they were asked for.
type streams struct {
	seed uint64
	m    map[string]*rand.Rand
}

func newStreams(seed uint64) streams {
	return streams{seed: seed, m: make(map[string]*rand.Rand)}
}

// Stream returns the random stream named name (for example
// "asg/web/launch-latency"), creating it on first use. Repeated calls
// with the same name return the same generator, which continues where it
// left off.
func (e *Engine) Stream(name string) *rand.Rand {
	if r, ok := e.streams.m[name]; ok {
		return r
	}
	r := rand.New(NewSource(e.streams.seed, name))
	e.streams.m[name] = r
	return r
}

// NewSource returns the PCG source a stream named name gets under seed.
// It is exported so tools (and tests) can reproduce a stream outside an
// engine.
func NewSource(seed uint64, name string) *rand.PCG {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name)) // hash.Hash.Write never fails
	n := h.Sum64()
	return rand.NewPCG(splitmix64(seed^n), splitmix64(n+0x9e3779b97f4a7c15))
}

// splitmix64 scrambles x so that nearby seeds and names give unrelated
// PCG states (SplitMix64 finaliser, Steele et al. 2014).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
