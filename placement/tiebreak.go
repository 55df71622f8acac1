package placement

import (
	"math/bits"
	"slices"
)

// The tie-break rule, identical in every engine:
//
// Among the final candidate set T (instances for a placement, tasks for a
// scale-in), identified by their integer IDs in [0, space):
//
//  1. draw up to Config.TieDraws IDs uniformly from [0, space); the first
//     drawn ID that is in T wins;
//  2. otherwise draw r from [0, space) and pick the smallest ID in T that is
//     ≥ r, or the smallest ID in T when none is.
//
// For a scale-in the draws are made among the group's running tasks (all
// priorities), the universe U: draw j in [0, |U|) stands for the j-th
// smallest task ID of U, and r likewise; the rule is otherwise the same.
//
// Draw k of decision s is a pure function of (seed, s, k) (SplitMix64), where
// the decision counter s advances once per placed task and once per chosen
// scale-in victim. The rule is uniform over T except with probability
// (1 − |T|/space)^TieDraws, and an engine can evaluate it with membership
// tests and one ordered seek, without enumerating T.

// tieSet is a non-empty candidate set seen by the tie-break rule.
type tieSet interface {
	contains(id int32) bool
	// firstFrom returns the smallest member ≥ r, or the smallest member.
	firstFrom(r int32) int32
}

// tieDraw returns draw k of decision seq, uniform in [0, space).
func tieDraw(seed, seq uint64, k int, space int32) int32 {
	x := seed ^ seq*0x9E3779B97F4A7C15 ^ uint64(k+1)*0xD1B54A32D192ED03
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	hi, _ := bits.Mul64(x, uint64(space))
	return int32(hi)
}

// breakTie applies the rule to t, which must be non-empty.
func breakTie(seed, seq uint64, draws int, space int32, t tieSet) int32 {
	for k := 0; k < draws; k++ {
		if u := tieDraw(seed, seq, k, space); t.contains(u) {
			return u
		}
	}
	return t.firstFrom(tieDraw(seed, seq, draws, space))
}

// rankedTieSet is a tie set inside a universe of IDs addressed by rank.
type rankedTieSet interface {
	tieSet
	// at returns the ID of rank j in the universe.
	at(j int32) int32
}

// breakTieRanked applies the rule with draws over the ranks [0, n) of a
// universe of n IDs; t must be non-empty.
func breakTieRanked(seed, seq uint64, draws int, n int32, t rankedTieSet) int32 {
	for k := 0; k < draws; k++ {
		if u := t.at(tieDraw(seed, seq, k, n)); t.contains(u) {
			return u
		}
	}
	return t.firstFrom(t.at(tieDraw(seed, seq, draws, n)))
}

// breakTieListed applies the rule to a tie set listed by the universe ranks
// of its members (sorted, non-empty) and returns the position of the winner
// in ranks. It is breakTieRanked without mapping a single draw to an ID: a
// draw hits a member exactly when it equals the member's rank, and since
// ranks follow ID order, the smallest member ID ≥ at(r) is the member of
// smallest rank ≥ r.
func breakTieListed(seed, seq uint64, draws int, n int32, ranks []int32) int {
	for k := 0; k < draws; k++ {
		if i, ok := slices.BinarySearch(ranks, tieDraw(seed, seq, k, n)); ok {
			return i
		}
	}
	i, _ := slices.BinarySearch(ranks, tieDraw(seed, seq, draws, n))
	if i == len(ranks) {
		i = 0
	}
	return i
}

// idAlloc hands out small integer IDs, reusing the most recently freed.
type idAlloc struct {
	free []int32
	next int32
}

func (a *idAlloc) get() int32 {
	if n := len(a.free); n > 0 {
		id := a.free[n-1]
		a.free = a.free[:n-1]
		return id
	}
	a.next++
	return a.next - 1
}

func (a *idAlloc) put(id int32) { a.free = append(a.free, id) }

// space is one more than the largest ID ever handed out.
func (a *idAlloc) space() int32 { return a.next }
