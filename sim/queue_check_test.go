package sim

import (
	"fmt"
	"math/bits"
)

// check verifies every invariant of the queue and the slot table the
// engine relies on. Tests call it after each operation.
func (e *Engine) check() error {
	q := &e.q
	seen := make(map[int32]bool) // chunks in use
	where := make(map[Time]tieInfo)
	total, cancelled, live := 0, 0, 0
	for l := range uint(levels) {
		nonEmpty := false
		for w := range uint(words) {
			if (q.sum[l]>>w&1 == 1) != (q.occ[l][w] != 0) {
				return fmt.Errorf("level %d word %d: summary bit disagrees with the bitmap", l, w)
			}
			for m := q.occ[l][w]; m != 0; m &= m - 1 {
				d := w*64 + uint(bits.TrailingZeros64(m))
				nonEmpty = true
				n, err := e.checkBucket(l, d, seen, where)
				if err != nil {
					return err
				}
				total += n.total
				cancelled += n.cancelled
				live += n.live
			}
		}
		if nonEmpty != (q.levels>>l&1 == 1) {
			return fmt.Errorf("level %d: level bit disagrees with the bitmap", l)
		}
	}
	if total != q.n {
		return fmt.Errorf("queue counts %d entries, buckets hold %d", q.n, total)
	}
	if cancelled != e.slots.cancelled {
		return fmt.Errorf("slot table counts %d cancelled, queue holds %d", e.slots.cancelled, cancelled)
	}
	if live != e.live {
		return fmt.Errorf("engine counts %d live, queue holds %d", e.live, live)
	}
	return q.checkFreeChunks(seen)
}

type bucketCounts struct{ total, cancelled, live int }

// checkBucket verifies the entries of bucket d of level l.
// tieInfo is where a time's entries are and the key of the latest seen.
type tieInfo struct {
	l, d uint
	key  uint64
}

func (e *Engine) checkBucket(l, d uint, seen map[int32]bool, where map[Time]tieInfo) (bucketCounts, error) {
	q := &e.q
	b := q.b[l][d]
	var n bucketCounts
	var prev *entry
	for c, i := b.head, b.hi; ; c, i = q.ch.next[c], 0 {
		if seen[c] {
			return n, fmt.Errorf("bucket %d/%d: chunk %d used twice", l, d, c)
		}
		seen[c] = true
		end := int32(chunkLen)
		if c == b.tail {
			end = b.ti
		}
		for ; i < end; i++ {
			p := q.ch.at(c, i)
			if err := e.checkEntry(l, d, b, p, prev); err != nil {
				return n, err
			}
			if w, ok := where[p.at]; ok {
				if w.l != l || w.d != d {
					return n, fmt.Errorf("time %v in buckets %d/%d and %d/%d: FIFO ties need one bucket", p.at, w.l, w.d, l, d)
				}
				if w.key > p.key {
					return n, fmt.Errorf("bucket %d/%d: entries at %v out of sequence order", l, d, p.at)
				}
			}
			where[p.at] = tieInfo{l, d, p.key}
			n.total++
			if e.slots.isCancelled(p.slot()) {
				n.cancelled++
			} else {
				n.live++
			}
			prev = p
		}
		if c == b.tail {
			break
		}
	}
	if n.total == 0 {
		return n, fmt.Errorf("bucket %d/%d marked non-empty holds nothing", l, d)
	}
	return n, nil
}

// checkEntry verifies one entry p of bucket b (d of level l), after prev.
func (e *Engine) checkEntry(l, d uint, b bucket, p, prev *entry) error {
	q := &e.q
	if p.at < q.last {
		return fmt.Errorf("entry at %v before last %v", p.at, q.last)
	}
	x := uint64(p.at ^ q.last)
	wl := uint(bits.Len64(x|1)-1) / digitBits
	wd := uint(uint64(p.at)>>(wl*digitBits)) & (fanout - 1)
	if wl != l || wd != d {
		return fmt.Errorf("entry at %v (last %v) in bucket %d/%d, belongs in %d/%d", p.at, q.last, l, d, wl, wd)
	}
	if p.at < b.min {
		return fmt.Errorf("bucket %d/%d: entry at %v before its minimum %v", l, d, p.at, b.min)
	}
	if b.sorted && prev != nil && (p.at < prev.at || p.at == prev.at && p.key < prev.key) {
		return fmt.Errorf("bucket %d/%d marked sorted is not", l, d)
	}
	s := p.slot()
	if int(s) >= len(e.slots.key) {
		return fmt.Errorf("entry slot %d out of range", s)
	}
	switch e.slots.state[s] {
	case slotPlain:
		if e.slots.key[s] != p.key || e.slots.flagged(s) {
			return fmt.Errorf("one-shot entry in slot %d: slot key %x, entry key %x", s, e.slots.key[s], p.key)
		}
	case slotPeriodic:
		if e.slots.key[s] == 0 || !e.slots.flagged(s) || e.periodic[s] == nil {
			return fmt.Errorf("periodic entry in slot %d without its timer", s)
		}
	case slotCancelled:
		if e.slots.key[s] != 0 || !e.slots.flagged(s) {
			return fmt.Errorf("cancelled entry in slot %d still looks live", s)
		}
	}
	return nil
}

// checkFreeChunks verifies that every chunk is either in a bucket or free.
func (q *queue) checkFreeChunks(used map[int32]bool) error {
	free := 0
	for c := q.ch.free; free < q.ch.nfree; c = q.ch.next[c] {
		if used[c] {
			return fmt.Errorf("chunk %d both free and in a bucket", c)
		}
		used[c] = true
		free++
	}
	if len(used) != len(q.ch.next) {
		return fmt.Errorf("%d chunks, %d in buckets or free", len(q.ch.next), len(used))
	}
	return nil
}
