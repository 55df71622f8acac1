package placement

import "sort"

// scratch is engine-owned working memory reused by every decision.
type scratch struct {
	req    ixReq
	sreq   scaleReq
	cells  []int32 // cells in level order
	bounds []int   // level l is cells[bounds[l]:bounds[l+1]]
	keys   []int32 // per cell: count tuple, len(prefix) values each
	nkey   int
	desc   bool
	mark   []bool // per cell of the current partition: in the current level
	ids    []int32
	insts  []int32
	tkeys  []uint64 // task keys of a listed scale-in tie
	ranks  []int32  // their ranks among the group's running tasks
	tie    ixTie
	ttie   taskTie
	// lastGroup and lastGi cache the last group lookup (lastGi −1: none).
	lastGroup string
	lastGi    int32
}

// Len, Less and Swap sort scratch.cells by their count tuples.
func (s *scratch) Len() int { return len(s.cells) }

func (s *scratch) Less(i, j int) bool {
	a, b := s.cells[i], s.cells[j]
	for k := 0; k < s.nkey; k++ {
		x, y := s.keys[int(a)*s.nkey+k], s.keys[int(b)*s.nkey+k]
		if x != y {
			return (x < y) != s.desc
		}
	}
	return a < b
}

func (s *scratch) Swap(i, j int) { s.cells[i], s.cells[j] = s.cells[j], s.cells[i] }

// orderLevels sorts the non-empty cells of part by the group's task counts
// on the prefix attributes (ascending for placement, descending for
// scale-in) and groups equal counts into levels. It returns the number of
// levels.
func (e *Index) orderLevels(part *partition, prefix []int32, g *ixGroup, desc bool) int {
	s := &e.s
	s.cells, s.bounds, s.nkey, s.desc = s.cells[:0], s.bounds[:0], len(prefix), desc
	if len(prefix) == 0 { // one cell, one level
		if len(part.size) == 0 || part.size[0] == 0 {
			return 0
		}
		s.cells, s.bounds = append(s.cells, 0), append(s.bounds, 0, 1)
		return 1
	}
	need := len(part.cellVals) * len(prefix)
	for len(s.keys) < need {
		s.keys = append(s.keys, 0)
	}
	for c := range part.cellVals {
		if part.size[c] == 0 {
			continue
		}
		s.cells = append(s.cells, int32(c))
		for k, a := range prefix {
			s.keys[c*len(prefix)+k] = g.valueCount(a, part.cellVals[c][k])
		}
	}
	if len(prefix) > 0 {
		if len(s.cells) <= 16 {
			for i := 1; i < len(s.cells); i++ {
				for j := i; j > 0 && s.Less(j, j-1); j-- {
					s.Swap(j, j-1)
				}
			}
		} else {
			sort.Sort(s)
		}
	}
	for i := range s.cells {
		if i == 0 || s.levelBreak(i) {
			s.bounds = append(s.bounds, i)
		}
	}
	s.bounds = append(s.bounds, len(s.cells))
	return len(s.bounds) - 1
}

// levelBreak reports whether cells[i] has a different count tuple than cells[i-1].
func (s *scratch) levelBreak(i int) bool {
	a, b := int(s.cells[i-1]), int(s.cells[i])
	for k := 0; k < s.nkey; k++ {
		if s.keys[a*s.nkey+k] != s.keys[b*s.nkey+k] {
			return true
		}
	}
	return false
}

func (e *Index) level(l int) []int32 { return e.s.cells[e.s.bounds[l]:e.s.bounds[l+1]] }

// setMarks marks (or unmarks) the cells of the current level.
func (e *Index) setMarks(part *partition, cells []int32, v bool) {
	for len(e.s.mark) < len(part.cellVals) {
		e.s.mark = append(e.s.mark, false)
	}
	for _, c := range cells {
		e.s.mark[c] = v
	}
}

// inLevel reports whether instance id lies in a marked cell of part.
func (e *Index) inLevel(part *partition, id InstanceID) bool {
	c := part.cellOf[id]
	return c >= 0 && e.s.mark[c]
}
