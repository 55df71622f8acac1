package placement

import (
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/placement/query"
)

// attrTable interns the attributes that spread strategies use and their
// values. Value index 0 stands for "attribute not set".
type attrTable struct {
	names  []string
	byName map[string]int32
	vals   [][]int32 // [attr][instance] value index
	valIdx []map[string]int32
}

// attrIndex registers (once) and returns the index of an attribute; it fills
// in every instance's value and every group's per-value counts.
func (e *Index) attrIndex(name string) int32 {
	if a, ok := e.attrs.byName[name]; ok {
		return a
	}
	a := int32(len(e.attrs.names))
	e.attrs.names = append(e.attrs.names, name)
	e.attrs.byName[name] = a
	e.attrs.valIdx = append(e.attrs.valIdx, map[string]int32{})
	e.attrs.vals = append(e.attrs.vals, make([]int32, len(e.meta)))
	for id := range e.meta {
		if e.meta[id].present {
			e.attrs.vals[a][id] = e.valueOf(a, InstanceID(id))
		}
	}
	for id := range e.meta {
		for _, ent := range e.meta[id].groups {
			e.groups[ent.group].addValueCount(a, e.attrs.vals[a][id], ent.running)
		}
	}
	return a
}

// valueOf interns instance id's value of attribute a.
func (e *Index) valueOf(a int32, id InstanceID) int32 {
	v, ok := attrValue(e.meta[id].spec.Attributes, e.attrs.names[a])
	if !ok {
		return 0
	}
	idx, ok := e.attrs.valIdx[a][v]
	if !ok {
		idx = int32(len(e.attrs.valIdx[a]) + 1)
		e.attrs.valIdx[a][v] = idx
	}
	return idx
}

// partition splits the instances into cells by their values of a list of
// attributes (the spread prefix of a chain); no attributes means one cell.
type partition struct {
	idx       int
	attrs     []int32
	cellOf    []int32   // [instance] cell, −1 when not present
	cellVals  [][]int32 // [cell] value index per attribute
	cellByKey map[string]int32
	size      []int32 // present instances per cell
	buf       []byte
}

func (e *Index) partitionFor(attrs []int32) *partition {
	var kb strings.Builder
	for _, a := range attrs {
		kb.WriteString(strconv.Itoa(int(a)))
		kb.WriteByte(',')
	}
	if p, ok := e.partByKey[kb.String()]; ok {
		return p
	}
	p := &partition{idx: len(e.parts), attrs: attrs, cellByKey: map[string]int32{}, cellOf: make([]int32, len(e.meta))}
	e.parts = append(e.parts, p)
	e.partByKey[kb.String()] = p
	for id := range e.meta {
		p.cellOf[id] = -1
		if e.meta[id].present {
			e.partAdd(p, InstanceID(id))
		}
	}
	return p
}

// partAdd puts a present instance into its cell and counts its groups there.
func (e *Index) partAdd(p *partition, id InstanceID) {
	p.buf = p.buf[:0]
	for _, a := range p.attrs {
		p.buf = binary.LittleEndian.AppendUint32(p.buf, uint32(e.attrs.vals[a][id]))
	}
	c, ok := p.cellByKey[string(p.buf)]
	if !ok {
		c = int32(len(p.cellVals))
		vals := make([]int32, len(p.attrs))
		for j, a := range p.attrs {
			vals[j] = e.attrs.vals[a][id]
		}
		p.cellVals = append(p.cellVals, vals)
		p.size = append(p.size, 0)
		p.cellByKey[string(p.buf)] = c
	}
	p.cellOf[id] = c
	p.size[c]++
	for _, ent := range e.meta[id].groups {
		e.groups[ent.group].addHosts(p.idx, c, 1)
	}
}

// partRemove takes an instance out of its cell.
func (e *Index) partRemove(p *partition, id InstanceID) {
	c := p.cellOf[id]
	p.size[c]--
	for _, ent := range e.meta[id].groups {
		e.groups[ent.group].addHosts(p.idx, c, -1)
	}
	p.cellOf[id] = -1
}

