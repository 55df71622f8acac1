package sim

import "math/bits"

// entry is one queued event as the heap sees it: 16 bytes, so the four
// children of a node fill exactly one 64-byte cache line. key packs the
// FIFO sequence number (high 40 bits) above the slot index (low 24 bits);
// seqs are unique, so comparing keys compares sequence numbers.
type entry struct {
	at  Time
	key uint64
}

const (
	slotBits = 24
	slotMask = 1<<slotBits - 1
	// maxSlots bounds the events queued at once (cancelled ones included
	// until they are compacted away).
	maxSlots = 1 << slotBits
	// maxSeq bounds the events scheduled over one engine's life (~1.1e12).
	maxSeq = 1<<(64-slotBits) - 1
)

func (e entry) slot() int32 { return int32(e.key & slotMask) }

// less orders by (at, key) as one 128-bit unsigned comparison: the borrow
// out of (a.at:a.key) − (b.at:b.key). Times are never negative.
func (e entry) less(b entry) bool {
	_, borrow := bits.Sub64(e.key, b.key, 0)
	_, borrow = bits.Sub64(uint64(e.at), uint64(b.at), borrow)
	return borrow != 0
}

// arity of the heap: four 16-byte children fill one cache line and halve
// the depth of a binary heap. (8 measured slower: two lines per family.)
const arity = 4

// pad is the number of unused entries before the root. With the root at
// index 3 the children of the node at p are at 4p-8 … 4p-5, which start
// on a multiple of four entries: each family is one aligned cache line
// instead of straddling two (large slices are page-aligned by Go's
// allocator).
const pad = 3

func parent(p int) int     { return (p-pad-1)/arity + pad }
func firstChild(p int) int { return arity*(p-pad) + 1 + pad }

// queue is a 4-ary min-heap of entries ordered by (at, seq).
type queue struct {
	heap []entry // heap[:pad] is unused
}

func (q *queue) len() int { return max(len(q.heap)-pad, 0) }

// min returns the earliest entry. The queue must not be empty.
func (q *queue) min() entry { return q.heap[pad] }

func (q *queue) push(e entry) {
	if q.heap == nil {
		q.heap = make([]entry, pad, 64)
	}
	q.heap = append(q.heap, e)
	q.up(len(q.heap)-1, e)
}

// replaceMin overwrites the earliest entry with e and restores the heap in
// one pass instead of the two a pop and a push would cost. It sifts
// bottom-up (Floyd): the hole at the root moves down along the smallest
// children to a leaf without comparing against e, then e rises from
// there. A rescheduled event usually belongs near the bottom, so this
// saves a comparison per level over a plain sift-down.
func (q *queue) replaceMin(e entry) {
	h := q.heap
	n := len(h)
	i := pad
	for {
		c := firstChild(i)
		if c+arity > n {
			break
		}
		j, m := min4(h[c : c+arity : c+arity])
		h[i] = m
		i = c + j
	}
	if c := firstChild(i); c < n { // a last, partial family
		best := c
		for j := c + 1; j < n; j++ {
			if h[j].less(h[best]) {
				best = j
			}
		}
		h[i] = h[best]
		i = best
	}
	q.up(i, e)
}

// min4 returns the index and value of the least of four entries without a
// data-dependent branch: each comparison's borrow becomes a mask that
// selects the new minimum arithmetically. Heap comparisons on random
// times are unpredictable, so branches here cost more than the arithmetic.
func min4(f []entry) (int, entry) {
	f = f[:4:4]
	b, at, key := uint64(0), uint64(f[0].at), f[0].key
	for j := uint64(1); j < 4; j++ {
		cat, ckey := uint64(f[j].at), f[j].key
		_, br := bits.Sub64(ckey, key, 0)
		_, br = bits.Sub64(cat, at, br)
		m := -br // all ones when f[j] is less than the minimum so far
		b ^= (b ^ j) & m
		at ^= (at ^ cat) & m
		key ^= (key ^ ckey) & m
	}
	return int(b), entry{at: Time(at), key: key}
}

// popMin removes the earliest entry. The queue must not be empty.
func (q *queue) popMin() {
	n := len(q.heap) - 1
	last := q.heap[n]
	q.heap = q.heap[:n]
	if n > pad {
		q.replaceMin(last)
	}
}

// up places e at index i or above, moving larger parents down.
func (q *queue) up(i int, e entry) {
	h := q.heap
	for i > pad {
		p := parent(i)
		if !e.less(h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// down places e at index i or below, moving the smallest child up.
func (q *queue) down(i int, e entry) {
	h := q.heap
	n := len(h)
	for {
		c := firstChild(i)
		if c >= n {
			break
		}
		best := c
		for j := c + 1; j < min(c+arity, n); j++ {
			if h[j].less(h[best]) {
				best = j
			}
		}
		if !h[best].less(e) {
			break
		}
		h[i] = h[best]
		i = best
	}
	h[i] = e
}

// heapify restores heap order over an arbitrary slice in O(n).
func (q *queue) heapify() {
	if len(q.heap) < pad+2 {
		return
	}
	for i := parent(len(q.heap) - 1); i >= pad; i-- {
		q.down(i, q.heap[i])
	}
}
