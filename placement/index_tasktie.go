package placement

import "slices"

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

// at returns the task of rank j among the group's running tasks.
func (t *taskTie) at(j int32) int32 { return int32(t.e.groups[t.sr.gi].sc.tasks.at(int(j))) }

func (t *taskTie) contains(id int32) bool {
	if t.mode == tieList {
		_, ok := slices.BinarySearch(t.list, id)
		return ok
	}
	e := t.e
	if !e.candidate(id, t.sr) {
		return false
	}
	tk := &e.tasks[id]
	if t.level && !e.inLevel(t.sr.plan.part, tk.inst) {
		return false
	}
	return t.mode != tieBand || e.stopKey(t.sv, tk) == t.m
}

// listed returns the tie set as a sorted list of task IDs when it is one
// (tieList) or when its band is small enough to list: the rule then needs
// no draw mapped to a task and no membership test of a drawn task.
func (t *taskTie) listed() ([]int32, bool) {
	switch {
	case t.mode == tieList:
		return t.list, true
	case t.mode == tieBand && !t.bandTooLarge() && t.enumerateBand():
		slices.Sort(t.e.s.ids)
		return t.e.s.ids, true
	}
	return nil, false
}

// bandEnumLimit is how many band instances a scale-in tie lists before it
// walks the group's tasks in ID order instead: about √(group size)/2, at
// least 8. Listing an instance costs a few cache misses (its group entry,
// the group's tasks there, its remaining resources), a walk step about as
// many (the task, its instance); the balance of listing |band| instances
// against a walk of |group|/|band| steps is then near √(group size).
// BenchmarkScaleIn (whose bands reach 75 instances) measured no difference
// between √/4 and √ within its noise, and a clear loss at 2√.
func bandEnumLimit(groupTasks int) int {
	n := 8
	for 4*n*n < groupTasks {
		n++
	}
	return n
}

// firstFrom walks the group's running tasks in ID order from r, then from 0
// (expected |group|/|T| steps). A small band never gets here: resolveTask
// lists it.
func (t *taskTie) firstFrom(r int32) int32 {
	if t.mode == tieList {
		return listFirstFrom(t.list, r)
	}
	s := &t.e.groups[t.sr.gi].sc.tasks
	for pass, lo := range [2]uint64{uint64(r), 0} {
		for cur := s.seek(lo); s.valid(cur) && (pass == 0 || int32(s.key(cur)) < r); cur = s.next(cur) {
			if id := int32(s.key(cur)); t.contains(id) {
				return id
			}
		}
	}
	return -1
}

// bandTooLarge reports, for a spread(instanceId) band, whether the group's
// count bucket (a superset of the band's instances) already exceeds the
// listing limit, so that listing would be abandoned anyway.
func (t *taskTie) bandTooLarge() bool {
	g := t.e.groups[t.sr.gi]
	if t.level || t.sv.kind != primSpreadInst || !g.buckets || t.m >= int64(len(g.byCount)) {
		return false // with a prefix, the level may hold far fewer than the bucket
	}
	return len(g.byCount[t.m]) > bandEnumLimit(g.sc.tasks.len())
}

// enumerateBand lists the band's tasks into e.s.ids, in no particular order,
// unless the band has more than bandEnumLimit instances.
func (t *taskTie) enumerateBand() bool {
	e := t.e
	if !e.bandInstances(t.sv, t.cells, t.m, bandEnumLimit(e.groups[t.sr.gi].sc.tasks.len())) {
		return false
	}
	e.s.ids = e.s.ids[:0]
	for _, id := range e.s.insts {
		e.s.ids = e.appendBandTasks(e.s.ids, t.sr, t.sv, InstanceID(id), t.m)
	}
	return true
}
