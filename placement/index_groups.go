package placement

// ixGroup is the Index's state for one task group.
type ixGroup struct {
	name     string
	normal   int32          // running tasks with PriorityNormal
	byCount  [][]InstanceID // [k] instances running exactly k tasks of the group (k ≥ 1)
	valCount [][]int32      // [attr][value] running tasks
	hosts    [][]int32      // [partition][cell] instances running ≥ 1 task
	first    []TaskID       // running stop-first tasks
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

// groupIndex returns the index of a group, creating it.
func (e *Index) groupIndex(name string) int32 {
	if gi, ok := e.groupByName[name]; ok {
		return gi
	}
	gi := int32(len(e.groups))
	e.groups = append(e.groups, &ixGroup{name: name, byCount: make([][]InstanceID, 1)})
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

// addRunning records one more running task of group gi on id (d = +1) or
// one fewer (d = −1); normal says whether the task has PriorityNormal.
func (e *Index) addRunning(id InstanceID, gi int32, d int32, normal bool) {
	m := &e.meta[id]
	g := e.groups[gi]
	j := e.entry(id, gi)
	if j < 0 {
		m.groups = append(m.groups, gEntry{group: gi})
		j = len(m.groups) - 1
	}
	ent := &m.groups[j]
	if ent.running > 0 {
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
	}
	for a := range e.attrs.names {
		g.addValueCount(int32(a), e.attrs.vals[a][id], d)
	}
	m.running += d
	if ent.running > 0 {
		ent.bpos = e.bucketAdd(g, ent.running, id)
		return
	}
	m.groups[j] = m.groups[len(m.groups)-1]
	m.groups = m.groups[:len(m.groups)-1]
}

// setNormal adjusts the normal-priority count of a running task's group entry.
func (e *Index) setNormal(id InstanceID, gi int32, d int32) {
	e.meta[id].groups[e.entry(id, gi)].normal += d
	e.groups[gi].normal += d
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
