package scenarios

import (
	"encoding/json"
	"reflect"
	"strconv"
	"time"
)

// Schema returns a JSON Schema (draft 2020-12) of the scenario format,
// generated from the same Go types as the decoder and the reference page,
// for editors that validate TOML against JSON Schemas (`ecsim schema`).
func Schema() []byte {
	g := &schemaGen{defs: map[string]any{}}
	root := g.object(reflect.TypeFor[File]())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = "https://github.com/ecsim/ecsim/scenarios/scenario.schema.json"
	root["title"] = "ecsim scenario"
	root["$defs"] = g.defs
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic("scenarios: schema: " + err.Error())
	}
	return append(out, '\n')
}

type schemaGen struct {
	defs map[string]any
}

// ref returns a reference to a struct type's definition, creating it.
func (g *schemaGen) ref(t reflect.Type) map[string]any {
	name := t.Name()
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = nil // reserve against recursion
		g.defs[name] = g.object(t)
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

// object is the schema of a format struct: its keys, no others.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for _, f := range structFields(t) {
		props[f.key] = g.field(f)
		if f.required {
			required = append(required, f.key)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func (g *schemaGen) field(f fieldInfo) map[string]any {
	s := g.typeSchema(f.typ)
	if f.doc != "" {
		s["description"] = f.doc
	}
	if len(f.enum) > 0 {
		s["enum"] = f.enum
	}
	if t := derefType(f.typ); t.Kind() == reflect.Int || t.Kind() == reflect.Int64 || t.Kind() == reflect.Float64 {
		if t != reflect.TypeFor[Duration]() && t != reflect.TypeFor[Memory]() && t != reflect.TypeFor[CPU]() {
			if x, err := strconv.ParseFloat(f.min, 64); err == nil {
				s["minimum"] = x
			}
			if x, err := strconv.ParseFloat(f.max, 64); err == nil {
				s["maximum"] = x
			}
		}
	}
	if f.hasDef {
		s["default"] = jsonDefault(f)
	}
	return s
}

func (g *schemaGen) typeSchema(t reflect.Type) map[string]any {
	t = derefType(t)
	if d, ok := reflect.New(t).Interface().(describedType); ok {
		return d.jsonSchema()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}
	case t == reflect.TypeFor[map[string]any]():
		return map[string]any{"type": "object"}
	case t == reflect.TypeFor[[]any]():
		return map[string]any{"type": "array"}
	case isPlainStruct(t):
		return g.ref(t)
	}
	switch t.Kind() {
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.typeSchema(t.Elem()),
			"propertyNames": map[string]any{"pattern": "^[A-Za-z0-9_.-]+$"}}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	}
	panic("scenarios: no schema for " + t.String())
}

// jsonDefault converts a default tag to the JSON value TOML would hold.
func jsonDefault(f fieldInfo) any {
	t := derefType(f.typ)
	switch t.Kind() {
	case reflect.Bool:
		b, _ := strconv.ParseBool(f.def)
		return b
	case reflect.Int, reflect.Int64, reflect.Int32:
		if t == reflect.TypeFor[Memory]() || t == reflect.TypeFor[CPU]() || t == reflect.TypeFor[Duration]() {
			if n, err := strconv.ParseInt(f.def, 10, 64); err == nil {
				return n
			}
			return f.def
		}
		n, _ := strconv.ParseInt(f.def, 10, 64)
		return n
	case reflect.Float64:
		x, _ := strconv.ParseFloat(f.def, 64)
		return x
	}
	return f.def
}
