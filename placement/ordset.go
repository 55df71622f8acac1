package placement

import "slices"

// ordset is an ordered set of uint64 keys, each with a Resources payload,
// kept as a list of sorted blocks of at most blockCap entries. For every
// block it stores the largest key (for a cache-friendly binary search) and an
// upper bound of the per-dimension maximum of its payloads — raised by
// inserts, exact after splits and merges, tightened when a search scans the
// whole block without a fit — so that a search for an instance that fits a
// task skips whole blocks that cannot hold it. Insert and delete cost
// O(log n + blockCap) (one short memmove); seeks O(log n). Emptied blocks are
// recycled, so a set of stable size does not allocate.
type ordset struct {
	blocks [][]entry
	maxs   []uint64
	bmax   []Resources
	n      int
	spare  [][]entry
}

// entry is a key with its payload.
type entry struct {
	k   uint64
	res Resources
}

const blockCap = 64

// cursor addresses one key of an ordset; b outside [0, len(blocks)) means
// "past the end" (or before the start when walking backwards).
type cursor struct{ b, i int }

// packKey orders by rank, then by ID. rank must be in [0, 2^32).
func packKey(rank int64, id int32) uint64 { return uint64(rank)<<32 | uint64(uint32(id)) }

func keyRank(k uint64) int64 { return int64(k >> 32) }

func keyID(k uint64) int32 { return int32(uint32(k)) }

func maxRes(a, b Resources) Resources {
	return Resources{max(a.CPU, b.CPU), max(a.Memory, b.Memory), max(a.GPU, b.GPU), max(a.ENI, b.ENI)}
}

func (s *ordset) len() int { return s.n }

// block returns the first block whose largest key is ≥ k.
func (s *ordset) block(k uint64) int {
	a := s.maxs
	base, n := 0, len(a)
	for n > 1 {
		half := n >> 1
		if a[base+half-1] < k {
			base += half
		}
		n -= half
	}
	if n == 1 && a[base] < k {
		base++
	}
	return base
}

// search returns the position of the first entry with key ≥ k in a block.
func search(blk []entry, k uint64) int {
	base, n := 0, len(blk)
	for n > 1 {
		half := n >> 1
		if blk[base+half-1].k < k {
			base += half
		}
		n -= half
	}
	if n == 1 && blk[base].k < k {
		base++
	}
	return base
}

func (s *ordset) newBlock() []entry {
	if n := len(s.spare); n > 0 {
		b := s.spare[n-1]
		s.spare = s.spare[:n-1]
		return b[:0]
	}
	return make([]entry, 0, blockCap+1)
}

// insert adds k with payload res; k must not be present.
func (s *ordset) insert(k uint64, res Resources) {
	s.n++
	if len(s.blocks) == 0 {
		s.blocks = append(s.blocks, append(s.newBlock(), entry{k, res}))
		s.maxs, s.bmax = append(s.maxs, k), append(s.bmax, res)
		return
	}
	b := min(s.block(k), len(s.blocks)-1)
	blk := s.blocks[b]
	i := search(blk, k)
	blk = blk[:len(blk)+1]
	copy(blk[i+1:], blk[i:])
	blk[i] = entry{k, res}
	s.blocks[b] = blk
	s.maxs[b] = blk[len(blk)-1].k
	s.bmax[b] = maxRes(s.bmax[b], res)
	if len(blk) > blockCap {
		s.split(b)
	}
}

// split moves the upper half of block b into a new block after it.
func (s *ordset) split(b int) {
	blk := s.blocks[b]
	half := len(blk) / 2
	nb := append(s.newBlock(), blk[half:]...)
	s.blocks[b] = blk[:half]
	s.maxs[b] = blk[half-1].k
	s.blocks = slices.Insert(s.blocks, b+1, nb)
	s.maxs = slices.Insert(s.maxs, b+1, nb[len(nb)-1].k)
	s.bmax = slices.Insert(s.bmax, b+1, Resources{})
	s.refreshMax(b)
	s.refreshMax(b + 1)
}

// refreshMax recomputes the exact payload maximum of block b.
func (s *ordset) refreshMax(b int) {
	var m Resources
	for _, x := range s.blocks[b] {
		m = maxRes(m, x.res)
	}
	s.bmax[b] = m
}

// remove deletes k and reports whether it was present.
func (s *ordset) remove(k uint64) bool {
	b := s.block(k)
	if b == len(s.blocks) {
		return false
	}
	blk := s.blocks[b]
	i := search(blk, k)
	if i == len(blk) || blk[i].k != k {
		return false
	}
	s.n--
	copy(blk[i:], blk[i+1:])
	blk = blk[:len(blk)-1]
	s.blocks[b] = blk
	if len(blk) == 0 {
		s.spare = append(s.spare, blk)
		s.blocks = slices.Delete(s.blocks, b, b+1)
		s.maxs, s.bmax = slices.Delete(s.maxs, b, b+1), slices.Delete(s.bmax, b, b+1)
		return true
	}
	s.maxs[b] = blk[len(blk)-1].k
	if len(blk) < blockCap/4 && b+1 < len(s.blocks) && len(blk)+len(s.blocks[b+1]) <= blockCap/2 {
		s.merge(b)
	}
	return true
}

