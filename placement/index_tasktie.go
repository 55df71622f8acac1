package placement

import "slices"

// bandEnumLimit bounds how many band instances a scale-in tie enumerates
// before it walks the group's tasks in ID order instead.
const bandEnumLimit = 64

// taskTie is the Index's final candidate set for one scale-in choice.
type taskTie struct {
	e     *Index
	sr    *scaleReq
	mode  tieMode
	level bool
	sv    *scaleView
	m     int64
	cells []int32
	list  []int32
}

func (t *taskTie) contains(id int32) bool {
	if t.mode == tieList {
		_, ok := slices.BinarySearch(t.list, id)
		return ok
	}
	e := t.e
	if int(id) >= len(e.tasks) {
		return false
	}
	tk := &e.tasks[id]
	if !e.candidate(tk, t.sr) || (t.level && !e.inLevel(t.sr.plan.part, tk.inst)) {
		return false
	}
	return t.mode != tieBand || e.stopKey(t.sv, tk) == t.m
}

func (t *taskTie) firstFrom(r int32) int32 {
	if t.mode == tieList {
		i, _ := slices.BinarySearch(t.list, r)
		if i == len(t.list) {
			i = 0
		}
		return t.list[i]
	}
	if t.mode == tieBand && t.enumerateBand() {
		return (&taskTie{mode: tieList, list: t.e.s.ids}).firstFrom(r)
	}
	s := &t.e.groups[t.sr.gi].sc.tasks
	for cur := s.seek(uint64(r)); s.valid(cur); cur = s.next(cur) {
		if id := int32(s.key(cur)); t.contains(id) {
			return id
		}
	}
	for cur := s.seek(0); s.valid(cur) && int32(s.key(cur)) < r; cur = s.next(cur) {
		if id := int32(s.key(cur)); t.contains(id) {
			return id
		}
	}
	return -1
}

// enumerateBand lists the band's tasks into e.s.ids, sorted, unless the band
// has more than bandEnumLimit instances.
func (t *taskTie) enumerateBand() bool {
	e := t.e
	e.s.ids = e.s.ids[:0]
	n := 0
	for _, c := range t.cells {
		s := &t.sv.sets[c]
		for cur := s.last(); s.valid(cur) && keyRank(s.key(cur)) == t.m; cur = s.prev(cur) {
			if n++; n > bandEnumLimit {
				return false
			}
			e.s.ids = e.appendBandTasks(e.s.ids, t.sr, t.sv, InstanceID(keyID(s.key(cur))), t.m)
		}
	}
	slices.Sort(e.s.ids)
	return len(e.s.ids) > 0
}
