package scenarios

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files (testdata/bad/*.golden, docs/scenario-format.md)")

// TestBadScenarios loads every file of the corpus of bad scenarios and
// compares the problems with the golden file: file:line, key, expectation,
// all of them, in line order. Run with -update to rewrite the goldens.
func TestBadScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil || len(files) < 25 {
		t.Fatalf("%d bad scenarios, want at least 25 (%v)", len(files), err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		t.Run(name, func(t *testing.T) {
			s, err := Load(f)
			if err == nil {
				t.Fatalf("loaded %s without error; it must be refused", s.Name())
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error is %T, want *scenarios.Error: %v", err, err)
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(f, ".toml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s (run with -update after checking):\n--- got\n%s--- want\n%s", golden, got, want)
			}
			for i := 1; i < len(se.Problems); i++ {
				a, b := se.Problems[i-1], se.Problems[i]
				if a.File == b.File && a.Line > b.Line {
					t.Errorf("problems out of line order: %v before %v", a, b)
				}
			}
		})
	}
}
