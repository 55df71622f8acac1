package sim

import "math/bits"

// entry is one queued event: when, its FIFO key, and its payload, so that
// firing it needs no lookup elsewhere. key packs the sequence number
// (high 40 bits) above the slot (low 24 bits).
type entry struct {
	at  Time
	key uint64
	arg int64
	h   Handler
}

func (e *entry) slot() int32 { return int32(e.key & slotMask) }

const (
	digitBits = 12
	fanout    = 1 << digitBits
	words     = fanout / 64 // bitmap words per level, at most 64
	// levels covers the 63 bits of a non-negative Time.
	levels = (63 + digitBits - 1) / digitBits
)

// queue is a radix queue (a radix heap with 4096-way digits, or a
// hierarchical timing wheel that keeps exact order) of entries ordered by
// (at, seq). It replaced a 4-ary heap: a heap pays O(log n) comparisons
// and, at a million events, cache misses on its lower levels for every
// event; here an event is appended to a bucket found by a bit scan and
// copied a bounded number of times, sequentially.
//
// Every entry is at or after last, the time of the latest event taken
// out (or a bound below it, see popFront). An entry lives at level l, the
// index of the highest digit in which its time differs from last, in
// bucket d, its time's digit l. So a level-0 bucket holds the entries of
// exactly one time, and the earliest entries are in the lowest non-empty
// bucket of the lowest non-empty level. That bucket fires from its head
// if it is sorted (level 0 always is; a higher one is when it was filled
// in time order, or once sortSmall has sorted it, which it does to any
// bucket of one chunk). Otherwise it is cascaded: last moves to its
// earliest time and its entries are re-placed, each at a strictly lower
// level. An entry therefore moves at most levels-1 times, whatever the
// spread of times; in practice it is placed once or twice and sorted once.
//
// FIFO ties need no comparisons: entries of equal time always share a
// bucket (the bucket is a function of the time and last); buckets are FIFO
// lists, appends come in sequence order, a cascade re-places a bucket in
// its order into buckets that were empty, and sorting keys on (time,
// position in the bucket).
type queue struct {
	last   Time
	n      int    // entries queued, cancelled ones included
	levels uint32 // bit l set when level l has a non-empty bucket
	// curL and cur are the front bucket: the lowest, and sorted. hot is
	// set from popFront to the next front when the bucket still has
	// entries: events scheduled in between are not before the popped one
	// (the clock is at it), so they can join that bucket (perhaps breaking
	// its order) but never a lower one.
	curL, cur uint32
	curB      *bucket // &b[curL][cur]
	hot       bool
	// sum[l] has bit w set when occ[l][w] is not zero.
	sum   [levels]uint64
	occ   [levels][words]uint64
	b     [levels]*[fanout]bucket // allocated on first use: 128 KiB a level
	ch    chunks
	slots *slotTable // to drop cancelled entries on the way
}

func newQueue(slots *slotTable) queue {
	return queue{slots: slots}
}

func (q *queue) len() int { return q.n }

// push returns the place for a new entry at time at, which must not be
// before q.last, for the caller to fill. Filling the place field by field
// (rather than copying an entry built in registers) avoids a store-
// forwarding stall on the 40-byte copy.
func (q *queue) push(at Time) *entry {
	q.n++
	return q.place(at)
}

// place appends a place for an entry at time at to its bucket.
func (q *queue) place(at Time) *entry {
	x := uint64(at ^ q.last)
	l := uint(bits.Len64(x|1)-1) / digitBits
	d := uint(uint64(at)>>(l*digitBits)) & (fanout - 1)
	lv := q.b[l]
	if lv == nil {
		lv = new([fanout]bucket)
		q.b[l] = lv
	}
	b := &lv[d]
	w, bit := d/64, uint64(1)<<(d%64)
	if q.occ[l][w]&bit == 0 {
		q.occ[l][w] |= bit
		q.sum[l] |= 1 << w
		q.levels |= 1 << l
		c := q.ch.get()
		*b = bucket{head: c, tail: c, ti: 1, min: at, sorted: true}
		return q.ch.at(c, 0)
	}
	b.min = min(b.min, at)
	// Branch-free: whether times arrive in order is as random as they are.
	inOrder := at >= q.ch.at(b.tail, b.ti-1).at
	b.sorted = b.sorted && inOrder
	if b.ti == chunkLen {
		c := q.ch.get()
		q.ch.next[b.tail] = c
		b.tail, b.ti = c, 0
	}
	b.ti++
	return q.ch.at(b.tail, b.ti-1)
}

// first returns the lowest non-empty bucket of level l, which must have one.
func (q *queue) first(l uint) uint {
	w := uint(bits.TrailingZeros64(q.sum[l]))
	return w*64 + uint(bits.TrailingZeros64(q.occ[l][w%words]))
}

// clear marks bucket d of level l empty.
func (q *queue) clear(l, d uint) {
	w := d / 64
	o := &q.occ[l][w]
	if *o &^= 1 << (d % 64); *o == 0 {
		if q.sum[l] &^= 1 << w; q.sum[l] == 0 {
			q.levels &^= 1 << l
		}
	}
}

// front returns the earliest live entry if it is not after limit, else
// nil. Cancelled entries met on the way are dropped. It cascades only
// buckets whose earliest entry is not after limit, so last never passes
// limit. The pointer is valid until the queue changes; popFront removes
// the entry.
//
// The earliest entry is the head of the lowest bucket if that bucket is
// sorted: always at level 0 (one time, FIFO), and above it when it was
// filled in time order or has been sorted. A small unsorted bucket in one
// chunk is sorted in place of a cascade; any other is cascaded.
func (q *queue) front(limit Time) *entry {
	// Fast path: the bucket popFront left is still the front.
	if b := q.curB; q.hot && b.sorted && q.slots.cancelled == 0 {
		if p := q.ch.at(b.head, b.hi); p.at <= limit {
			q.hot = false
			return p
		}
	}
	return q.findFront(limit)
}

