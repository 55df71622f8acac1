package placement

// ixGroup is the Index's state for one task group.
type ixGroup struct {
	name     string
	normal   int32          // running tasks with PriorityNormal
	byCount  [][]InstanceID // [k] instances running exactly k tasks of the group (k ≥ 1), when buckets
	buckets  bool           // byCount is maintained (built on first need)
	valCount [][]int32      // [attr][value] running tasks
	hosts    [][]int32      // [partition][cell] instances running ≥ 1 task
	first    []TaskID       // running stop-first tasks
	lids     idAlloc        // handles of the group's instance entries
	sc       *groupScale    // scale-in state, built on first ScaleIn
}

func (g *ixGroup) valueCount(a, v int32) int32 {
	if int(a) < len(g.valCount) && int(v) < len(g.valCount[a]) {
		return g.valCount[a][v]
	}
	return 0
}

func (g *ixGroup) addValueCount(a, v, d int32) {
	for int(a) >= len(g.valCount) {
		g.valCount = append(g.valCount, nil)
	}
	for int(v) >= len(g.valCount[a]) {
		g.valCount[a] = append(g.valCount[a], 0)
	}
	g.valCount[a][v] += d
}

func (g *ixGroup) hostCount(p int, c int32) int32 {
	if p < len(g.hosts) && int(c) < len(g.hosts[p]) {
		return g.hosts[p][c]
	}
	return 0
}

func (g *ixGroup) addHosts(p int, c, d int32) {
	for p >= len(g.hosts) {
		g.hosts = append(g.hosts, nil)
	}
	for int(c) >= len(g.hosts[p]) {
		g.hosts[p] = append(g.hosts[p], 0)
	}
	g.hosts[p][c] += d
}

// groupIndex returns the index of a group, creating it. The last group
// looked up is remembered: consecutive requests usually share it.
func (e *Index) groupIndex(name string) int32 {
	if e.s.lastGroup == name && e.s.lastGi >= 0 {
		return e.s.lastGi
	}
	if gi, ok := e.groupByName[name]; ok {
		e.s.lastGroup, e.s.lastGi = name, gi
		return gi
	}
	gi := int32(len(e.groups))
	e.groups = append(e.groups, &ixGroup{name: name, byCount: make([][]InstanceID, 1)})
	e.scaled = append(e.scaled, false)
	e.groupByName[name] = gi
	return gi
}

// entry returns the position of group gi in instance id's entries, or −1.
func (e *Index) entry(id InstanceID, gi int32) int {
	for j := range e.meta[id].groups {
		if e.meta[id].groups[j].group == gi {
			return j
		}
	}
	return -1
}

// groupCount is g(id): running tasks of group gi on instance id.
func (e *Index) groupCount(id InstanceID, gi int32) int32 {
	for _, ent := range e.meta[id].groups {
		if ent.group == gi {
			return ent.running
		}
	}
	return 0
}

// ensureBuckets builds the group's count buckets on first need.
func (e *Index) ensureBuckets(gi int32) {
	g := e.groups[gi]
	if g.buckets {
		return
	}
	g.buckets = true
	for id := range e.meta {
		if j := e.entry(InstanceID(id), gi); j >= 0 {
			ent := &e.meta[id].groups[j]
			ent.bpos = e.bucketAdd(g, ent.running, InstanceID(id))
		}
	}
}

func (e *Index) bucketAdd(g *ixGroup, k int32, id InstanceID) int32 {
	for int(k) >= len(g.byCount) {
		g.byCount = append(g.byCount, nil)
	}
	g.byCount[k] = append(g.byCount[k], id)
	return int32(len(g.byCount[k]) - 1)
}

func (e *Index) bucketRemove(gi int32, k, pos int32) {
	g := e.groups[gi]
	list := g.byCount[k]
	last := list[len(list)-1]
	list[pos] = last
	g.byCount[k] = list[:len(list)-1]
	if int(pos) < len(g.byCount[k]) {
		e.meta[last].groups[e.entry(last, gi)].bpos = pos
	}
}

// addRunning records that task t (of group gi) starts running on id (d = +1)
// or stops running there (d = −1).
func (e *Index) addRunning(id InstanceID, t TaskID, d int32) {
	m := &e.meta[id]
	gi := e.tasks[t].group
	normal := e.tasks[t].prio == PriorityNormal
	g := e.groups[gi]
	j := e.entry(id, gi)
	if j < 0 {
		m.groups = append(m.groups, gEntry{group: gi, lid: g.lids.get(), head: -1})
		j = len(m.groups) - 1
	}
	ent := &m.groups[j]
	e.linkRunning(ent, t, d)
	if ent.running > 0 && g.buckets {
		e.bucketRemove(gi, ent.running, ent.bpos)
	}
	if ent.running == 0 || ent.running+d == 0 {
		for _, p := range e.parts {
			g.addHosts(p.idx, p.cellOf[id], d)
		}
	}
	ent.running += d
	if normal {
		ent.normal += d
		g.normal += d
		e.updateMaxNormal(ent, t, d)
	}
	for a := range e.attrs.names {
		g.addValueCount(int32(a), e.attrs.vals[a][id], d)
	}
	m.running += d
	if ent.running > 0 {
		if g.buckets {
			ent.bpos = e.bucketAdd(g, ent.running, id)
		}
		return
	}
	if e.scaled[gi] {
		e.scaleDrop(gi, ent.lid)
	}
	g.lids.put(ent.lid)
	m.groups[j] = m.groups[len(m.groups)-1]
	m.groups = m.groups[:len(m.groups)-1]
}

