package sim

import "slices"

// chunkLen is the number of entries in a chunk: 32 × 40 bytes, so a
// bucket's list costs one link per 32 events, and even the largest
// buckets stream through memory in long sequential runs.
const chunkLen = 32

// chunks is a pool of fixed-size blocks of entries from which every
// bucket's FIFO list is built. Chunk c is mem[c*chunkLen:(c+1)*chunkLen];
// next links a bucket's chunks, or the free chunks. Indices rather than
// pointers keep the links out of the garbage collector's way, and a
// returned chunk is the next one handed out, so it is still in cache.
//
// The pool only grows: its size is the peak number of queued events
// (plus one partly filled chunk per non-empty bucket), and in steady
// state every chunk comes from the free list, so nothing allocates.
type chunks struct {
	mem  []entry
	next []int32
	free int32 // head of the free list; valid when nfree > 0
	// nfree counts free chunks so the zero value is an empty pool.
	nfree int
}

// get returns an unused chunk.
func (c *chunks) get() int32 {
	if c.nfree == 0 {
		return c.grow()
	}
	x := c.free
	c.free = c.next[x]
	c.nfree--
	return x
}

// grow returns a new chunk.
func (c *chunks) grow() int32 {
	x := int32(len(c.next))
	c.next = append(c.next, 0)
	n := len(c.mem)
	c.mem = slices.Grow(c.mem, chunkLen)[:n+chunkLen]
	return x
}

// put returns chunk x to the pool.
func (c *chunks) put(x int32) {
	c.next[x] = c.free
	c.free = x
	c.nfree++
}

// at returns the i-th entry of chunk x.
func (c *chunks) at(x, i int32) *entry {
	return &c.mem[int(x)*chunkLen+int(i)]
}

// bucket is a FIFO list of entries in linked chunks. It is meaningful only
// while the queue's occupancy bitmap marks it non-empty; a non-empty
// bucket has at least one entry.
type bucket struct {
	head, tail int32 // first and last chunk
	hi, ti     int32 // next entry to read in head, next slot to write in tail
	// min is the earliest time appended (a lower bound once entries have
	// been taken from the head), so a cascade need not scan for it.
	min Time
	// sorted is set while the entries from hi on are in (at, seq) order,
	// so the head is the earliest. Level-0 buckets are always sorted.
	sorted bool
}
