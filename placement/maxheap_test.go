package placement

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMaxHeapMatchesModel drives a maxHeap and a map model with random
// pushes, updates and removals.
func TestMaxHeapMatchesModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const handles = 300
	var h maxHeap
	pos := make([]int32, handles)
	for i := range pos {
		pos[i] = -1
	}
	model := map[int32]uint64{}
	for op := range 20000 {
		hd := int32(rng.IntN(handles))
		key := packKey(rng.Int64N(20), hd)
		switch {
		case pos[hd] < 0:
			h.push(key, hd, pos)
			model[hd] = key
		case rng.IntN(2) == 0:
			h.update(int(pos[hd]), key, pos)
			model[hd] = key
		default:
			h.remove(int(pos[hd]), pos)
			delete(model, hd)
		}
		if op%50 == 0 {
			checkHeap(t, &h, pos, model)
		}
	}
}

func checkHeap(t *testing.T, h *maxHeap, pos []int32, model map[int32]uint64) {
	t.Helper()
	if h.len() != len(model) {
		t.Fatalf("len %d, want %d", h.len(), len(model))
	}
	var best uint64
	for i, k := range h.keys {
		if i > 0 && h.keys[(i-1)/2] < k {
			t.Fatalf("heap order broken at %d", i)
		}
		if pos[h.handles[i]] != int32(i) || model[h.handles[i]] != k {
			t.Fatalf("element %d: handle %d key %d, pos %d model %d", i, h.handles[i], k, pos[h.handles[i]], model[h.handles[i]])
		}
		best = max(best, k)
	}
	if h.len() == 0 {
		return
	}
	if h.top() != best {
		t.Fatalf("top %d, want %d", h.top(), best)
	}
	var want []int32
	for _, k := range model {
		if keyRank(k) == keyRank(best) {
			want = append(want, keyID(k))
		}
	}
	got, complete := h.appendRank(nil, keyRank(best), 1<<30)
	slices.Sort(got)
	slices.Sort(want)
	if !complete || !slices.Equal(got, want) {
		t.Fatalf("top rank handles %v, want %v", got, want)
	}
	if len(want) > 1 {
		if part, complete := h.appendRank(nil, keyRank(best), len(want)-1); complete || len(part) != len(want)-1 {
			t.Fatalf("limited walk: %d handles, complete %v", len(part), complete)
		}
	}
}
