package placement

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sliceUniverse is a rankedTieSet over a sorted universe of IDs with a
// sorted member list, tested by binary search: the plainest reading of the
// rule, against which breakTieListed is checked.
type sliceUniverse struct {
	universe []int32
	members  []int32
}

func (s *sliceUniverse) at(j int32) int32 { return s.universe[j] }

func (s *sliceUniverse) contains(id int32) bool {
	_, ok := slices.BinarySearch(s.members, id)
	return ok
}

func (s *sliceUniverse) firstFrom(r int32) int32 { return listFirstFrom(s.members, r) }

// TestBreakTieListedMatchesRanked checks that resolving a tie by the ranks of
// its members picks the same member as mapping every draw to an ID, over
// random universes, member sets (from one member to all), seeds, decisions
// and draw counts, including TieDraws 0 (scan only).
func TestBreakTieListedMatchesRanked(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for c := range 20000 {
		n := 1 + rng.IntN(300)
		universe := make([]int32, 0, n)
		for id := int32(rng.IntN(4)); len(universe) < n; id += 1 + int32(rng.IntN(5)) {
			universe = append(universe, id)
		}
		var members, ranks []int32
		p := rng.Float64()
		for j, id := range universe {
			if rng.Float64() < p {
				members, ranks = append(members, id), append(ranks, int32(j))
			}
		}
		if len(members) == 0 {
			j := rng.IntN(n)
			members, ranks = []int32{universe[j]}, []int32{int32(j)}
		}
		seed, seq, draws := rng.Uint64(), rng.Uint64N(1000), rng.IntN(10)
		want := breakTieRanked(seed, seq, draws, int32(n), &sliceUniverse{universe, members})
		if got := members[breakTieListed(seed, seq, draws, int32(n), ranks)]; got != want {
			t.Fatalf("case %d (|U| %d, |T| %d, draws %d): listed rule picks %d, ranked rule %d",
				c, n, len(members), draws, got, want)
		}
	}
}