// view holds, per partition cell and per class of the other resource (CPU
// for a memory view, memory for a CPU view), an ordered set of the instances
// that can take tasks (ACTIVE, connected, passing a static filter), keyed by
// the remaining amount of res and then by ID. The classes let a search skip
// instances that lack the other resource without visiting them.
type view struct {
	part   *partition
	filter []*exprCache
	res    Resource
	sets   []ordset // [cell*numClasses + class]
}

// numClasses is the number of classes of the other resource per cell.
const numClasses = 8

// classFloor holds, per resource, the lower bounds of its classes.
var classFloor = [2][numClasses]int64{
	ResourceCPU:    {0, 128, 256, 512, 1024, 2048, 4096, 8192},
	ResourceMemory: {0, 256, 512, 1024, 2048, 4096, 8192, 16384},
}

// other is the resource a view classifies by.
func (v *view) other() Resource { return 1 - v.res }

// class returns the class of an amount x of v's other resource.
func (v *view) class(x int64) int {
	f := &classFloor[v.other()]
	k := 0
	for k+1 < numClasses && f[k+1] <= x {
		k++
	}
	return k
}

// fitting returns the sets of cell c whose instances may have enough of the
// other resource for need: the class holding need and those above.
func (v *view) fitting(c int32, need Resources) []ordset {
	base := int(c) * numClasses
	return v.sets[base+v.class(v.other().of(need)) : base+numClasses]
}

// setOf returns the set instance id belongs to.
func (v *view) setOf(e *Index, id InstanceID) *ordset {
	return &v.sets[int(v.part.cellOf[id])*numClasses+v.class(v.other().of(e.rem[id]))]
}

func (e *Index) viewFor(p *partition, filter []*exprCache, res Resource) *view {
	var kb strings.Builder
	kb.WriteString(strconv.Itoa(p.idx))
	kb.WriteString("|" + res.String())
	for _, f := range filter {
		kb.WriteString("|" + f.expr.String())
	}
	if v, ok := e.viewByKey[kb.String()]; ok {
		return v
	}
	v := &view{part: p, filter: filter, res: res}
	e.views = append(e.views, v)
	e.viewByKey[kb.String()] = v
	for id := range e.meta {
		e.viewAttach(v, InstanceID(id))
	}
	return v
}

func (e *Index) inView(v *view, id InstanceID) bool {
	if !e.ok[id] {
		return false
	}
	for _, f := range v.filter {
		if !f.bits.has(int32(id)) {
			return false
		}
	}
	return true
}

func (e *Index) viewAttach(v *view, id InstanceID) {
	if !e.inView(v, id) {
		return
	}
	v.grow()
	v.setOf(e, id).insert(packKey(v.res.of(e.rem[id]), int32(id)), e.rem[id])
}

// grow gives every cell of the partition its sets.
func (v *view) grow() {
	for len(v.sets) < len(v.part.cellVals)*numClasses {
		v.sets = append(v.sets, ordset{})
	}
}

func (e *Index) viewDetach(v *view, id InstanceID) {
	if e.inView(v, id) {
		v.setOf(e, id).remove(packKey(v.res.of(e.rem[id]), int32(id)))
	}
}

// exprCache holds the instances satisfying one expression.
type exprCache struct {
	expr    *query.Expr
	dynamic bool
	bits    bitset
}

func (e *Index) exprFor(x *query.Expr) *exprCache {
	if c, ok := e.exprByKey[x.String()]; ok {
		return c
	}
	c := &exprCache{expr: x, dynamic: x.Dynamic()}
	e.exprs = append(e.exprs, c)
	if c.dynamic {
		e.dynExprs = append(e.dynExprs, c)
	}
	e.exprByKey[x.String()] = c
	for id := range e.meta {
		if e.meta[id].present {
			c.bits.set(int32(id), x.Eval(e.Env(InstanceID(id))))
		}
	}
	return c
}

// evalExprs re-evaluates the cached expressions for one instance: all of
// them, or only those depending on its tasks.
func (e *Index) evalExprs(id InstanceID, dynamicOnly bool) {
	list := e.exprs
	if dynamicOnly {
		list = e.dynExprs
	}
	for _, c := range list {
		c.bits.set(int32(id), e.meta[id].present && c.expr.Eval(e.Env(id)))
	}
}
