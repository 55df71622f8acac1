package placement

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestOrdsetMatchesSortedSlice drives an ordset and a sorted slice with the
// same random operations and compares contents, seeks and walks.
func TestOrdsetMatchesSortedSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		var s ordset
		var want []uint64
		keySpace := uint64(50 + rng.IntN(5000))
		for op := range 4000 {
			k := rng.Uint64N(keySpace)
			i, found := slices.BinarySearch(want, k)
			if rng.IntN(3) > 0 && !found {
				s.insert(k, Resources{CPU: CPUUnits(k % 7)})
				want = slices.Insert(want, i, k)
			} else if got := s.remove(k); got != found {
				t.Fatalf("round %d op %d: remove(%d) = %v, want %v", round, op, k, got, found)
			} else if found {
				want = slices.Delete(want, i, i+1)
			}
			if op%97 == 0 {
				checkOrdset(t, &s, want, rng.Uint64N(keySpace+2))
			}
		}
		checkOrdset(t, &s, want, 0)
	}
}

func checkOrdset(t *testing.T, s *ordset, want []uint64, probe uint64) {
	t.Helper()
	if s.len() != len(want) {
		t.Fatalf("len = %d, want %d", s.len(), len(want))
	}
	var got []uint64
	for c := s.seek(0); s.valid(c); c = s.next(c) {
		got = append(got, s.key(c))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("forward walk differs: %d keys vs %d", len(got), len(want))
	}
	got = got[:0]
	for c := s.last(); s.valid(c); c = s.prev(c) {
		got = append(got, s.key(c))
	}
	slices.Reverse(got)
	if !slices.Equal(got, want) {
		t.Fatal("backward walk differs")
	}
	i, _ := slices.BinarySearch(want, probe)
	c := s.seek(probe)
	if (i == len(want)) != !s.valid(c) || (i < len(want) && s.key(c) != want[i]) {
		t.Fatalf("seek(%d) disagrees with slice index %d", probe, i)
	}
	// seekFit/nextFit must visit exactly the keys ≥ probe whose payload
	// (CPU = key mod 7) covers the need.
	need := Resources{CPU: CPUUnits(probe % 7)}
	var fits, wantFits []uint64
	hi := probe + uint64(len(want))*3 // an upper bound inside the key space
	for c := s.seekFit(probe, need, hi); s.valid(c) && s.key(c) < hi; c = s.nextFit(c, need, hi) {
		fits = append(fits, s.key(c))
	}
	for _, k := range want[i:] {
		if CPUUnits(k%7) >= need.CPU && k < hi {
			wantFits = append(wantFits, k)
		}
	}
	if !slices.Equal(fits, wantFits) {
		t.Fatalf("fit walk from %d (need cpu %d): %d keys, want %d", probe, need.CPU, len(fits), len(wantFits))
	}
	// ranks of a sorted sample must be their positions, and at must invert them.
	var sample []uint64
	var wantRanks []int32
	for j := 0; j < len(want); j += 1 + int(probe%5) {
		sample, wantRanks = append(sample, want[j]), append(wantRanks, int32(j))
	}
	if got := s.ranks(nil, sample); !slices.Equal(got, wantRanks) {
		t.Fatalf("ranks of %d sampled keys differ from their positions", len(sample))
	}
	for _, r := range wantRanks {
		if s.at(int(r)) != want[r] {
			t.Fatalf("at(%d) = %d, want %d", r, s.at(int(r)), want[r])
		}
	}
	for b := range s.blocks {
		var m Resources
		for _, x := range s.blocks[b] {
			m = maxRes(m, x.res)
		}
		if !s.bmax[b].Covers(m) {
			t.Fatalf("block %d bound %v below the maximum %v", b, s.bmax[b], m)
		}
	}
}

func TestPackKeyOrder(t *testing.T) {
	if !(packKey(5, 9) < packKey(6, 0) && packKey(5, 1) < packKey(5, 2)) {
		t.Error("packKey does not order by rank then ID")
	}
	if keyRank(packKey(123, 77)) != 123 || keyID(packKey(123, 77)) != 77 {
		t.Error("packKey does not round-trip")
	}
}

func TestOrdsetSteadyStateDoesNotAllocate(t *testing.T) {
	var s ordset
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]uint64, 5000)
	for i := range keys {
		keys[i] = packKey(rng.Int64N(10000), int32(i))
		s.insert(keys[i], Resources{})
	}
	for range 20000 { // let block structure settle
		i := rng.IntN(len(keys))
		s.remove(keys[i])
		keys[i] = packKey(rng.Int64N(10000), int32(i))
		s.insert(keys[i], Resources{})
	}
	allocs := testing.AllocsPerRun(2000, func() {
		i := rng.IntN(len(keys))
		s.remove(keys[i])
		keys[i] = packKey(rng.Int64N(10000), int32(i))
		s.insert(keys[i], Resources{})
	})
	if allocs > 0.01 {
		t.Errorf("steady-state update allocates %v per op", allocs)
	}
}
