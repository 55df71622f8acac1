package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/ecsim/ecsim/scenarios/internal/units"
)

// decoder turns the parsed TOML tree into format structs, collecting every
// problem instead of stopping at the first: unknown keys (with "did you
// mean"), wrong types, values outside a tag's enum or range, missing
// required keys. Defaults from tags fill absent keys.
type decoder struct {
	src     *sourceFile
	lines   lineFunc
	variant string
	probs   []Problem
	present map[string]bool     // rendered paths given in the tree
	order   map[string][]string // keys of name-keyed tables, in file order
	fields  map[reflect.Type][]fieldInfo
}

// lineFunc returns the line of a path, or of its nearest ancestor.
type lineFunc func(keyPath) int

func newDecoder(src *sourceFile, lines lineFunc, variant string) *decoder {
	return &decoder{src: src, lines: lines, variant: variant, present: map[string]bool{}, order: map[string][]string{},
		fields: map[reflect.Type][]fieldInfo{}}
}

func (d *decoder) add(p keyPath, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.src.name, Line: d.lines(p), Key: p.String(), Msg: fmt.Sprintf(format, args...), Variant: d.variant})
}

func (d *decoder) structFields(t reflect.Type) []fieldInfo {
	fs, ok := d.fields[t]
	if !ok {
		fs = structFields(t)
		d.fields[t] = fs
	}
	return fs
}

// decode stores the TOML value v at path p into dst.
func (d *decoder) decode(v any, p keyPath, dst reflect.Value) {
	if dst.Kind() == reflect.Pointer {
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		d.decode(v, p, dst.Elem())
		return
	}
	if tv, ok := dst.Addr().Interface().(tomlValue); ok {
		if err := tv.decodeTOML(v); err != nil {
			d.add(p, "%v", err)
		}
		return
	}
	if dst.Type() == reflect.TypeFor[time.Time]() {
		d.decodeTime(v, p, dst)
		return
	}
	switch dst.Kind() {
	case reflect.Struct:
		if tbl, ok := v.(map[string]any); ok {
			d.decodeStruct(tbl, p, dst)
		} else {
			d.add(p, "expected a table, got %s", got(v))
		}
	case reflect.Map:
		d.decodeMap(v, p, dst)
	case reflect.Slice:
		d.decodeSlice(v, p, dst)
	case reflect.Interface:
		dst.Set(reflect.ValueOf(v))
	default:
		d.decodeScalar(v, p, dst)
	}
}

func (d *decoder) decodeStruct(tbl map[string]any, p keyPath, dst reflect.Value) {
	fs := d.structFields(dst.Type())
	for _, k := range d.keysInOrder(tbl, p) {
		i := slices.IndexFunc(fs, func(f fieldInfo) bool { return f.key == k })
		if i < 0 {
			d.add(p.key(k), "unknown key%s", didYouMean(k, fieldKeys(fs)))
			continue
		}
		f := fs[i]
		fp := p.key(k)
		d.present[fp.String()] = true
		field := dst.FieldByIndex(f.index)
		n := len(d.probs)
		d.decode(tbl[k], fp, field)
		if len(d.probs) == n {
			d.checkTags(f, fp, field)
		}
	}
	for _, f := range fs {
		if _, ok := tbl[f.key]; ok {
			continue
		}
		switch {
		case f.required:
			d.add(p.key(f.key), "missing required key (%s)", f.doc)
		case f.hasDef:
			setDefault(f, dst.FieldByIndex(f.index))
		case isPlainStruct(f.typ):
			// An absent table still gets its keys' defaults.
			d.decodeStruct(map[string]any{}, p.key(f.key), dst.FieldByIndex(f.index))
		}
	}
}

// isPlainStruct reports a struct decoded key by key (not a value type).
func isPlainStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t != reflect.TypeFor[time.Time]() &&
		!reflect.PointerTo(t).Implements(reflect.TypeFor[tomlValue]())
}

