package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzParse feeds arbitrary documents to the scenario loader, seeded with
// the examples and the bad corpus. It must never panic, must fail only
// with an *Error whose problems carry a file and a message, and the key
// scanner must place every key BurntSushi/toml reports.
func FuzzParse(f *testing.F) {
	seeds, _ := fs.Glob(Examples(), "*.toml")
	for _, s := range seeds {
		b, _ := fs.ReadFile(Examples(), s)
		f.Add(b)
	}
	bad, _ := filepath.Glob("testdata/*/*.toml")
	for _, s := range bad {
		b, _ := os.ReadFile(s)
		f.Add(b)
	}
	f.Add([]byte("name = \"x\"\nduration = \"1d\"\n[providers.FARGATE]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T, want *Error: %v", err, err)
			}
			for _, p := range se.Problems {
				if p.File == "" || p.Msg == "" {
					t.Fatalf("problem without file or message: %+v", p)
				}
			}
			return
		}
		for _, r := range s.Runs() {
			if _, err := s.BuildRun(r); err != nil {
				t.Fatalf("a loaded scenario's run %s does not build: %v", r.Name, err)
			}
		}
	})
}

// FuzzPositions checks the key scanner on any valid TOML: it must not
// panic and must find a line for every key the parser reports.
func FuzzPositions(f *testing.F) {
	for _, s := range []string{"a = 1\n[b]\nc = [1, {d = 2}]\n[[e]]\nf = \"\"\"x\ny\"\"\"\n", "x.y.z = 'q'\n", "[a.\"b.c\"]\nd = {e.f = 1}\n"} {
		f.Add([]byte(s))
	}
	seeds, _ := fs.Glob(Examples(), "*.toml")
	for _, s := range seeds {
		b, _ := fs.ReadFile(Examples(), s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		md, err := toml.Decode(string(data), new(map[string]any))
		if err != nil {
			return
		}
		pos := scanPositions(data)
		lines := strings.Count(string(data), "\n") + 1
		for _, l := range pos {
			if l < 1 || l > lines {
				t.Fatalf("line %d outside 1..%d", l, lines)
			}
		}
		for _, k := range md.Keys() {
			// A key containing a bracket renders like a list index ("a[1]"
			// is also key a, element 1), so it cannot be matched by its
			// rendering; scenario keys never contain one.
			if strings.ContainsAny(strings.Join(k, ""), "[]") {
				continue
			}
			if !hasPosition(pos, k) {
				t.Fatalf("no position for key %v; have %v", k, pos)
			}
		}
	})
}

// hasPosition reports whether some scanned path names key k (array of
// tables elements carry an index the parser's keys leave out).
func hasPosition(pos positions, k toml.Key) bool {
	for p := range pos {
		if stripIndexes(p) == joinKey(k) {
			return true
		}
	}
	return false
}

func joinKey(k toml.Key) string {
	var p keyPath
	for _, s := range k {
		p = p.key(s)
	}
	return p.String()
}

func stripIndexes(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