// findFront is front's general path.
func (q *queue) findFront(limit Time) *entry {
	for {
		if !q.hot {
			if q.levels == 0 {
				return nil
			}
			l := uint(bits.TrailingZeros32(q.levels))
			d := q.first(l)
			// A bucket whose order broke while it was being served is
			// cascaded rather than sorted again: what broke it is usually
			// a run of events scheduled close to now, which belong in
			// finer buckets.
			if b := &q.b[l][d]; !b.sorted && (b.hi > 0 || !q.sortSmall(l, b)) {
				if !q.cascade(l, d, limit) {
					return nil
				}
				continue
			}
			q.curL, q.cur, q.curB = uint32(l), uint32(d), &q.b[l][d]
		}
		b := q.curB
		if !b.sorted { // an event scheduled into it broke its order
			q.hot = false
			continue
		}
		p := q.ch.at(b.head, b.hi)
		// Until popFront, events may be scheduled before p (the clock is
		// behind it), so the front bucket must be found afresh.
		q.hot = false
		if p.at > limit {
			return nil
		}
		if s := p.slot(); q.slots.cancelled > 0 && q.slots.isCancelled(s) {
			q.popFront(p.at)
			q.slots.drop(s)
			continue
		}
		return p
	}
}

// popFront removes the entry front returned, whose time is at.
//
// If that empties the bucket, or the bucket is at level 0, at becomes
// last: every other entry keeps its bucket, since those of the same level
// share at's digits above it and no lower level has any. From a sorted
// bucket above level 0 that still has entries, last stays: the rest of
// the bucket would belong to lower levels relative to at, and events
// scheduled into the bucket's span must keep joining the bucket, not
// lower levels that front would look at first.
func (q *queue) popFront(at Time) {
	l, d, b := uint(q.curL), uint(q.cur), q.curB
	q.n--
	b.hi++
	b.min = at // the bucket is sorted: the rest is not earlier
	if b.head == b.tail {
		if b.hi == b.ti {
			q.ch.put(b.head)
			q.clear(l, d)
			q.last = at
			q.hot = false
			return
		}
	} else if b.hi == chunkLen {
		h := b.head
		b.head, b.hi = q.ch.next[h], 0
		q.ch.put(h)
	}
	q.hot = true
	if l == 0 {
		q.last = at
	}
}

// sortSmall sorts bucket b of level l by (at, seq) if it is small enough:
// one chunk, and times whose offsets fit a 63-bit sort key beside their
// position. It reports whether b is now sorted.
func (q *queue) sortSmall(l uint, b *bucket) bool {
	if b.head != b.tail || l*digitBits+posBits > 63 {
		return false
	}
	n := int(b.ti - b.hi)
	src := q.ch.mem[int(b.head)*chunkLen+int(b.hi):][:n]
	var keys [chunkLen]uint64
	for i := range src {
		keys[i&(chunkLen-1)] = sortKey(src[i].at-b.min, i)
	}
	c := q.ch.get()
	src = q.ch.mem[int(b.head)*chunkLen+int(b.hi):][:n] // get may move the pool
	dst := q.ch.mem[int(c)*chunkLen:][:chunkLen]
	// Each entry goes to its rank, the number of smaller keys: n² branch-
	// free comparisons (keys are below 1<<63, so the difference's sign
	// bit is the comparison), no mispredicted branch per entry as in an
	// insertion sort of random times.
	for i := range src {
		ki, r := keys[i&(chunkLen-1)], uint64(0)
		for _, kj := range keys[:n] {
			r += (kj - ki) >> 63
		}
		dst[r&(chunkLen-1)] = src[i]
	}
	q.ch.put(b.head)
	b.head, b.tail, b.hi, b.ti, b.sorted = c, c, 0, int32(n), true
	return true
}

const posBits = 5 // a position in a chunk

// sortKey orders entries of one bucket: the time's offset from the
// bucket's earliest time above the position. Equal times keep bucket
// order, which is their sequence order.
func sortKey(offset Time, pos int) uint64 { return uint64(offset)<<posBits | uint64(pos) }

// cascade empties bucket d of level l > 0, the lowest non-empty one, into
// lower levels, unless its earliest entry is after limit. It reports
// whether it did.
func (q *queue) cascade(l, d uint, limit Time) bool {
	b := q.b[l][d]
	if b.min > limit {
		return false
	}
	q.clear(l, d)
	// Moving last to the bucket's earliest time (rather than to the
	// bucket's start) sends that time's entries straight to level 0: a
	// burst of equal times is re-placed once, not once per level.
	q.last = b.min
	q.replace(b)
	return true
}

// replace re-places the entries of a detached bucket in order, dropping
// cancelled ones, and frees its chunks.
func (q *queue) replace(b bucket) {
	c, i := b.head, b.hi
	for {
		end := int32(chunkLen)
		if c == b.tail {
			end = b.ti
		}
		for ; i < end; i++ {
			// Index afresh each time: place may grow (move) the pool.
			e := q.ch.at(c, i)
			if s := e.slot(); q.slots.cancelled > 0 && q.slots.isCancelled(s) {
				q.slots.drop(s)
				q.n--
				continue
			}
			*q.place(e.at) = *e
		}
		// Read the link before put overwrites it. A freed chunk may be
		// handed out by the next place: it has been read to its end.
		next := q.ch.next[c]
		q.ch.put(c)
		if c == b.tail {
			return
		}
		c, i = next, 0
	}
}
