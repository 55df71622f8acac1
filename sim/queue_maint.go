package sim

import "math/bits"

// compact drops every cancelled entry, so cancelled far-future events
// cannot make the queue grow without bound. Entries keep their order.
func (q *queue) compact() {
	q.hot = false // filter may empty the front bucket
	for l := range uint(levels) {
		for ws := q.sum[l]; ws != 0; ws &= ws - 1 {
			w := uint(bits.TrailingZeros64(ws))
			for m := q.occ[l][w]; m != 0; m &= m - 1 {
				q.filter(l, w*64+uint(bits.TrailingZeros64(m)))
			}
		}
	}
}

// filter drops the cancelled entries of bucket d of level l in place,
// sliding the survivors forward, and frees the chunks left over.
func (q *queue) filter(l, d uint) {
	b := &q.b[l][d]
	wc, wi := b.head, b.hi // write cursor
	kept := false
	for rc, ri := b.head, b.hi; ; rc, ri = q.ch.next[rc], 0 {
		end := int32(chunkLen)
		if rc == b.tail {
			end = b.ti
		}
		for ; ri < end; ri++ {
			e := q.ch.at(rc, ri)
			if s := e.slot(); q.slots.isCancelled(s) {
				q.slots.drop(s)
				q.n--
				continue
			}
			if wi == chunkLen {
				wc, wi = q.ch.next[wc], 0
			}
			if wc != rc || wi != ri {
				*q.ch.at(wc, wi) = *e
			}
			wi++
			kept = true
		}
		if rc == b.tail {
			break
		}
	}
	if !kept {
		q.freeChain(b.head, b.tail)
		q.clear(l, d)
		return
	}
	if wc != b.tail {
		q.freeChain(q.ch.next[wc], b.tail)
	}
	b.tail, b.ti = wc, wi
}

// freeChain returns the chunks from c to last, following the links.
func (q *queue) freeChain(c, last int32) {
	for {
		next := q.ch.next[c]
		q.ch.put(c)
		if c == last {
			return
		}
		c = next
	}
}

// rewind lowers last to t, which is before it, by re-placing every entry.
// The engine needs it only when an event is scheduled before last, which
// can happen only after Run cascaded towards an event and then stopped
// without firing it (a cancelled context or a spent event budget): O(n),
// but rare.
func (q *queue) rewind(t Time) {
	var all []bucket
	for l := range uint(levels) {
		for ws := q.sum[l]; ws != 0; ws &= ws - 1 {
			w := uint(bits.TrailingZeros64(ws))
			for m := q.occ[l][w]; m != 0; m &= m - 1 {
				all = append(all, q.b[l][w*64+uint(bits.TrailingZeros64(m))])
			}
			q.occ[l][w] = 0
		}
		q.sum[l] = 0
	}
	q.levels = 0
	q.hot = false
	q.last = t
	// Entries of equal time share one bucket, which replace re-places in
	// order, so FIFO ties survive.
	for _, b := range all {
		q.replace(b)
	}
}
