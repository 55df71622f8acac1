package placement

import "slices"

// bucketScanLimit: a spread(instanceId) count bucket up to this size is
// enumerated; a larger one is tested by membership instead.
const bucketScanLimit = 256

// decide chooses the instance for one task of rq.
func (e *Index) decide(rq *ixReq) (InstanceID, bool) {
	if e.space == 0 {
		return NoInstance, false
	}
	switch p := rq.plan; p.kind {
	case pkUnranked:
		e.s.tie = ixTie{e: e, rq: rq, mode: tieScan, gEq: -1}
		return e.resolve()
	case pkLeveled:
		return e.decideLeveled(rq)
	}
	return e.decideScan(rq)
}

// resolve breaks the tie over e.s.tie; it fails only if the set is empty.
// A one-member list needs no draws: the rule can only return that member.
func (e *Index) resolve() (InstanceID, bool) {
	var id int32
	if t := &e.s.tie; t.mode == tieList && len(t.list) == 1 {
		id = t.list[0]
	} else {
		id = breakTie(e.seed, e.seq, e.cfg.draws(), e.space, t)
	}
	if id < 0 {
		return NoInstance, false
	}
	e.seq++
	return InstanceID(id), true
}

// decideLeveled walks the spread levels from the least loaded; the first
// level with a feasible instance decides.
func (e *Index) decideLeveled(rq *ixReq) (InstanceID, bool) {
	p := rq.plan
	p.view.grow()
	nl := e.orderLevels(p.part, p.prefix, rq.g, false)
	for l := 0; l < nl; l++ {
		cells := e.level(l)
		e.setMarks(p.part, cells, true)
		id, ok := NoInstance, e.searchLevel(rq, cells)
		if ok {
			id, ok = e.resolve()
		}
		e.setMarks(p.part, cells, false)
		if ok {
			return id, true
		}
	}
	return NoInstance, false
}

// searchLevel sets e.s.tie to the candidates of one level after the primary
// stage and the tail, and reports whether there are any.
func (e *Index) searchLevel(rq *ixReq, cells []int32) bool {
	p := rq.plan
	switch p.primary {
	case primBinpack:
		return e.searchBand(rq, cells, -1, p.tail)
	case primSpreadInst:
		return e.searchSpreadInst(rq, cells)
	}
	if !e.levelHas(rq, cells, -1) {
		return false
	}
	e.s.tie = ixTie{e: e, rq: rq, mode: tieScan, level: true, gEq: -1}
	return true
}

// searchBand finds the least remaining amount of the view's resource among
// feasible instances of the level (with gEq tasks of the group, if gEq ≥ 0),
// then applies tail to that band.
func (e *Index) searchBand(rq *ixReq, cells []int32, gEq int32, tail []ranker) bool {
	m, ok, complete := e.minBand(rq, cells, gEq)
	switch {
	case !ok:
		return false
	case complete:
		return e.listTie(rq, tail)
	case len(tail) == 0:
		e.s.tie = ixTie{e: e, rq: rq, mode: tieBand, level: true, gEq: gEq, m: m, cells: cells}
		return true
	}
	e.collectBand(rq, cells, m, gEq)
	e.applyTail(rq, tail)
	e.s.tie = ixTie{e: e, rq: rq, mode: tieList, list: e.s.ids}
	return true
}

// searchSpreadInst finds the least number of the group's tasks per instance
// among feasible instances of the level, then applies the tail.
func (e *Index) searchSpreadInst(rq *ixReq, cells []int32) bool {
	p := rq.plan
	if e.levelMayHaveZero(rq.g, p.part, cells) {
		switch {
		case p.bandBinpack:
			if e.searchBand(rq, cells, 0, p.tail[1:]) {
				return true
			}
		case e.levelHas(rq, cells, 0):
			if len(p.tail) == 0 {
				e.s.tie = ixTie{e: e, rq: rq, mode: tieScan, level: true, gEq: 0}
				return true
			}
			e.collectLevel(rq, cells, 0)
			return e.listTie(rq, p.tail)
		}
	}
	e.ensureBuckets(rq.gi)
	for k := 1; k < len(rq.g.byCount); k++ {
		bucket := rq.g.byCount[k]
		if len(p.tail) == 0 && len(bucket) > bucketScanLimit {
			if e.bucketHas(rq, bucket) {
				e.s.tie = ixTie{e: e, rq: rq, mode: tieScan, level: true, gEq: int32(k)}
				return true
			}
			continue
		}
		e.collectBucket(rq, bucket)
		if len(e.s.ids) > 0 {
			return e.listTie(rq, p.tail)
		}
	}
	return false
}

