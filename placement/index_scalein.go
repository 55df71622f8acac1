package placement

import (
	"fmt"
	"slices"
)

// groupScale is a group's scale-in state, built on its first ScaleIn.
type groupScale struct {
	tasks ordset // running tasks of the group, keyed by task ID
	views []*scaleView
}

// scaleView orders, per partition cell, the instances running normal-priority
// tasks of one group by their best stop rank: remaining resource plus the
// largest such task (binpack), or the group's task count (spread). Each cell
// is an indexed max-heap; pos and where locate a group entry (by its lid).
type scaleView struct {
	part  *partition
	kind  primaryKind // primBinpack or primSpreadInst
	res   Resource
	gi    int32
	heaps []maxHeap
	pos   []int32 // [lid] index in its cell's heap, −1 when absent
	where []int32 // [lid] cell
}

type scaleReq struct {
	gi   int32
	g    *ixGroup
	plan *plan
}

func (e *Index) scaleState(gi int32) *groupScale {
	g := e.groups[gi]
	if g.sc == nil {
		g.sc = &groupScale{}
		e.scaled[gi] = true
		for t := range e.tasks {
			if tk := &e.tasks[t]; tk.live && !tk.stopping && tk.group == gi {
				g.sc.tasks.insert(uint64(t), Resources{})
			}
		}
	}
	return g.sc
}

func (e *Index) scaleViewFor(gi int32, part *partition, kind primaryKind, res Resource) *scaleView {
	sc := e.scaleState(gi)
	for _, sv := range sc.views {
		if sv.part == part && sv.kind == kind && sv.res == res {
			return sv
		}
	}
	sv := &scaleView{part: part, kind: kind, res: res, gi: gi}
	sc.views = append(sc.views, sv)
	e.scaleViews++
	for id := range e.meta {
		for _, ent := range e.meta[id].groups {
			if ent.group == gi {
				e.scaleSync(sv, InstanceID(id), ent)
			}
		}
	}
	return sv
}

func (e *Index) scaleKey(sv *scaleView, id InstanceID, ent gEntry) uint64 {
	if sv.kind == primBinpack {
		return packKey(sv.res.of(e.rem[id])+sv.res.of(ent.maxNormal), int32(id))
	}
	return packKey(int64(ent.running), int32(id))
}

// scaleSync puts a group entry of instance id where it belongs in sv: in its
// cell's heap with its current key while it has normal-priority tasks.
func (e *Index) scaleSync(sv *scaleView, id InstanceID, ent gEntry) {
	lid := ent.lid
	for int(lid) >= len(sv.pos) {
		sv.pos, sv.where = append(sv.pos, -1), append(sv.where, -1)
	}
	p, c := int(sv.pos[lid]), sv.part.cellOf[id]
	switch {
	case ent.normal == 0:
		if p >= 0 {
			sv.heaps[sv.where[lid]].remove(p, sv.pos)
		}
		return
	case p >= 0 && sv.where[lid] == c:
		sv.heaps[c].update(p, e.scaleKey(sv, id, ent), sv.pos)
		return
	case p >= 0:
		sv.heaps[sv.where[lid]].remove(p, sv.pos)
	}
	for int(c) >= len(sv.heaps) {
		sv.heaps = append(sv.heaps, maxHeap{})
	}
	sv.heaps[c].push(e.scaleKey(sv, id, ent), lid, sv.pos)
	sv.where[lid] = c
}

// scaleDrop removes a group entry that is going away from the group's views.
func (e *Index) scaleDrop(gi, lid int32) {
	for _, sv := range e.groups[gi].sc.views {
		if int(lid) < len(sv.pos) && sv.pos[lid] >= 0 {
			sv.heaps[sv.where[lid]].remove(int(sv.pos[lid]), sv.pos)
		}
	}
}

// ScaleIn implements Engine.
func (e *Index) ScaleIn(dst []TaskID, req *ScaleInRequest, count int) ([]TaskID, error) {
	if err := req.validate(); err != nil {
		return dst, fmt.Errorf("scale in: %w", err)
	}
	if err := checkCount(count); err != nil {
		return dst, fmt.Errorf("scale in: %w", err)
	}
	gi, ok := e.groupByName[req.Group]
	if !ok {
		return dst, nil
	}
	sr := &e.s.sreq
	*sr = scaleReq{gi: gi, g: e.groups[gi], plan: e.planFor(req.Policy)}
	for k := 0; k < count; k++ {
		t, ok := e.victim(sr)
		if !ok {
			break
		}
		e.stop(t)
		dst = append(dst, t)
	}
	return dst, nil
}

