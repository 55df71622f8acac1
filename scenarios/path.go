package scenarios

import (
	"strconv"
	"strings"
)

// keyPath is a position in the scenario tree: table keys and list indexes.
// It renders as "services.web.scaling.target_tracking[0].target_value".
type keyPath []pathSeg

// pathSeg is one step: a table key, or an index when isIndex is set.
type pathSeg struct {
	key     string
	index   int
	isIndex bool
}

func (p keyPath) key(k string) keyPath {
	return append(p[:len(p):len(p)], pathSeg{key: k})
}

func (p keyPath) at(i int) keyPath {
	return append(p[:len(p):len(p)], pathSeg{index: i, isIndex: true})
}

func (p keyPath) String() string {
	var b strings.Builder
	for i, s := range p {
		if s.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

// parseDotted splits a user-written dotted path such as
// "services.web.scaling.target_tracking.0.target_value" (or with "[0]")
// into segments. Numeric segments are kept as keys: whether they index a
// list depends on the tree they are applied to (see setPath).
func parseDotted(s string) (keyPath, bool) {
	var p keyPath
	for _, part := range strings.Split(s, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" && rest == "" {
			return nil, false
		}
		if key != "" {
			p = append(p, pathSeg{key: key})
		}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || i < 0 {
				return nil, false
			}
			p = append(p, pathSeg{index: i, isIndex: true})
			rest = strings.TrimPrefix(after, "[")
			if after != "" && !strings.HasPrefix(after, "[") {
				return nil, false
			}
		}
	}
	return p, len(p) > 0
}
