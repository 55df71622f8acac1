package placement

import "slices"

// ordset is an ordered set of uint64 keys kept as a list of sorted blocks of
// at most blockCap keys, with the largest key of every block in maxs for a
// cache-friendly binary search. Insert and delete cost O(log n + blockCap)
// (a short memmove); seeks O(log n). Emptied blocks are recycled, so a set of
// stable size does not allocate.
type ordset struct {
	blocks [][]uint64
	maxs   []uint64
	n      int
	spare  [][]uint64
}

const blockCap = 128

// cursor addresses one key of an ordset; b == len(blocks) (or −1 when
// walking backwards) means "past the end".
type cursor struct{ b, i int }

// packKey orders by rank, then by ID. rank must be in [0, 2^32).
func packKey(rank int64, id int32) uint64 { return uint64(rank)<<32 | uint64(uint32(id)) }

func keyRank(k uint64) int64 { return int64(k >> 32) }

func keyID(k uint64) int32 { return int32(uint32(k)) }

func (s *ordset) len() int { return s.n }

// block returns the first block whose largest key is ≥ k.
func (s *ordset) block(k uint64) int {
	lo, hi := 0, len(s.maxs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.maxs[m] < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (s *ordset) newBlock() []uint64 {
	if n := len(s.spare); n > 0 {
		b := s.spare[n-1]
		s.spare = s.spare[:n-1]
		return b[:0]
	}
	return make([]uint64, 0, blockCap+1)
}

func (s *ordset) insert(k uint64) {
	s.n++
	if len(s.blocks) == 0 {
		s.blocks = append(s.blocks, append(s.newBlock(), k))
		s.maxs = append(s.maxs, k)
		return
	}
	b := min(s.block(k), len(s.blocks)-1)
	blk := s.blocks[b]
	i, _ := slices.BinarySearch(blk, k)
	blk = slices.Insert(blk, i, k)
	s.blocks[b] = blk
	s.maxs[b] = blk[len(blk)-1]
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
	s.maxs[b] = blk[half-1]
	s.blocks = slices.Insert(s.blocks, b+1, nb)
	s.maxs = slices.Insert(s.maxs, b+1, nb[len(nb)-1])
}

// remove deletes k and reports whether it was present.
func (s *ordset) remove(k uint64) bool {
	b := s.block(k)
	if b == len(s.blocks) {
		return false
	}
	blk := s.blocks[b]
	i, found := slices.BinarySearch(blk, k)
	if !found {
		return false
	}
	s.n--
	blk = slices.Delete(blk, i, i+1)
	s.blocks[b] = blk
	switch {
	case len(blk) == 0:
		s.spare = append(s.spare, blk)
		s.blocks = slices.Delete(s.blocks, b, b+1)
		s.maxs = slices.Delete(s.maxs, b, b+1)
	default:
		s.maxs[b] = blk[len(blk)-1]
		if len(blk) < blockCap/4 && b+1 < len(s.blocks) && len(blk)+len(s.blocks[b+1]) <= blockCap/2 {
			s.merge(b)
		}
	}
	return true
}

// merge appends block b+1 to block b.
func (s *ordset) merge(b int) {
	next := s.blocks[b+1]
	s.blocks[b] = append(s.blocks[b], next...)
	s.maxs[b] = s.maxs[b+1]
	s.spare = append(s.spare, next[:0])
	s.blocks = slices.Delete(s.blocks, b+1, b+2)
	s.maxs = slices.Delete(s.maxs, b+1, b+2)
}

// seek returns a cursor at the first key ≥ k.
func (s *ordset) seek(k uint64) cursor {
	b := s.block(k)
	if b == len(s.blocks) {
		return cursor{b, 0}
	}
	i, _ := slices.BinarySearch(s.blocks[b], k)
	return cursor{b, i}
}

// valid reports whether c addresses a key.
func (s *ordset) valid(c cursor) bool { return c.b >= 0 && c.b < len(s.blocks) }

func (s *ordset) key(c cursor) uint64 { return s.blocks[c.b][c.i] }

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

// reset empties the set, keeping its blocks for reuse.
func (s *ordset) reset() {
	for _, b := range s.blocks {
		s.spare = append(s.spare, b[:0])
	}
	s.blocks, s.maxs, s.n = s.blocks[:0], s.maxs[:0], 0
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
