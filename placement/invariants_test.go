package placement

import (
	"fmt"
	"slices"
)

// checkInvariants recomputes the Index's incremental structures from its
// primary state and reports the first difference.
func (e *Index) checkInvariants() error {
	if err := e.checkGroups(); err != nil {
		return err
	}
	if err := e.checkViews(); err != nil {
		return err
	}
	for _, c := range e.exprs {
		for id := range e.meta {
			want := e.meta[id].present && c.expr.Eval(e.Env(InstanceID(id)))
			if c.bits.has(int32(id)) != want {
				return fmt.Errorf("expr %s: instance %d bit %v, want %v", c.expr, id, !want, want)
			}
		}
	}
	return e.checkScaleViews()
}

// groupKey identifies one group on one instance.
type groupKey struct {
	gi int32
	id InstanceID
}

// expectedGroups recomputes the per-(group, instance) running and normal
// counts and normal maxima from the task table, checking tcand on the way.
func (e *Index) expectedGroups() (running, normal map[groupKey]int32, maxNormal map[groupKey]Resources, err error) {
	running, normal, maxNormal = map[groupKey]int32{}, map[groupKey]int32{}, map[groupKey]Resources{}
	for t := range e.tasks {
		tk := &e.tasks[t]
		cand := tk.live && !tk.stopping && tk.prio == PriorityNormal
		if (e.tcand[t] >= 0) != cand || (cand && e.tcand[t] != tk.group) {
			return nil, nil, nil, fmt.Errorf("task %d: tcand %d, want candidate=%v of group %d", t, e.tcand[t], cand, tk.group)
		}
		if !tk.live || tk.stopping {
			continue
		}
		k := groupKey{tk.group, tk.inst}
		running[k]++
		if tk.prio == PriorityNormal {
			normal[k]++
			maxNormal[k] = maxRes(maxNormal[k], tk.res)
		}
	}
	return running, normal, maxNormal, nil
}

func (e *Index) checkGroups() error {
	running, normal, maxNormal, err := e.expectedGroups()
	if err != nil {
		return err
	}
	for id := range e.meta {
		m := &e.meta[id]
		var total int32
		for _, ent := range m.groups {
			k := groupKey{ent.group, InstanceID(id)}
			if ent.running != running[k] || ent.normal != normal[k] || ent.running == 0 || ent.maxNormal != maxNormal[k] {
				return fmt.Errorf("instance %d group %d: entry %+v, want running %d normal %d max %v", id, ent.group, ent, running[k], normal[k], maxNormal[k])
			}
			var linked int32
			for u, prev := ent.head, int32(-1); u >= 0; prev, u = u, e.tasks[u].gnext {
				if tk := &e.tasks[u]; !tk.live || tk.stopping || tk.inst != InstanceID(id) || tk.group != ent.group || tk.gprev != prev {
					return fmt.Errorf("instance %d group %d: task %d wrongly linked (%+v, prev %d)", id, ent.group, u, *tk, prev)
				}
				if linked++; linked > ent.running {
					return fmt.Errorf("instance %d group %d: more linked tasks than %d running", id, ent.group, ent.running)
				}
			}
			if linked != ent.running {
				return fmt.Errorf("instance %d group %d: %d linked tasks, want %d", id, ent.group, linked, ent.running)
			}
			if g := e.groups[ent.group]; g.buckets && g.byCount[ent.running][ent.bpos] != InstanceID(id) {
				return fmt.Errorf("instance %d group %d: bucket position wrong", id, ent.group)
			}
			total += ent.running
		}
		if total != m.running {
			return fmt.Errorf("instance %d: running %d, entries sum %d", id, m.running, total)
		}
	}
	for gi := range e.groups {
		if err := e.checkGroupCounts(int32(gi), running); err != nil {
			return err
		}
	}
	return nil
}

