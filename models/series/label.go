package series

import (
	"slices"
	"strings"
)

// Label is one key=value pair that tells series of one name apart, such as
// service=web or provider=spot-asg.
type Label struct {
	Key, Value string
}

// String renders the label as key=value.
func (l Label) String() string { return l.Key + "=" + l.Value }

// compareLabels orders label lists pairwise (key, then value); a list that
// is a prefix of the other sorts first.
func compareLabels(a, b []Label) int {
	return slices.CompareFunc(a, b, func(x, y Label) int {
		if c := strings.Compare(x.Key, y.Key); c != 0 {
			return c
		}
		return strings.Compare(x.Value, y.Value)
	})
}

// sortedLabels returns a sorted copy of labels, or nil for none. Duplicate
// keys are a programmer error.
func sortedLabels(name string, labels []Label) []Label {
	if len(labels) == 0 {
		return nil
	}
	out := slices.Clone(labels)
	slices.SortFunc(out, func(x, y Label) int { return strings.Compare(x.Key, y.Key) })
	for i := 1; i < len(out); i++ {
		if out[i].Key == out[i-1].Key {
			panic("series: " + name + ": duplicate label key " + out[i].Key)
		}
	}
	return out
}

// identity renders name and labels as a unique key for duplicate detection.
func identity(name string, labels []Label) string {
	var b strings.Builder
	b.WriteString(name)
	for _, l := range labels {
		b.WriteByte(0)
		b.WriteString(l.Key)
		b.WriteByte(0)
		b.WriteString(l.Value)
	}
	return b.String()
}
