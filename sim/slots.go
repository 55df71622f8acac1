package sim

import "fmt"

const (
	slotBits = 24
	slotMask = 1<<slotBits - 1
	// maxSlots bounds the events queued at once (cancelled ones included
	// until they are dropped).
	maxSlots = 1 << slotBits
	// maxSeq bounds the events scheduled over one engine's life (~1.1e12).
	maxSeq = 1<<(64-slotBits) - 1
)

type slotState uint8

const (
	slotPlain     slotState = iota // free, or a live one-shot event
	slotPeriodic                   // a live periodic timer
	slotCancelled                  // cancelled; its entry is still queued
)

// slotTable tracks which events are live, for Cancel, without holding
// their payload: the handler and argument travel in the queue entry, so
// firing an event reads no per-event memory outside the queue except one
// bit. A slot is an index that an event holds from At until it fires or,
// if cancelled, until its entry leaves the queue.
type slotTable struct {
	// key[s] is the key (sequence number and slot) of the live event in
	// s, or 0: an EventID is live exactly when key[id.slot()] == id.key.
	// Firing writes 0 without reading, so it costs no cache miss.
	key []uint64
	// attn has bit s set when slot s is periodic or cancelled: the one
	// bit the fast path tests; state says which.
	attn  []uint64
	state []slotState
	free  []int32 // LIFO: a slot freed by firing is reused while hot
	// cancelled counts cancelled entries still queued; while it is zero
	// the queue skips the cancellation test.
	cancelled int
}

func (t *slotTable) flagged(s int32) bool { return t.attn[s>>6]&(1<<(s&63)) != 0 }
func (t *slotTable) flag(s int32)         { t.attn[s>>6] |= 1 << (s & 63) }
func (t *slotTable) unflag(s int32)       { t.attn[s>>6] &^= 1 << (s & 63) }

// isCancelled reports whether the entry in slot s was cancelled.
func (t *slotTable) isCancelled(s int32) bool {
	return t.flagged(s) && t.state[s] == slotCancelled
}

// alloc returns a free slot.
func (t *slotTable) alloc() int32 {
	n := len(t.free) - 1
	if n < 0 {
		return t.grow()
	}
	s := t.free[n]
	t.free = t.free[:n]
	return s
}

// grow returns a new slot.
func (t *slotTable) grow() int32 {
	s := len(t.key)
	if s >= maxSlots {
		panic(fmt.Sprintf("sim: more than %d events queued", maxSlots))
	}
	t.key = append(t.key, 0)
	t.state = append(t.state, slotPlain)
	if s&63 == 0 {
		t.attn = append(t.attn, 0)
	}
	return int32(s)
}

// release frees the slot of a fired one-shot event.
func (t *slotTable) release(s int32) {
	t.key[s] = 0
	t.free = append(t.free, s)
}

// drop frees the slot of a cancelled entry leaving the queue.
func (t *slotTable) drop(s int32) {
	t.unflag(s)
	t.state[s] = slotPlain
	t.cancelled--
	t.free = append(t.free, s)
}
