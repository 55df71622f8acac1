package placement

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// byteSource feeds fuzz input to math/rand/v2, then continues with PCG once
// the input is used up, so the fuzzer steers a scenario's choices.
type byteSource struct {
	data []byte
	pcg  *rand.PCG
}

func (b *byteSource) Uint64() uint64 {
	if len(b.data) >= 8 {
		v := binary.LittleEndian.Uint64(b.data)
		b.data = b.data[8:]
		return v
	}
	return b.pcg.Uint64()
}

// FuzzDifferential runs a differential case (Index against Reference) whose
// cluster, policies and operations are drawn from the fuzz input.
func FuzzDifferential(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42} {
		var b []byte
		for i := range 16 {
			b = binary.LittleEndian.AppendUint64(b, seed*0x9E3779B97F4A7C15+uint64(i))
		}
		f.Add(seed, uint8(60), b)
	}
	f.Fuzz(func(t *testing.T, seed uint64, ops uint8, data []byte) {
		src := &byteSource{data: data, pcg: rand.NewPCG(seed, 0xf022)}
		runScenarioWith(t, seed, rand.New(src), 1+int(ops%120), 64)
	})
}