// listTie applies tail to the sorted candidates in e.s.ids and makes them the tie set.
func (e *Index) listTie(rq *ixReq, tail []ranker) bool {
	e.applyTail(rq, tail)
	e.s.tie = ixTie{e: e, rq: rq, mode: tieList, list: e.s.ids}
	return true
}

// levelMayHaveZero reports whether some cell of the level has an instance
// without running tasks of the group (counting every present instance).
func (e *Index) levelMayHaveZero(g *ixGroup, part *partition, cells []int32) bool {
	for _, c := range cells {
		if part.size[c] > g.hostCount(part.idx, c) {
			return true
		}
	}
	return false
}

// member reports whether a view instance fits rq and, if gEq ≥ 0, runs
// exactly gEq tasks of the group.
func (e *Index) member(id InstanceID, rq *ixReq, gEq int32) bool {
	return (gEq < 0 || e.groupCount(id, rq.gi) == gEq) && e.rejectRest(id, rq) == ReasonNone
}

// bandListLimit bounds the band members minBand lists; bandScanLimit the
// band entries it looks at after the first member.
const (
	bandListLimit = 8
	bandScanLimit = 32
)

// minBand returns the least remaining view resource m over members of the
// level. When the band (members with m) is small it also lists it, sorted,
// in e.s.ids and reports complete.
func (e *Index) minBand(rq *ixReq, cells []int32, gEq int32) (m int64, ok, complete bool) {
	v, need := rq.plan.view, rq.tn.need
	best := int64(-1)
	start := packKey(v.res.of(need), 0)
	e.s.ids = e.s.ids[:0]
	for _, c := range cells {
		sets := v.fitting(c, need)
		for i := range sets {
			best, complete = e.minBandIn(rq, &sets[i], start, gEq, best, complete)
		}
	}
	if complete {
		slices.Sort(e.s.ids)
	}
	return best, best >= 0, complete
}

// minBandIn is minBand's step for one set: it lowers best (listing the new
// band) or extends the band at best.
func (e *Index) minBandIn(rq *ixReq, s *ordset, start uint64, gEq int32, best int64, complete bool) (int64, bool) {
	need := rq.tn.need
	hi := uint64(noLimit) // after a first band, only ranks ≤ best matter
	if best >= 0 {
		hi = packKey(best+1, 0)
	}
	if !s.overlaps(start, hi) {
		return best, complete
	}
	cur := s.seekFit(start, need, hi)
	for ; s.valid(cur) && s.key(cur) < hi; cur = s.nextFit(cur, need, hi) {
		if e.member(InstanceID(keyID(s.key(cur))), rq, gEq) {
			break
		}
	}
	if !s.valid(cur) || s.key(cur) >= hi {
		return best, complete
	}
	if r := keyRank(s.key(cur)); best < 0 || r < best {
		best, complete = r, true
		e.s.ids = e.s.ids[:0]
	}
	return best, e.appendBand(rq, s, cur, best, gEq) && complete
}

// appendBand lists into e.s.ids the member at cur and the members after it
// with the same rank m. It reports false when it stopped at a limit.
func (e *Index) appendBand(rq *ixReq, s *ordset, cur cursor, m int64, gEq int32) bool {
	need, hi := rq.tn.need, packKey(m+1, 0)
	if len(e.s.ids) == bandListLimit {
		return false
	}
	e.s.ids = append(e.s.ids, keyID(s.key(cur)))
	seen := 0
	for cur = s.nextFit(cur, need, hi); s.valid(cur) && s.key(cur) < hi; cur = s.nextFit(cur, need, hi) {
		if seen++; seen > bandScanLimit {
			return false
		}
		if id := keyID(s.key(cur)); e.member(InstanceID(id), rq, gEq) {
			if len(e.s.ids) == bandListLimit {
				return false
			}
			e.s.ids = append(e.s.ids, id)
		}
	}
	return true
}

