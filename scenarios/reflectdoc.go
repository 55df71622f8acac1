package scenarios

import (
	"reflect"
	"strconv"
	"strings"
	"time"
)

// fieldKind classifies a format field for the reference page and schema.
type fieldKind int

const (
	kindScalar     fieldKind = iota
	kindTable                // a struct: its own keys
	kindTableList            // a list of structs
	kindNamedTable           // map[string]*struct: tables by name
	kindFree                 // map[string]any / []any: free-form
)

// classify returns a field type's kind and, for tables, the struct type.
func classify(t reflect.Type) (fieldKind, reflect.Type) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[map[string]any]() || t == reflect.TypeFor[[]any]():
		return kindFree, nil
	case isPlainStruct(t):
		return kindTable, t
	case t.Kind() == reflect.Slice && isPlainStruct(derefType(t.Elem())):
		return kindTableList, derefType(t.Elem())
	case t.Kind() == reflect.Map && isPlainStruct(derefType(t.Elem())):
		return kindNamedTable, derefType(t.Elem())
	}
	return kindScalar, nil
}

func derefType(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// typeName names a scalar field's type for people.
func typeName(t reflect.Type, enum []string) string {
	t = derefType(t)
	if len(enum) > 0 {
		return "one of " + strings.Join(quoteAll(enum), ", ")
	}
	if d, ok := reflect.New(t).Interface().(describedType); ok {
		return d.docType()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		return "date-time"
	case t.Kind() == reflect.Slice:
		return "list of " + typeName(t.Elem(), nil)
	case t.Kind() == reflect.Map:
		return "table of " + typeName(t.Elem(), nil)
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "integer"
	case reflect.Float64:
		return "number"
	}
	return t.String()
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strconv.Quote(x)
	}
	return out
}

// defaultText renders a field's default for people: the tag as TOML would
// write it, a documented rule, "required", or "not set".
func defaultText(f fieldInfo) string {
	switch {
	case f.required:
		return "required"
	case f.hasDef:
		t := derefType(f.typ)
		if t.Kind() == reflect.String || t == reflect.TypeFor[Duration]() || t == reflect.TypeFor[Dist]() {
			return "`" + strconv.Quote(f.def) + "`"
		}
		return "`" + f.def + "`"
	case f.defDoc != "":
		return f.defDoc
	}
	return "not set"
}
