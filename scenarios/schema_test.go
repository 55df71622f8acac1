package scenarios

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestSchemaAcceptsExamples validates every example against Schema with a
// small validator of the keywords the schema uses, and checks that the
// schema rejects unknown keys and wrong types as the decoder does.
func TestSchemaAcceptsExamples(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema(), &schema); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	v := &schemaValidator{root: schema}
	files, _ := fs.Glob(Examples(), "*.toml")
	for _, f := range files {
		data, _ := fs.ReadFile(Examples(), f)
		if errs := v.validateTOML(t, data); len(errs) > 0 {
			t.Errorf("%s: schema rejects an example: %v", f, errs)
		}
	}
	for _, bad := range []string{"unknown-keys.toml", "wrong-types.toml", "enums.toml"} {
		data := readFile(t, filepath.Join("testdata", "bad", bad))
		if errs := v.validateTOML(t, data); len(errs) == 0 {
			t.Errorf("%s: schema accepts a file the decoder rejects", bad)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type schemaValidator struct{ root map[string]any }

func (v *schemaValidator) validateTOML(t *testing.T, data []byte) []string {
	t.Helper()
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		t.Fatal(err)
	}
	var errs []string
	v.check(jsonish(tree), v.root, "", &errs)
	return errs
}

// jsonish turns a TOML tree into the JSON data model.
func jsonish(x any) any {
	switch y := x.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range y {
			out[k] = jsonish(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(y))
		for i, e := range y {
			out[i] = jsonish(e)
		}
		return out
	case []any:
		out := make([]any, len(y))
		for i, e := range y {
			out[i] = jsonish(e)
		}
		return out
	case int64:
		return float64(y)
	case time.Time:
		return y.Format(time.RFC3339)
	}
	return x
}

func (v *schemaValidator) check(x any, s map[string]any, path string, errs *[]string) {
	bad := func(f string, a ...any) { *errs = append(*errs, path+": "+fmt.Sprintf(f, a...)) }
	if ref, ok := s["$ref"].(string); ok {
		def := v.root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		v.check(x, def, path, errs)
		return
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, a := range alts {
			var sub []string
			v.check(x, a.(map[string]any), path, &sub)
			if len(sub) == 0 {
				n++
			}
		}
		if n != 1 {
			bad("matches %d of oneOf", n)
		}
	}
	if e, ok := s["enum"].([]any); ok && !slices.Contains(e, x) {
		bad("%v not in enum", x)
	}
	switch typ, _ := s["type"].(string); typ {
	case "object":
		m, ok := x.(map[string]any)
		if !ok {
			bad("not an object")
			return
		}
		v.checkObject(m, s, path, errs)
	case "array":
		l, ok := x.([]any)
		if !ok {
			bad("not an array")
			return
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range l {
				v.check(e, items, fmt.Sprintf("%s[%d]", path, i), errs)
			}
		}
	case "string", "integer", "number":
		checkScalar(x, s, typ, bad)
	case "boolean":
		if _, ok := x.(bool); !ok {
			bad("not a boolean")
		}
	}
}

func checkScalar(x any, s map[string]any, typ string, bad func(string, ...any)) {
	if typ == "string" {
		str, ok := x.(string)
		if !ok {
			bad("not a string")
		} else if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			bad("%q does not match %s", str, p)
		}
		return
	}
	n, ok := x.(float64)
	if !ok || typ == "integer" && n != math.Trunc(n) {
		bad("not an %s", typ)
		return
	}
	if m, ok := s["minimum"].(float64); ok && n < m {
		bad("%v below %v", n, m)
	}
	if m, ok := s["maximum"].(float64); ok && n > m {
		bad("%v above %v", n, m)
	}
}

func (v *schemaValidator) checkObject(m map[string]any, s map[string]any, path string, errs *[]string) {
	props, _ := s["properties"].(map[string]any)
	req, _ := s["required"].([]any)
	for _, r := range req {
		if _, ok := m[r.(string)]; !ok {
			*errs = append(*errs, path+": missing "+r.(string))
		}
	}
	for k, e := range m {
		if ps, ok := props[k].(map[string]any); ok {
			v.check(e, ps, path+"."+k, errs)
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				*errs = append(*errs, path+": unknown key "+k)
			}
		case map[string]any:
			v.check(e, ap, path+"."+k, errs)
		}
	}
}