// keysInOrder returns the table's keys in file order, so problems come out
// in line order and variants keep the author's order of services.
func (d *decoder) keysInOrder(tbl map[string]any, p keyPath) []string {
	keys := make([]string, 0, len(tbl))
	for k := range tbl {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		la, lb := d.lines(p.key(a)), d.lines(p.key(b))
		if la != lb {
			return la - lb
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	return keys
}

func (d *decoder) decodeMap(v any, p keyPath, dst reflect.Value) {
	tbl, ok := v.(map[string]any)
	if !ok {
		d.add(p, "expected a table, got %s", got(v))
		return
	}
	if dst.Type().Elem().Kind() == reflect.Interface {
		dst.Set(reflect.ValueOf(copyTable(tbl)))
		return
	}
	if dst.IsNil() {
		dst.Set(reflect.MakeMapWithSize(dst.Type(), len(tbl)))
	}
	keys := d.keysInOrder(tbl, p)
	d.order[p.String()] = keys
	for _, k := range keys {
		fp := p.key(k)
		d.present[fp.String()] = true
		elem := reflect.New(dst.Type().Elem()).Elem()
		d.decode(tbl[k], fp, elem)
		dst.SetMapIndex(reflect.ValueOf(k), elem)
	}
}

func (d *decoder) decodeSlice(v any, p keyPath, dst reflect.Value) {
	items, ok := listItems(v)
	if !ok {
		d.add(p, "expected a list, got %s", got(v))
		return
	}
	out := reflect.MakeSlice(dst.Type(), len(items), len(items))
	for i, it := range items {
		d.present[p.at(i).String()] = true
		d.decode(it, p.at(i), out.Index(i))
	}
	dst.Set(out)
}

// listItems returns the elements of a TOML array or array of tables.
func listItems(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

func (d *decoder) decodeScalar(v any, p keyPath, dst reflect.Value) {
	switch dst.Kind() {
	case reflect.String:
		if s, ok := v.(string); ok {
			dst.SetString(s)
			return
		}
		d.add(p, "expected a string, got %s", got(v))
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			dst.SetBool(b)
			return
		}
		d.add(p, "expected true or false, got %s", got(v))
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n, ok := v.(int64); ok && !dst.OverflowInt(n) {
			dst.SetInt(n)
			return
		}
		d.add(p, "expected an integer, got %s", got(v))
	case reflect.Float64:
		switch x := v.(type) {
		case float64:
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				dst.SetFloat(x)
				return
			}
		case int64:
			dst.SetFloat(float64(x))
			return
		}
		d.add(p, "expected a finite number, got %s", got(v))
	default:
		panic(fmt.Sprintf("scenarios: no decoding for %v at %s", dst.Type(), p))
	}
}

func (d *decoder) decodeTime(v any, p keyPath, dst reflect.Value) {
	switch x := v.(type) {
	case time.Time:
		// A local date-time (no offset) decodes with a placeholder zone;
		// the format reads it as UTC.
		if _, off := x.Zone(); off == 0 {
			x = time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC)
		}
		dst.Set(reflect.ValueOf(x))
		return
	case string:
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			dst.Set(reflect.ValueOf(t))
			return
		}
	}
	d.add(p, "expected a date-time such as 2026-03-02T00:00:00Z, got %s", got(v))
}

// got describes a value for "expected X, got Y" messages.
func got(v any) string {
	switch v.(type) {
	case map[string]any, []any, []map[string]any, time.Time:
		return tomlTypeName(v)
	}
	return tomlTypeName(v) + " " + describeValue(v)
}

// checkTags enforces a field's enum and range after it decoded cleanly.
func (d *decoder) checkTags(f fieldInfo, p keyPath, v reflect.Value) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if len(f.enum) > 0 {
		if v.Kind() == reflect.String && !slices.Contains(f.enum, v.String()) {
			d.add(p, "%q is not allowed%s", v.String(), didYouMean(v.String(), f.enum))
		}
		return
	}
	if f.min == "" && f.max == "" {
		return
	}
	x, lo, hi, ok := rangeOf(f, v)
	if !ok {
		return
	}
	if (f.min != "" && x < lo) || (f.max != "" && x > hi) {
		d.add(p, "%s is out of range (expected %s)", formatRangeValue(v), rangeText(f))
	}
}

// rangeOf returns the field's value and bounds as floats (durations in
// nanoseconds).
func rangeOf(f fieldInfo, v reflect.Value) (x, lo, hi float64, ok bool) {
	parse := func(s string) float64 {
		if s == "" {
			return 0
		}
		if v.Type() == reflect.TypeFor[Duration]() {
			d, err := units.ParseDuration(s)
			if err != nil {
				panic("scenarios: bad range tag " + s)
			}
			return float64(d)
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			panic("scenarios: bad range tag " + s)
		}
		return n
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		x = float64(v.Int())
	case reflect.Float64:
		x = v.Float()
	default:
		return 0, 0, 0, false
	}
	return x, parse(f.min), parse(f.max), true
}

func formatRangeValue(v reflect.Value) string {
	if v.Type() == reflect.TypeFor[Duration]() {
		return units.FormatDuration(time.Duration(v.Int()))
	}
	return fmt.Sprint(v.Interface())
}

func rangeText(f fieldInfo) string {
	switch {
	case f.min != "" && f.max != "":
		return f.min + " to " + f.max
	case f.min != "":
		return "at least " + f.min
	}
	return "at most " + f.max
}

// setDefault stores a field's default tag. A default that does not decode
// is a programming error.
func setDefault(f fieldInfo, dst reflect.Value) {
	if dst.Kind() == reflect.Pointer {
		dst.Set(reflect.New(dst.Type().Elem()))
		dst = dst.Elem()
	}
	var err error
	if tv, ok := dst.Addr().Interface().(tomlValue); ok {
		err = tv.decodeTOML(f.def)
	} else if dst.Type() == reflect.TypeFor[time.Time]() {
		var t time.Time
		t, err = time.Parse(time.RFC3339, f.def)
		dst.Set(reflect.ValueOf(t))
	} else {
		switch dst.Kind() {
		case reflect.String:
			dst.SetString(f.def)
		case reflect.Bool:
			var b bool
			b, err = strconv.ParseBool(f.def)
			dst.SetBool(b)
		case reflect.Int, reflect.Int64, reflect.Int32:
			var n int64
			n, err = strconv.ParseInt(f.def, 10, 64)
			dst.SetInt(n)
		case reflect.Float64:
			var x float64
			x, err = strconv.ParseFloat(f.def, 64)
			dst.SetFloat(x)
		default:
			err = fmt.Errorf("unsupported kind %v", dst.Kind())
		}
	}
	if err != nil {
		panic(fmt.Sprintf("scenarios: default %q of key %s: %v", f.def, f.key, err))
	}
}
