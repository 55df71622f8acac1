package placement

// planKind says how the Index decides for a chain.
type planKind uint8

const (
	// pkUnranked: no ranked strategy (random or an empty chain): the
	// candidate set is every feasible instance.
	pkUnranked planKind = iota
	// pkLeveled: spread(attribute) stages, then optionally a primary binpack
	// or spread(instanceId) stage and a tail: decided on the indexes.
	pkLeveled
	// pkScan: the chain contains a strategy the indexes do not know.
	pkScan
)

// primaryKind is the first stage after the attribute-spread prefix.
type primaryKind uint8

const (
	primNone primaryKind = iota
	primBinpack
	primSpreadInst
)

type rankKind uint8

const (
	rkBinpack rankKind = iota
	rkSpreadInst
	rkSpreadAttr
	rkGeneric
)

// ranker is one ranked strategy compiled for the Index.
type ranker struct {
	kind rankKind
	res  Resource
	attr int32
	s    Strategy
}

type consKind uint8

const (
	ckExpr consKind = iota
	ckDistinct
	ckGeneric
)

type ixCons struct {
	kind  consKind
	cache *exprCache
	c     Constraint
}

// plan is a Policy compiled against the Index's structures.
type plan struct {
	requires []*exprCache
	cons     []ixCons
	stages   []ranker // ranked strategies before the first unranked one
	kind     planKind
	part     *partition // cells of the attribute-spread prefix
	prefix   []int32    // attributes of the prefix
	primary  primaryKind
	// bandBinpack: primary is spread(instanceId) and the next stage is
	// binpack(res), searched together.
	bandBinpack bool
	res         Resource // key of view
	view        *view
	tail        []ranker // stages after the primary
}

func (e *Index) planFor(pol *Policy) *plan {
	if p, ok := e.byPolicy[pol]; ok {
		return p
	}
	if p, ok := e.plans[pol.key]; ok {
		e.byPolicy[pol] = p
		return p
	}
	p := &plan{}
	var filter []*exprCache
	for _, x := range pol.requires {
		c := e.exprFor(x)
		p.requires = append(p.requires, c)
		filter = append(filter, c)
	}
	for _, c := range pol.constraints {
		switch c := c.(type) {
		case MemberOf:
			cache := e.exprFor(c.Expr)
			p.cons = append(p.cons, ixCons{kind: ckExpr, cache: cache, c: c})
			if !cache.dynamic {
				filter = append(filter, cache)
			}
		case DistinctInstance:
			p.cons = append(p.cons, ixCons{kind: ckDistinct, c: c})
		default:
			p.cons = append(p.cons, ixCons{kind: ckGeneric, c: c})
		}
	}
	for _, s := range pol.strategies {
		if !s.Ranked() {
			break
		}
		p.stages = append(p.stages, e.rankerFor(s))
	}
	e.shapePlan(p, filter)
	e.plans[pol.key] = p
	e.byPolicy[pol] = p
	return p
}

func (e *Index) rankerFor(s Strategy) ranker {
	switch s := s.(type) {
	case Binpack:
		return ranker{kind: rkBinpack, res: s.Field, s: s}
	case Spread:
		if s.Attribute == "" {
			return ranker{kind: rkSpreadInst, s: s}
		}
		return ranker{kind: rkSpreadAttr, attr: e.attrIndex(s.Attribute), s: s}
	}
	return ranker{kind: rkGeneric, s: s}
}

// shapePlan chooses how to decide: the attribute-spread prefix defines the
// partition; the next stage picks the view.
func (e *Index) shapePlan(p *plan, filter []*exprCache) {
	if len(p.stages) == 0 {
		p.kind = pkUnranked
		return
	}
	for _, r := range p.stages {
		if r.kind == rkGeneric {
			p.kind = pkScan
			return
		}
	}
	p.kind = pkLeveled
	n := 0
	for n < len(p.stages) && p.stages[n].kind == rkSpreadAttr {
		p.prefix = append(p.prefix, p.stages[n].attr)
		n++
	}
	p.res = ResourceMemory
	if n < len(p.stages) {
		p.tail = p.stages[n+1:]
		switch first := p.stages[n]; first.kind {
		case rkBinpack:
			p.primary, p.res = primBinpack, first.res
		case rkSpreadInst:
			p.primary = primSpreadInst
			if len(p.tail) > 0 && p.tail[0].kind == rkBinpack {
				p.bandBinpack, p.res = true, p.tail[0].res
			}
		}
	}
	p.part = e.partitionFor(p.prefix)
	p.view = e.viewFor(p.part, filter, p.res)
}
