package placement

import "slices"

type tieMode uint8

const (
	// tieScan: members are tested one by one; firstFrom walks IDs.
	tieScan tieMode = iota
	// tieBand: members have remaining view resource m; firstFrom seeks the
	// band in each cell's ordered set.
	tieBand
	// tieList: members are listed, sorted.
	tieList
)

// ixTie is the Index's final candidate set for one placement.
type ixTie struct {
	e     *Index
	rq    *ixReq
	mode  tieMode
	level bool  // members lie in the marked cells
	gEq   int32 // members run exactly gEq tasks of the group (−1: any)
	m     int64
	cells []int32
	list  []int32
}

func (t *ixTie) contains(id int32) bool {
	if t.mode == tieList {
		_, ok := slices.BinarySearch(t.list, id)
		return ok
	}
	e, iid := t.e, InstanceID(id)
	if !e.ok[iid] || (t.level && !e.inLevel(t.rq.plan.part, iid)) {
		return false
	}
	if t.mode == tieBand && t.rq.plan.view.res.of(e.rem[iid]) != t.m {
		return false
	}
	return e.member(iid, t.rq, t.gEq)
}

func (t *ixTie) firstFrom(r int32) int32 {
	switch t.mode {
	case tieList:
		return listFirstFrom(t.list, r)
	case tieBand:
		return t.bandFirstFrom(r)
	}
	for id := r; id < t.e.space; id++ {
		if t.contains(id) {
			return id
		}
	}
	for id := int32(0); id < r; id++ {
		if t.contains(id) {
			return id
		}
	}
	return -1
}

// bandFirstFrom seeks (m, r) in every cell of the level: the smallest member
// ID ≥ r, else (second pass, from (m, 0)) the smallest member ID.
func (t *ixTie) bandFirstFrom(r int32) int32 {
	v, need := t.rq.plan.view, t.rq.tn.need
	best := int32(-1)
	for pass := range 2 {
		lo, hi := packKey(t.m, r), packKey(t.m+1, 0)
		if pass == 1 {
			lo, hi = packKey(t.m, 0), packKey(t.m, r)
		}
		for _, c := range t.cells {
			sets := v.fitting(c, need)
			for i := range sets {
				best = t.firstMember(&sets[i], lo, hi, best)
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// firstMember returns the smallest member ID in s with a key in [lo, hi)
// if it is below best (−1: none yet), else best.
func (t *ixTie) firstMember(s *ordset, lo, hi uint64, best int32) int32 {
	need := t.rq.tn.need
	for cur := s.seekFit(lo, need, hi); s.valid(cur) && s.key(cur) < hi; cur = s.nextFit(cur, need, hi) {
		id := keyID(s.key(cur))
		if best >= 0 && id >= best {
			break
		}
		if t.e.member(InstanceID(id), t.rq, t.gEq) {
			return id
		}
	}
	return best
}

// listFirstFrom returns the smallest element of the sorted, non-empty list
// that is ≥ r, or its first element.
func listFirstFrom(list []int32, r int32) int32 {
	i, _ := slices.BinarySearch(list, r)
	if i == len(list) {
		i = 0
	}
	return list[i]
}