// victim chooses the next task to stop, with Reference.victim's semantics.
func (e *Index) victim(sr *scaleReq) (TaskID, bool) {
	g := sr.g
	sc := e.scaleState(sr.gi)
	if len(g.first) > 0 {
		e.s.ids = e.s.ids[:0]
		for _, t := range g.first {
			e.s.ids = append(e.s.ids, int32(t))
		}
		slices.Sort(e.s.ids)
		return e.stopListTie(sr, sr.plan.stages)
	}
	if g.normal == 0 {
		return NoTask, false
	}
	switch sr.plan.kind {
	case pkUnranked:
		e.s.ttie = taskTie{e: e, sr: sr, mode: tieScan}
		return e.resolveTask()
	case pkLeveled:
		return e.victimLeveled(sr)
	}
	e.s.ids = e.s.ids[:0]
	for cur := sc.tasks.seek(0); sc.tasks.valid(cur); cur = sc.tasks.next(cur) {
		if t := int32(sc.tasks.key(cur)); e.tasks[t].prio == PriorityNormal {
			e.s.ids = append(e.s.ids, t)
		}
	}
	return e.stopListTie(sr, sr.plan.stages)
}

// victimLeveled walks the spread levels from the most loaded; within the
// first level with candidates, the scale view gives the best stop rank.
func (e *Index) victimLeveled(sr *scaleReq) (TaskID, bool) {
	p := sr.plan
	kind, res := primSpreadInst, ResourceMemory
	if p.primary == primBinpack {
		kind, res = primBinpack, p.res
	}
	sv := e.scaleViewFor(sr.gi, p.part, kind, res)
	if kind == primSpreadInst {
		e.ensureBuckets(sr.gi) // bucket sizes bound spread bands
	}
	for len(sv.heaps) < len(p.part.cellVals) {
		sv.heaps = append(sv.heaps, maxHeap{})
	}
	nl := e.orderLevels(p.part, p.prefix, sr.g, true)
	for l := 0; l < nl; l++ {
		cells := e.level(l)
		best := int64(-1)
		for _, c := range cells {
			if sv.heaps[c].len() > 0 {
				best = max(best, keyRank(sv.heaps[c].top()))
			}
		}
		if best < 0 {
			continue
		}
		e.setMarks(p.part, cells, true)
		switch {
		case p.primary == primNone:
			e.s.ttie = taskTie{e: e, sr: sr, mode: tieScan, level: true}
		case len(p.tail) == 0:
			// Without a prefix the only level is the whole cluster.
			e.s.ttie = taskTie{e: e, sr: sr, mode: tieBand, level: len(p.prefix) > 0, sv: sv, m: best, cells: cells}
		default:
			e.collectStopBand(sr, sv, cells, best)
			e.applyStop(sr, p.tail)
			e.s.ttie = taskTie{e: e, sr: sr, mode: tieList, list: e.s.ids}
		}
		t, ok := e.resolveTask()
		e.setMarks(p.part, cells, false)
		return t, ok
	}
	return NoTask, false
}

// collectStopBand puts the normal tasks whose stop rank is m, on the band
// instances of the level, into e.s.ids, sorted.
func (e *Index) collectStopBand(sr *scaleReq, sv *scaleView, cells []int32, m int64) {
	e.bandInstances(sv, cells, m, -1)
	e.s.ids = e.s.ids[:0]
	for _, id := range e.s.insts {
		e.s.ids = e.appendBandTasks(e.s.ids, sr, sv, InstanceID(id), m)
	}
	slices.Sort(e.s.ids)
}

// bandInstances lists into e.s.insts the instances of the level whose stop
// rank in sv is m (the level's top rank), up to limit (−1: no limit); it
// reports whether all were listed.
func (e *Index) bandInstances(sv *scaleView, cells []int32, m int64, limit int) bool {
	e.s.insts = e.s.insts[:0]
	complete := true
	for _, c := range cells {
		h := &sv.heaps[c]
		if h.len() == 0 || keyRank(h.top()) != m {
			continue
		}
		lim := limit
		if lim < 0 {
			lim = h.len() + len(e.s.insts)
		}
		if e.s.insts, complete = h.appendRank(e.s.insts, m, lim); !complete {
			return false
		}
	}
	return complete
}

