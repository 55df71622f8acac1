package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// decodeJSON parses data into a generic tree with exact numbers.
func decodeJSON(r *report, data []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		r.refuse("", "not valid JSON: "+err.Error())
		return nil, false
	}
	if dec.More() {
		r.refuse("", "not valid JSON: more than one value in the file")
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		r.refuse("", "expected a JSON object at the top level")
		return nil, false
	}
	return m, true
}

// obj is a JSON object being read: it remembers which fields were used so
// the rest can be reported, and names fields by their JSON path.
type obj struct {
	m    map[string]any
	path string
	used map[string]bool
	r    *report
}

func newObj(r *report, m map[string]any, path string) *obj {
	return &obj{m: m, path: path, used: map[string]bool{}, r: r}
}

func (o *obj) field(k string) string {
	if o.path == "" {
		return k
	}
	return o.path + "." + k
}

func (o *obj) has(k string) bool {
	v, ok := o.m[k]
	return ok && v != nil
}

func (o *obj) get(k string) (any, bool) {
	v, ok := o.m[k]
	o.used[k] = true
	return v, ok && v != nil
}

func (o *obj) typeErr(k, want string, v any) {
	o.r.refuse(o.field(k), fmt.Sprintf("expected %s, got %s", want, jsonType(v)))
}

func (o *obj) str(k string) (string, bool) {
	v, ok := o.get(k)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		o.typeErr(k, "a string", v)
	}
	return s, ok
}

func (o *obj) num(k string) (float64, bool) {
	v, ok := o.get(k)
	if !ok {
		return 0, false
	}
	if n, isNum := v.(json.Number); isNum {
		f, err := n.Float64()
		if err == nil && !math.IsInf(f, 0) {
			return f, true
		}
	}
	o.typeErr(k, "a number", v)
	return 0, false
}

// integer reads a whole number, also when written as a string ("1").
func (o *obj) integer(k string) (int, bool) {
	v, ok := o.get(k)
	if !ok {
		return 0, false
	}
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		o.typeErr(k, "an integer", v)
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		o.r.refuse(o.field(k), fmt.Sprintf("expected an integer, got %q", s))
		return 0, false
	}
	return int(n), true
}

func (o *obj) boolean(k string) (bool, bool) {
	v, ok := o.get(k)
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		o.typeErr(k, "true or false", v)
	}
	return b, ok
}

func (o *obj) object(k string) (*obj, bool) {
	v, ok := o.get(k)
	if !ok {
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		o.typeErr(k, "an object", v)
		return nil, false
	}
	return newObj(o.r, m, o.field(k)), true
}

func (o *obj) list(k string) ([]any, bool) {
	v, ok := o.get(k)
	if !ok {
		return nil, false
	}
	l, ok := v.([]any)
	if !ok {
		o.typeErr(k, "a list", v)
	}
	return l, ok
}

// objects reads a list of objects; elements of other types are refused.
func (o *obj) objects(k string) []*obj {
	l, _ := o.list(k)
	var out []*obj
	for i, e := range l {
		m, ok := e.(map[string]any)
		if !ok {
			o.r.refuse(fmt.Sprintf("%s[%d]", o.field(k), i), "expected an object, got "+jsonType(e))
			continue
		}
		out = append(out, newObj(o.r, m, fmt.Sprintf("%s[%d]", o.field(k), i)))
	}
	return out
}

// strings reads a list of strings.
func (o *obj) strings(k string) []string {
	l, _ := o.list(k)
	var out []string
	for i, e := range l {
		s, ok := e.(string)
		if !ok {
			o.r.refuse(fmt.Sprintf("%s[%d]", o.field(k), i), "expected a string, got "+jsonType(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// timestamp reads epoch seconds (a number) or an ISO 8601 string.
func (o *obj) timestamp(k string) (time.Time, bool) {
	v, ok := o.get(k)
	if !ok {
		return time.Time{}, false
	}
	t, err := parseTimestamp(v)
	if err != nil {
		o.r.refuse(o.field(k), err.Error())
		return time.Time{}, false
	}
	return t, true
}

// parseTimestamp accepts epoch seconds (fractions allowed) and ISO 8601
// with or without an offset (UTC when absent).
func parseTimestamp(v any) (time.Time, error) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil || f < 0 || f > 1e11 {
			return time.Time{}, fmt.Errorf("expected epoch seconds or an ISO 8601 time, got %s", x)
		}
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), nil
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05Z0700", "2006-01-02"} {
			if t, err := time.Parse(layout, x); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("expected epoch seconds or an ISO 8601 time, got %q", x)
	}
	return time.Time{}, fmt.Errorf("expected epoch seconds or an ISO 8601 time, got %s", jsonType(v))
}

// skip marks fields as read and reports them, together, as not modelled.
func (o *obj) skip(why string, keys ...string) {
	var found []string
	for _, k := range keys {
		if _, ok := o.m[k]; ok {
			o.used[k] = true
			found = append(found, k)
		}
	}
	if len(found) > 0 {
		where := o.path
		o.r.warn(where, fmt.Sprintf("%s: %s", why, strings.Join(found, ", ")))
	}
}

// finish reports the fields nobody read as unknown, suggesting a close
// known field (known lists every field the shape defines).
func (o *obj) finish(known ...string) {
	var rest []string
	for k := range o.m {
		if !o.used[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		msg := "unknown field, not imported"
		if s := closest(k, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		o.r.warn(o.field(k), msg)
	}
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", x)
	case json.Number:
		return "the number " + x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// closest returns the known name nearest to k by edit distance, if near.
func closest(k string, known []string) string {
	best, bestD := "", max(2, len(k)/4)+1
	for _, c := range known {
		if d := distance(strings.ToLower(k), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b (bytes).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