// levelHas reports whether the level has a member.
func (e *Index) levelHas(rq *ixReq, cells []int32, gEq int32) bool {
	v, need := rq.plan.view, rq.tn.need
	start := packKey(v.res.of(need), 0)
	for _, c := range cells {
		sets := v.fitting(c, need)
		for i := range sets {
			s := &sets[i]
			for cur := s.seekFit(start, need, noLimit); s.valid(cur); cur = s.nextFit(cur, need, noLimit) {
				if e.member(InstanceID(keyID(s.key(cur))), rq, gEq) {
					return true
				}
			}
		}
	}
	return false
}

// collectBand puts the members with remaining resource m into e.s.ids, sorted.
func (e *Index) collectBand(rq *ixReq, cells []int32, m int64, gEq int32) {
	v, need := rq.plan.view, rq.tn.need
	e.s.ids = e.s.ids[:0]
	hi := packKey(m+1, 0)
	for _, c := range cells {
		sets := v.fitting(c, need)
		for i := range sets {
			s := &sets[i]
			for cur := s.seekFit(packKey(m, 0), need, hi); s.valid(cur) && s.key(cur) < hi; cur = s.nextFit(cur, need, hi) {
				if id := keyID(s.key(cur)); e.member(InstanceID(id), rq, gEq) {
					e.s.ids = append(e.s.ids, id)
				}
			}
		}
	}
	slices.Sort(e.s.ids)
}

// collectLevel puts every member of the level into e.s.ids, sorted.
func (e *Index) collectLevel(rq *ixReq, cells []int32, gEq int32) {
	v, need := rq.plan.view, rq.tn.need
	e.s.ids = e.s.ids[:0]
	start := packKey(v.res.of(need), 0)
	for _, c := range cells {
		sets := v.fitting(c, need)
		for i := range sets {
			s := &sets[i]
			for cur := s.seekFit(start, need, noLimit); s.valid(cur); cur = s.nextFit(cur, need, noLimit) {
				if id := keyID(s.key(cur)); e.member(InstanceID(id), rq, gEq) {
					e.s.ids = append(e.s.ids, id)
				}
			}
		}
	}
	slices.Sort(e.s.ids)
}

// collectBucket puts the feasible instances of a count bucket lying in the
// level into e.s.ids, sorted.
func (e *Index) collectBucket(rq *ixReq, bucket []InstanceID) {
	e.s.ids = e.s.ids[:0]
	for _, id := range bucket {
		if e.inLevel(rq.plan.part, id) && e.fits(id, rq) {
			e.s.ids = append(e.s.ids, int32(id))
		}
	}
	slices.Sort(e.s.ids)
}

func (e *Index) bucketHas(rq *ixReq, bucket []InstanceID) bool {
	for _, id := range bucket {
		if e.inLevel(rq.plan.part, id) && e.fits(id, rq) {
			return true
		}
	}
	return false
}

// decideScan decides by scanning every instance, for chains the indexes do
// not cover.
func (e *Index) decideScan(rq *ixReq) (InstanceID, bool) {
	e.s.ids = e.s.ids[:0]
	for id := range e.space {
		if e.fits(InstanceID(id), rq) {
			e.s.ids = append(e.s.ids, id)
		}
	}
	if len(e.s.ids) == 0 {
		return NoInstance, false
	}
	e.listTie(rq, rq.plan.stages)
	return e.resolve()
}

// applyTail keeps, stage by stage, the candidates in e.s.ids with the lowest rank.
func (e *Index) applyTail(rq *ixReq, tail []ranker) {
	for i := range tail {
		if len(e.s.ids) <= 1 {
			return
		}
		rk := &tail[i]
		best := e.placeRank(rk, rq, InstanceID(e.s.ids[0]))
		kept := e.s.ids[:1]
		for _, id := range e.s.ids[1:] {
			switch r := e.placeRank(rk, rq, InstanceID(id)); {
			case r < best:
				best, kept = r, append(kept[:0], id)
			case r == best:
				kept = append(kept, id)
			}
		}
		e.s.ids = kept
	}
}

func (e *Index) placeRank(rk *ranker, rq *ixReq, id InstanceID) int64 {
	switch rk.kind {
	case rkBinpack:
		return rk.res.of(e.rem[id]) - rk.res.of(rq.tn.need)
	case rkSpreadInst:
		return int64(e.groupCount(id, rq.gi))
	case rkSpreadAttr:
		return int64(rq.g.valueCount(rk.attr, e.attrs.vals[rk.attr][id]))
	}
	return rk.s.PlaceRank(e, rq.tn.group, rq.tn.need, id)
}