// appendBandTasks appends the group's normal tasks on instance id whose
// stop rank is m. The group entry says how many there are (the tasks at the
// entry's maximum for binpack, all its normal tasks for spread), so the walk
// over the instance's tasks ends at the last of them.
func (e *Index) appendBandTasks(dst []int32, sr *scaleReq, sv *scaleView, id InstanceID, m int64) []int32 {
	j := e.entry(id, sr.gi)
	if j < 0 {
		return dst
	}
	ent := &e.meta[id].groups[j]
	left := ent.normal
	if sv.kind == primBinpack {
		if sv.res.of(e.rem[id])+sv.res.of(ent.maxNormal) != m {
			return dst
		}
		left = ent.atMax[1]
		if sv.res == ResourceCPU {
			left = ent.atMax[0]
		}
	} else if int64(ent.running) != m {
		return dst
	}
	for t := ent.head; t >= 0 && left > 0; t = e.tasks[t].gnext {
		if tk := &e.tasks[t]; e.candidate(t, sr) && e.stopKey(sv, tk) == m {
			dst = append(dst, t)
			left--
		}
	}
	return dst
}

// candidate reports whether task t is a running normal task of the group.
func (e *Index) candidate(t int32, sr *scaleReq) bool {
	return int(t) < len(e.tcand) && e.tcand[t] == sr.gi
}

// stopKey is a task's rank under the scale view's stage.
func (e *Index) stopKey(sv *scaleView, tk *ixTask) int64 {
	if sv.kind == primBinpack {
		return sv.res.of(e.rem[tk.inst]) + sv.res.of(tk.res)
	}
	return int64(e.groupCount(tk.inst, sv.gi))
}

// stopListTie applies stages to the sorted task IDs in e.s.ids and breaks the tie.
func (e *Index) stopListTie(sr *scaleReq, stages []ranker) (TaskID, bool) {
	e.applyStop(sr, stages)
	e.s.ttie = taskTie{e: e, sr: sr, mode: tieList, list: e.s.ids}
	return e.resolveTask()
}

// rankListMax is the longest listed tie that resolveTask ranks: ranking
// costs a block search per member, while mapping the draws to tasks costs a
// block walk per draw, which is cheaper for long lists.
const rankListMax = 24

func (e *Index) resolveTask() (TaskID, bool) {
	tt := &e.s.ttie
	tasks := &tt.e.groups[tt.sr.gi].sc.tasks
	n := int32(tasks.len())
	if n == 0 {
		return NoTask, false
	}
	var t int32
	switch list, ok := tt.listed(); {
	case ok && len(list) == 0:
		t = -1
	case ok && len(list) == 1:
		t = list[0] // the rule can only return the one member
	case ok && len(list) > rankListMax:
		tt.mode, tt.list = tieList, list
		t = breakTieRanked(e.seed, e.seq, e.cfg.draws(), n, tt)
	case ok:
		e.s.tkeys = e.s.tkeys[:0]
		for _, id := range list {
			e.s.tkeys = append(e.s.tkeys, uint64(id))
		}
		e.s.ranks = tasks.ranks(e.s.ranks[:0], e.s.tkeys)
		t = list[breakTieListed(e.seed, e.seq, e.cfg.draws(), n, e.s.ranks)]
	default:
		t = breakTieRanked(e.seed, e.seq, e.cfg.draws(), n, tt)
	}
	if t < 0 {
		return NoTask, false
	}
	e.seq++
	return TaskID(t), true
}

// applyStop keeps, stage by stage, the tasks in e.s.ids with the highest stop rank.
func (e *Index) applyStop(sr *scaleReq, stages []ranker) {
	for i := range stages {
		if len(e.s.ids) <= 1 {
			return
		}
		rk := &stages[i]
		best := e.stopRank(rk, sr, e.s.ids[0])
		kept := e.s.ids[:1]
		for _, t := range e.s.ids[1:] {
			switch r := e.stopRank(rk, sr, t); {
			case r > best:
				best, kept = r, append(kept[:0], t)
			case r == best:
				kept = append(kept, t)
			}
		}
		e.s.ids = kept
	}
}

func (e *Index) stopRank(rk *ranker, sr *scaleReq, t int32) int64 {
	tk := &e.tasks[t]
	switch rk.kind {
	case rkBinpack:
		return rk.res.of(e.rem[tk.inst]) + rk.res.of(tk.res)
	case rkSpreadInst:
		return int64(e.groupCount(tk.inst, sr.gi))
	case rkSpreadAttr:
		return int64(sr.g.valueCount(rk.attr, e.attrs.vals[rk.attr][tk.inst]))
	}
	return rk.s.StopRank(e, e.taskInfo(TaskID(t)))
}
