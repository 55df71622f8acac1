package series

import "strings"

// Set is the finished series of a run, sorted by name, then labels.
type Set []*Series

// compareSeries orders series by name, then labels.
func compareSeries(a, b *Series) int {
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return compareLabels(a.Labels, b.Labels)
}

// Find returns the series with this name and exactly these labels (in any
// order), or nil.
func (set Set) Find(name string, labels ...Label) *Series {
	want := sortedLabels(name, labels)
	for _, s := range set.Named(name) {
		if compareLabels(s.Labels, want) == 0 {
			return s
		}
	}
	return nil
}

// Named returns the series called name, a sub-slice of set (they are
// adjacent because set is sorted).
func (set Set) Named(name string) Set {
	lo, hi := 0, len(set)
	for lo < hi && set[lo].Name != name {
		lo++
	}
	hi = lo
	for hi < len(set) && set[hi].Name == name {
		hi++
	}
	return set[lo:hi]
}
