package placement

// maxHeap is an indexed binary max-heap of keys. Each element carries a small
// integer handle; the position of every handle is kept in a pos slice shared
// by the heaps of one scale view, so that a key can be changed or removed in
// O(log n) without a search.
type maxHeap struct {
	keys    []uint64
	handles []int32
}

func (h *maxHeap) len() int { return len(h.keys) }

// top returns the largest key; the heap must not be empty.
func (h *maxHeap) top() uint64 { return h.keys[0] }

func (h *maxHeap) swap(i, j int, pos []int32) {
	h.keys[i], h.keys[j] = h.keys[j], h.keys[i]
	h.handles[i], h.handles[j] = h.handles[j], h.handles[i]
	pos[h.handles[i]], pos[h.handles[j]] = int32(i), int32(j)
}

func (h *maxHeap) up(i int, pos []int32) {
	for i > 0 {
		p := (i - 1) / 2
		if h.keys[p] >= h.keys[i] {
			return
		}
		h.swap(i, p, pos)
		i = p
	}
}

func (h *maxHeap) down(i int, pos []int32) {
	n := len(h.keys)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && h.keys[r] > h.keys[l] {
			c = r
		}
		if h.keys[i] >= h.keys[c] {
			return
		}
		h.swap(i, c, pos)
		i = c
	}
}

// push adds handle with key.
func (h *maxHeap) push(key uint64, handle int32, pos []int32) {
	h.keys = append(h.keys, key)
	h.handles = append(h.handles, handle)
	pos[handle] = int32(len(h.keys) - 1)
	h.up(len(h.keys)-1, pos)
}

// remove deletes the element at index i.
func (h *maxHeap) remove(i int, pos []int32) {
	last := len(h.keys) - 1
	gone := h.handles[i]
	if i != last {
		h.swap(i, last, pos)
	}
	h.keys, h.handles = h.keys[:last], h.handles[:last]
	pos[gone] = -1
	if i != last {
		h.down(i, pos)
		h.up(i, pos)
	}
}

// update changes the key at index i.
func (h *maxHeap) update(i int, key uint64, pos []int32) {
	old := h.keys[i]
	h.keys[i] = key
	if key > old {
		h.up(i, pos)
	} else if key < old {
		h.down(i, pos)
	}
}

// appendRank appends to dst the IDs (keyID) of the elements whose key has
// the given rank, which must be the top rank (a pruned depth-first walk from
// the root), up to limit elements; it reports whether all were listed.
func (h *maxHeap) appendRank(dst []int32, rank int64, limit int) ([]int32, bool) {
	return h.walkRank(dst, 0, rank, limit)
}

func (h *maxHeap) walkRank(dst []int32, i int, rank int64, limit int) ([]int32, bool) {
	if i >= len(h.keys) || keyRank(h.keys[i]) != rank {
		return dst, true
	}
	if len(dst) == limit {
		return dst, false
	}
	dst = append(dst, keyID(h.keys[i]))
	dst, ok := h.walkRank(dst, 2*i+1, rank, limit)
	if !ok {
		return dst, false
	}
	return h.walkRank(dst, 2*i+2, rank, limit)
}
