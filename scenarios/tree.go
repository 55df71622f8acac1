package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The scenario tree is what BurntSushi/toml decodes a document into:
// map[string]any tables, []map[string]any arrays of tables, []any arrays,
// and string, int64, float64, bool and time.Time leaves. Variants and
// sweeps edit a copy of it before the typed decoding, so any key can be
// overridden.

// copyTable returns a deep copy of a tree table.
func copyTable(t map[string]any) map[string]any {
	out := make(map[string]any, len(t))
	for k, v := range t {
		out[k] = copyValue(v)
	}
	return out
}

func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return copyTable(x)
	case []map[string]any:
		out := make([]map[string]any, len(x))
		for i, m := range x {
			out[i] = copyTable(m)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = copyValue(e)
		}
		return out
	}
	return v
}

// overlay records, for the paths an override set, the line of the
// override's own key, so problems in a variant point at the variant.
type overlay map[string]int

// mergeError is an override that cannot apply, with the override's own
// path so the problem points at the line that asked for it.
type mergeError struct {
	src keyPath
	msg string
}

// merge applies the override table over into the tree node at p. Tables
// merge key by key; a table of numbered keys patches list elements; any
// other value replaces. src is the override's own path (for lines), so
// every path set is recorded in ov. It applies what it can and returns
// every override that could not apply.
func merge(dst map[string]any, over map[string]any, p keyPath, src keyPath, lines lineFunc, ov overlay) []mergeError {
	var errs []mergeError
	for _, k := range sortedKeys(over) {
		v := over[k]
		tp, sp := p.key(k), src.key(k)
		cur, exists := dst[k]
		if ot, ok := v.(map[string]any); ok && exists {
			errs = append(errs, mergeInto(cur, ot, tp, sp, lines, ov, func(nv any) { dst[k] = nv })...)
			continue
		}
		dst[k] = copyValue(v)
		recordAll(v, tp, sp, lines, ov)
	}
	return errs
}

// mergeInto merges a table override into an existing value: into a table,
// or element-wise into a list when every key is an index.
func mergeInto(cur any, over map[string]any, tp, sp keyPath, lines lineFunc, ov overlay, replace func(any)) []mergeError {
	switch c := cur.(type) {
	case map[string]any:
		return merge(c, over, tp, sp, lines, ov)
	case []map[string]any, []any:
		items, _ := listItems(c)
		var errs []mergeError
		for _, k := range sortedKeys(over) {
			v := over[k]
			i, err := strconv.Atoi(k)
			switch {
			case err != nil || i < 0:
				errs = append(errs, mergeError{sp.key(k), fmt.Sprintf("%s is a list: override its elements with numbered keys (0, 1, …), not %q", tp, k)})
				continue
			case i >= len(items):
				errs = append(errs, mergeError{sp.key(k), fmt.Sprintf("%s has %d element(s): index %d is out of range", tp, len(items), i)})
				continue
			}
			ep, es := tp.at(i), sp.key(k)
			if ot, ok := v.(map[string]any); ok {
				errs = append(errs, mergeInto(items[i], ot, ep, es, lines, ov, func(nv any) { items[i] = nv })...)
				continue
			}
			items[i] = copyValue(v)
			recordAll(v, ep, es, lines, ov)
		}
		replace(rebuildList(c, items))
		return errs
	}
	replace(copyTable(over))
	recordAll(over, tp, sp, lines, ov)
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rebuildList returns items in the list type of like.
func rebuildList(like any, items []any) any {
	if _, ok := like.([]map[string]any); ok {
		out := make([]map[string]any, len(items))
		for i, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				return items // an element became a non-table: keep a mixed list
			}
			out[i] = m
		}
		return out
	}
	return items
}

// recordAll records the lines of every path inside an override value.
func recordAll(v any, tp, sp keyPath, lines lineFunc, ov overlay) {
	ov[tp.String()] = lines(sp)
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			recordAll(e, tp.key(k), sp.key(k), lines, ov)
		}
	case []map[string]any, []any:
		items, _ := listItems(x)
		for i, e := range items {
			recordAll(e, tp.at(i), sp.at(i), lines, ov)
		}
	}
}

// setPath sets the value at a dotted path (numeric segments index lists),
// creating tables on the way; every path set is recorded at line.
func setPath(root map[string]any, p keyPath, v any, line int, ov overlay) error {
	if len(p) == 0 {
		return fmt.Errorf("empty key path")
	}
	over := map[string]any{}
	node := over
	for i, s := range p {
		k := s.key
		if s.isIndex {
			k = strconv.Itoa(s.index)
		}
		if i == len(p)-1 {
			node[k] = v
			break
		}
		next := map[string]any{}
		node[k] = next
		node = next
	}
	if errs := merge(root, over, nil, nil, func(keyPath) int { return line }, ov); len(errs) > 0 {
		return errors.New(errs[0].msg)
	}
	return nil
}

// unsetPath removes the key at p; a missing key is an error so that typos
// in unset lists do not pass silently.
func unsetPath(root map[string]any, p keyPath) error {
	var node any = root
	for i, s := range p {
		last := i == len(p)-1
		switch n := node.(type) {
		case map[string]any:
			k := s.key
			if s.isIndex {
				k = strconv.Itoa(s.index)
			}
			v, ok := n[k]
			if !ok {
				return fmt.Errorf("%s does not exist", p[:i+1])
			}
			if last {
				delete(n, k)
				return nil
			}
			node = v
		default:
			return fmt.Errorf("%s is not a table", p[:i])
		}
	}
	return nil
}

// scalarString formats a sweep value for run names: 40, 0.5, FARGATE.
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}
