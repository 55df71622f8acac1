package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const referencePath = "../docs/scenario-format.md"

// TestReferenceDoc fails when docs/scenario-format.md differs from what the
// format's types generate; -update rewrites it.
func TestReferenceDoc(t *testing.T) {
	got := ReferenceMarkdown()
	if *update {
		if err := os.MkdirAll(filepath.Dir(referencePath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(referencePath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatalf("%v (run go test ./scenarios -run TestReferenceDoc -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with the format's types: run go test ./scenarios -run TestReferenceDoc -update", referencePath)
	}
}

// TestEveryKeyDocumented checks the tags every key needs: a description,
// and for optional scalar keys a default (machine or documented) unless
// absence means "none".
func TestEveryKeyDocumented(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		for _, f := range structFields(typ) {
			key := joinPath(path, f.key)
			if f.doc == "" {
				t.Errorf("%s: no doc tag", key)
			}
			if f.required && f.hasDef {
				t.Errorf("%s: required and defaulted", key)
			}
			if f.hasDef {
				v := reflect.New(f.typ).Elem()
				setDefault(f, v) // panics on a default that does not decode
			}
			kind, st := classify(f.typ)
			scalar := kind == kindScalar && f.typ.Kind() != reflect.Pointer && f.typ.Kind() != reflect.Slice && f.typ.Kind() != reflect.Map
			if scalar && !f.required && !f.hasDef && f.defDoc == "" && !strings.Contains(f.toml(), "omitempty") {
				t.Errorf("%s: optional scalar without a default, defaultdoc or omitempty", key)
			}
			if st != nil {
				walk(key, st)
			}
		}
	}
	walk("", reflect.TypeFor[File]())
}