// checkGroupCounts checks one group's buckets, per-value counts and hosts.
func (e *Index) checkGroupCounts(gi int32, running map[groupKey]int32) error {
	g := e.groups[gi]
	for k, b := range g.byCount {
		for _, id := range b {
			if e.groupCount(id, gi) != int32(k) {
				return fmt.Errorf("group %s: instance %d in bucket %d", g.name, id, k)
			}
		}
	}
	for a := range e.attrs.names {
		counts := map[int32]int32{}
		for k, n := range running {
			if k.gi == gi {
				counts[e.attrs.vals[a][k.id]] += n
			}
		}
		for vi := int32(0); vi <= int32(len(e.attrs.valIdx[a])); vi++ {
			if g.valueCount(int32(a), vi) != counts[vi] {
				return fmt.Errorf("group %s attr %s value %d: count %d, want %d", g.name, e.attrs.names[a], vi, g.valueCount(int32(a), vi), counts[vi])
			}
		}
	}
	for _, p := range e.parts {
		hosts := map[int32]int32{}
		for k := range running {
			if k.gi == gi {
				hosts[p.cellOf[k.id]]++
			}
		}
		for c := range p.cellVals {
			if g.hostCount(p.idx, int32(c)) != hosts[int32(c)] {
				return fmt.Errorf("group %s partition %d cell %d: hosts %d, want %d", g.name, p.idx, c, g.hostCount(p.idx, int32(c)), hosts[int32(c)])
			}
		}
	}
	return nil
}

func (e *Index) checkViews() error {
	for _, p := range e.parts {
		size := make([]int32, len(p.cellVals))
		for id := range e.meta {
			if e.meta[id].present {
				size[p.cellOf[id]]++
			} else if p.cellOf[id] != -1 {
				return fmt.Errorf("partition %d: absent instance %d in cell %d", p.idx, id, p.cellOf[id])
			}
		}
		if !slices.Equal(size, p.size) {
			return fmt.Errorf("partition %d: sizes %v, want %v", p.idx, p.size, size)
		}
	}
	for vi, v := range e.views {
		want := make([][]uint64, len(v.sets))
		for id := range e.meta {
			if e.inView(v, InstanceID(id)) {
				k := int(v.part.cellOf[id])*numClasses + v.class(v.other().of(e.rem[id]))
				want[k] = append(want[k], packKey(v.res.of(e.rem[id]), int32(id)))
			}
		}
		for k := range want {
			slices.Sort(want[k])
			var got []uint64
			for cur := v.sets[k].seek(0); v.sets[k].valid(cur); cur = v.sets[k].next(cur) {
				got = append(got, v.sets[k].key(cur))
			}
			if !slices.Equal(got, want[k]) {
				return fmt.Errorf("view %d set %d: %d keys, want %d", vi, k, len(got), len(want[k]))
			}
		}
	}
	return nil
}

func (e *Index) checkScaleViews() error {
	for gi, g := range e.groups {
		if g.sc == nil {
			continue
		}
		var want []uint64
		for t := range e.tasks {
			if tk := &e.tasks[t]; tk.live && !tk.stopping && tk.group == int32(gi) {
				want = append(want, uint64(t))
			}
		}
		var got []uint64
		for cur := g.sc.tasks.seek(0); g.sc.tasks.valid(cur); cur = g.sc.tasks.next(cur) {
			got = append(got, g.sc.tasks.key(cur))
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("group %s: task set %v, want %v", g.name, got, want)
		}
		for _, sv := range g.sc.views {
			if err := e.checkScaleView(sv); err != nil {
				return fmt.Errorf("group %s: %w", g.name, err)
			}
		}
	}
	return nil
}

func (e *Index) checkScaleView(sv *scaleView) error {
	want := make([][]uint64, len(sv.part.cellVals))
	for id := range e.meta {
		if j := e.entry(InstanceID(id), sv.gi); j >= 0 && e.meta[id].groups[j].normal > 0 {
			ent := e.meta[id].groups[j]
			c := sv.part.cellOf[id]
			want[c] = append(want[c], e.scaleKey(sv, InstanceID(id), ent))
			if int(ent.lid) >= len(sv.pos) || sv.pos[ent.lid] < 0 || sv.where[ent.lid] != c {
				return fmt.Errorf("scale view: instance %d entry lid %d not located in cell %d", id, ent.lid, c)
			}
			if h := &sv.heaps[c]; h.keys[sv.pos[ent.lid]] != e.scaleKey(sv, InstanceID(id), ent) || h.handles[sv.pos[ent.lid]] != ent.lid {
				return fmt.Errorf("scale view: instance %d at wrong heap slot", id)
			}
		}
	}
	for c := range want {
		slices.Sort(want[c])
		var got []uint64
		if c < len(sv.heaps) {
			h := &sv.heaps[c]
			for i, k := range h.keys {
				if i > 0 && h.keys[(i-1)/2] < k {
					return fmt.Errorf("scale view cell %d: heap order broken", c)
				}
			}
			got = slices.Sorted(slices.Values(h.keys))
		}
		if !slices.Equal(got, want[c]) {
			return fmt.Errorf("scale view cell %d: keys %v, want %v", c, got, want[c])
		}
	}
	return nil
}