// linkRunning adds task t to (d = +1) or removes it from (d = −1) the
// entry's list of running tasks.
func (e *Index) linkRunning(ent *gEntry, t TaskID, d int32) {
	tk := &e.tasks[t]
	if d > 0 {
		tk.gprev, tk.gnext = -1, ent.head
		if ent.head >= 0 {
			e.tasks[ent.head].gprev = int32(t)
		}
		ent.head = int32(t)
		return
	}
	if tk.gprev >= 0 {
		e.tasks[tk.gprev].gnext = tk.gnext
	} else {
		ent.head = tk.gnext
	}
	if tk.gnext >= 0 {
		e.tasks[tk.gnext].gprev = tk.gprev
	}
	tk.gprev, tk.gnext = -1, -1
}

// setNormal counts running task t in (d = +1) or out of (d = −1) its group
// entry's normal-priority tasks.
func (e *Index) setNormal(id InstanceID, t TaskID, d int32) {
	gi := e.tasks[t].group
	ent := &e.meta[id].groups[e.entry(id, gi)]
	ent.normal += d
	e.groups[gi].normal += d
	e.updateMaxNormal(ent, t, d)
}

// updateMaxNormal keeps ent.maxNormal and ent.atMax when task t joins
// (d = +1) or leaves (d = −1) the group's running normal tasks on id (after
// ent.normal was updated). Only the departure of the last task at a maximum
// rescans the instance.
func (e *Index) updateMaxNormal(ent *gEntry, t TaskID, d int32) {
	r := e.tasks[t].res
	if d > 0 {
		e.updateMaxNormalWith(ent, r)
		return
	}
	v := [4]int32{int32(r.CPU), int32(r.Memory), int32(r.GPU), int32(r.ENI)}
	m := ent.maxNormal
	mv := [4]int32{int32(m.CPU), int32(m.Memory), int32(m.GPU), int32(m.ENI)}
	rescan := false
	for k := range v {
		if v[k] == mv[k] {
			ent.atMax[k]--
			rescan = rescan || ent.atMax[k] == 0
		}
	}
	switch {
	case ent.normal == 0:
		ent.maxNormal, ent.atMax = Resources{}, [4]int32{}
	case rescan:
		e.rescanMaxNormal(ent, t)
	}
}

// rescanMaxNormal recomputes ent's maxima from its running tasks, leaving
// out task t.
func (e *Index) rescanMaxNormal(ent *gEntry, t TaskID) {
	ent.maxNormal, ent.atMax = Resources{}, [4]int32{}
	for u := ent.head; u >= 0; u = e.tasks[u].gnext {
		if tk := &e.tasks[u]; TaskID(u) != t && tk.prio == PriorityNormal {
			e.updateMaxNormalWith(ent, tk.res)
		}
	}
}

func (e *Index) updateMaxNormalWith(ent *gEntry, r Resources) {
	v := [4]int32{int32(r.CPU), int32(r.Memory), int32(r.GPU), int32(r.ENI)}
	m := [4]int32{int32(ent.maxNormal.CPU), int32(ent.maxNormal.Memory), int32(ent.maxNormal.GPU), int32(ent.maxNormal.ENI)}
	for k := range v {
		switch {
		case v[k] > m[k]:
			m[k], ent.atMax[k] = v[k], 1
		case v[k] == m[k]:
			ent.atMax[k]++
		}
	}
	ent.maxNormal = Resources{CPUUnits(m[0]), MiB(m[1]), GPUs(m[2]), ENIs(m[3])}
}

func (e *Index) addFirst(t TaskID) {
	tk := &e.tasks[t]
	g := e.groups[tk.group]
	tk.fpos = int32(len(g.first))
	g.first = append(g.first, t)
}

func (e *Index) removeFirst(t TaskID) {
	tk := &e.tasks[t]
	g := e.groups[tk.group]
	last := g.first[len(g.first)-1]
	g.first[tk.fpos] = last
	e.tasks[last].fpos = tk.fpos
	g.first = g.first[:len(g.first)-1]
}