// merge appends block b+1 to block b.
func (s *ordset) merge(b int) {
	s.blocks[b] = append(s.blocks[b], s.blocks[b+1]...)
	s.maxs[b] = s.maxs[b+1]
	s.spare = append(s.spare, s.blocks[b+1][:0])
	s.blocks = slices.Delete(s.blocks, b+1, b+2)
	s.maxs, s.bmax = slices.Delete(s.maxs, b+1, b+2), slices.Delete(s.bmax, b+1, b+2)
	s.refreshMax(b)
}

// overlaps reports whether the set may hold a key in [lo, hi): it is not
// empty, its largest key is ≥ lo and its smallest key is < hi. It is O(1).
func (s *ordset) overlaps(lo, hi uint64) bool {
	return s.n > 0 && s.maxs[len(s.maxs)-1] >= lo && s.blocks[0][0].k < hi
}

// at returns the key of rank j (0 ≤ j < len) in O(number of blocks).
func (s *ordset) at(j int) uint64 {
	for _, blk := range s.blocks {
		if j < len(blk) {
			return blk[j].k
		}
		j -= len(blk)
	}
	panic("placement: ordset.at: rank out of range")
}

// ranks appends to dst the rank of each of keys, which must be present and
// sorted ascending, in one pass over the blocks: O(blocks + len(keys)·log
// blockCap) instead of a prefix walk per key.
func (s *ordset) ranks(dst []int32, keys []uint64) []int32 {
	prefix, b := 0, 0
	for _, k := range keys {
		for b < len(s.blocks) && s.maxs[b] < k {
			prefix += len(s.blocks[b])
			b++
		}
		dst = append(dst, int32(prefix+search(s.blocks[b], k)))
	}
	return dst
}

// seek returns a cursor at the first key ≥ k.
func (s *ordset) seek(k uint64) cursor {
	b := s.block(k)
	if b == len(s.blocks) {
		return cursor{b, 0}
	}
	return cursor{b, search(s.blocks[b], k)}
}

// noLimit is the hi argument of seekFit and nextFit for "no upper bound".
const noLimit = ^uint64(0)

// seekFit returns a cursor at the first key in [k, hi) whose payload covers
// need, or at the first key ≥ hi, or past the end.
func (s *ordset) seekFit(k uint64, need Resources, hi uint64) cursor {
	c := s.seek(k)
	if s.valid(c) {
		if x := &s.blocks[c.b][c.i]; x.k < hi && !(s.bmax[c.b].Covers(need) && x.res.Covers(need)) {
			c = s.nextFit(c, need, hi)
		}
	}
	return c
}

// nextFit returns the cursor of the next key after c whose payload covers
// need, or of the first key ≥ hi, or past the end. It skips blocks whose
// bound cannot cover need and tightens the bound of a block it scans whole
// in vain.
func (s *ordset) nextFit(c cursor, need Resources, hi uint64) cursor {
	c.i++
	for ; c.b < len(s.blocks); c.b, c.i = c.b+1, 0 {
		blk := s.blocks[c.b]
		if c.i >= len(blk) {
			continue
		}
		if blk[c.i].k >= hi {
			return c
		}
		if !s.bmax[c.b].Covers(need) {
			continue
		}
		whole := c.i == 0
		for ; c.i < len(blk); c.i++ {
			if x := &blk[c.i]; x.k >= hi || x.res.Covers(need) {
				return c
			}
		}
		if whole {
			s.refreshMax(c.b)
		}
	}
	return c
}

// valid reports whether c addresses a key.
func (s *ordset) valid(c cursor) bool { return c.b >= 0 && c.b < len(s.blocks) }

func (s *ordset) key(c cursor) uint64 { return s.blocks[c.b][c.i].k }

func (s *ordset) next(c cursor) cursor {
	c.i++
	if c.i == len(s.blocks[c.b]) {
		c.b, c.i = c.b+1, 0
	}
	return c
}

// last returns a cursor at the largest key (invalid when empty).
func (s *ordset) last() cursor {
	b := len(s.blocks) - 1
	if b < 0 {
		return cursor{-1, 0}
	}
	return cursor{b, len(s.blocks[b]) - 1}
}

func (s *ordset) prev(c cursor) cursor {
	c.i--
	if c.i < 0 {
		c.b--
		if c.b >= 0 {
			c.i = len(s.blocks[c.b]) - 1
		}
	}
	return c
}

// bitset is a growable set of small non-negative integers.
type bitset []uint64

func (b bitset) has(i int32) bool {
	w := int(i >> 6)
	return w < len(b) && b[w]&(1<<(uint(i)&63)) != 0
}

func (b *bitset) set(i int32, v bool) {
	w := int(i >> 6)
	for w >= len(*b) {
		*b = append(*b, 0)
	}
	if v {
		(*b)[w] |= 1 << (uint(i) & 63)
	} else {
		(*b)[w] &^= 1 << (uint(i) & 63)
	}
}
