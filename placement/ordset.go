package placement

import "slices"

// ordset is an ordered set of uint64 keys, each with a Resources payload,
// kept as a list of sorted blocks of at most blockCap keys. For every block it
// stores the largest key (for a cache-friendly binary search) and an upper
// bound of the per-dimension maximum of its payloads — raised by inserts,
// exact after splits and merges, tightened when a search scans the whole
// block without a fit — so that a search for an instance that fits a task
// skips whole blocks that cannot hold it. Insert and delete
// cost O(log n + blockCap); seeks O(log n). Emptied blocks are recycled, so a
// set of stable size does not allocate.
type ordset struct {
	blocks [][]uint64
	aux    [][]Resources // nil slices when noAux
	maxs   []uint64
	bmax   []Resources
	n      int
	spare  [][]uint64
	spareA [][]Resources
	// noAux sets keep no payloads (seekFit and nextFit must not be used).
	noAux bool
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
func (s *ordset) block(k uint64) int { return search(s.maxs, k) }

func (s *ordset) newBlock() ([]uint64, []Resources) {
	if n := len(s.spare); n > 0 {
		b, a := s.spare[n-1], s.spareA[n-1]
		s.spare, s.spareA = s.spare[:n-1], s.spareA[:n-1]
		return b[:0], a[:0]
	}
	if s.noAux {
		return make([]uint64, 0, blockCap+1), nil
	}
	return make([]uint64, 0, blockCap+1), make([]Resources, 0, blockCap+1)
}

// search returns the position of the first element ≥ k in a sorted slice.
// The loop body compiles to a conditional move, avoiding mispredictions.
func search(a []uint64, k uint64) int {
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

func (s *ordset) recycle(b []uint64, a []Resources) {
	s.spare, s.spareA = append(s.spare, b[:0]), append(s.spareA, a[:0])
}

// insert adds k with payload aux; k must not be present.
func (s *ordset) insert(k uint64, aux Resources) {
	s.n++
	if len(s.blocks) == 0 {
		b, a := s.newBlock()
		s.blocks, s.aux = append(s.blocks, append(b, k)), append(s.aux, append(a, aux))
		s.maxs, s.bmax = append(s.maxs, k), append(s.bmax, aux)
		return
	}
	b := min(s.block(k), len(s.blocks)-1)
	blk := s.blocks[b]
	i := search(blk, k)
	blk = blk[:len(blk)+1]
	copy(blk[i+1:], blk[i:])
	blk[i] = k
	s.blocks[b] = blk
	s.maxs[b] = blk[len(blk)-1]
	if !s.noAux {
		ax := s.aux[b][:len(blk)]
		copy(ax[i+1:], ax[i:])
		ax[i] = aux
		s.aux[b] = ax
		s.bmax[b] = maxRes(s.bmax[b], aux)
	}
	if len(blk) > blockCap {
		s.split(b)
	}
}

// split moves the upper half of block b into a new block after it.
func (s *ordset) split(b int) {
	blk, ax := s.blocks[b], s.aux[b]
	half := len(blk) / 2
	nb, na := s.newBlock()
	nb = append(nb, blk[half:]...)
	s.blocks[b] = blk[:half]
	if !s.noAux {
		na = append(na, ax[half:]...)
		s.aux[b] = ax[:half]
	}
	s.maxs[b] = blk[half-1]
	s.blocks = slices.Insert(s.blocks, b+1, nb)
	s.aux = slices.Insert(s.aux, b+1, na)
	s.maxs = slices.Insert(s.maxs, b+1, nb[len(nb)-1])
	s.bmax = slices.Insert(s.bmax, b+1, Resources{})
	if !s.noAux {
		s.refreshMax(b)
		s.refreshMax(b + 1)
	}
}

// refreshMax recomputes the exact payload maximum of block b.
func (s *ordset) refreshMax(b int) {
	var m Resources
	for _, a := range s.aux[b] {
		m = maxRes(m, a)
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
	if i == len(blk) || blk[i] != k {
		return false
	}
	s.n--
	copy(blk[i:], blk[i+1:])
	s.blocks[b] = blk[:len(blk)-1]
	if !s.noAux {
		ax := s.aux[b]
		copy(ax[i:], ax[i+1:])
		s.aux[b] = ax[:len(ax)-1]
	}
	if len(s.blocks[b]) == 0 {
		s.recycle(s.blocks[b], s.aux[b])
		s.blocks, s.aux = slices.Delete(s.blocks, b, b+1), slices.Delete(s.aux, b, b+1)
		s.maxs, s.bmax = slices.Delete(s.maxs, b, b+1), slices.Delete(s.bmax, b, b+1)
		return true
	}
	s.maxs[b] = s.blocks[b][len(s.blocks[b])-1]
	if len(s.blocks[b]) < blockCap/4 && b+1 < len(s.blocks) && len(s.blocks[b])+len(s.blocks[b+1]) <= blockCap/2 {
		s.merge(b)
	}
	return true
}

// merge appends block b+1 to block b.
func (s *ordset) merge(b int) {
	s.blocks[b] = append(s.blocks[b], s.blocks[b+1]...)
	s.aux[b] = append(s.aux[b], s.aux[b+1]...)
	s.maxs[b] = s.maxs[b+1]
	s.recycle(s.blocks[b+1], s.aux[b+1])
	s.blocks, s.aux = slices.Delete(s.blocks, b+1, b+2), slices.Delete(s.aux, b+1, b+2)
	s.maxs, s.bmax = slices.Delete(s.maxs, b+1, b+2), slices.Delete(s.bmax, b+1, b+2)
	if !s.noAux {
		s.refreshMax(b)
	}
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
	if s.valid(c) && s.key(c) < hi && !(s.bmax[c.b].Covers(need) && s.aux[c.b][c.i].Covers(need)) {
		c = s.nextFit(c, need, hi)
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
		if blk[c.i] >= hi {
			return c
		}
		if !s.bmax[c.b].Covers(need) {
			continue
		}
		whole := c.i == 0
		ax := s.aux[c.b]
		for ; c.i < len(blk); c.i++ {
			if blk[c.i] >= hi || ax[c.i].Covers(need) {
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

func (s *ordset) key(c cursor) uint64 { return s.blocks[c.b][c.i] }

// payload returns the payload at c (sets with payloads only).
func (s *ordset) payload(c cursor) Resources { return s.aux[c.b][c.i] }

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
