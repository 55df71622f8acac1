package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileInputs feeds every input of testdata/hostile to every command
// that reads its kind: no panic, exit code 2, and a message that names
// the file (and the line or key, as the manifest says).
func TestHostileInputs(t *testing.T) {
	dir := filepath.Join("testdata", "hostile")
	f, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("bad manifest line %q", line)
		}
		file, kind, want := parts[0], parts[1], parts[2]
		path := filepath.Join(dir, file)
		n++
		for _, args := range commandsFor(t, kind, path) {
			t.Run(file+"/"+args[0], func(t *testing.T) {
				_, errOut, code := runCLI(t, args...)
				if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
					t.Fatalf("panicked:\n%s", errOut)
				}
				if code != exitBadInput {
					t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitBadInput, errOut)
				}
				if !strings.Contains(errOut, file) || !strings.Contains(errOut, want) {
					t.Fatalf("stderr does not name %q and %q:\n%s", file, want, errOut)
				}
			})
		}
	}
	if n < 40 {
		t.Errorf("only %d hostile inputs; the corpus should hold at least 40", n)
	}
}

// commandsFor lists the command lines that read an input of kind.
func commandsFor(t *testing.T, kind, path string) [][]string {
	switch kind {
	case "scenario":
		out := t.TempDir()
		return [][]string{
			{"validate", path},
			{"run", path, "--no-report"},
			{"compare", path},
			{"sweep", path, "--out", out},
		}
	case "import":
		return [][]string{{"import", path}}
	case "catalog":
		return [][]string{{"catalog", "--catalog-file", path}}
	case "merge":
		return [][]string{{"merge", path}}
	}
	t.Fatalf("unknown input kind %q", kind)
	return nil
}

// TestOversizedScenarioRefused: a scenario file over the size limit is
// refused before it is parsed.
func TestOversizedScenarioRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.toml")
	data := strings.Repeat("# padding padding padding padding padding padding padding\n", maxScenarioBytes/50)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "validate", path)
	if code != exitBadInput || !strings.Contains(errOut, "huge.toml") || !strings.Contains(errOut, "MiB") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// TestAcceptedOddities: inputs that look odd but are valid.
func TestAcceptedOddities(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("testdata", "hostile", "..", "valid-base.toml"))
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(base), "\n", "\r\n")
	for name, data := range map[string]string{"bom-crlf.toml": "\ufeff" + crlf, "crlf.toml": crlf} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := runCLI(t, "validate", path); code != exitOK {
			t.Errorf("%s: exit %d: %s", name, code, errOut)
		}
	}
}
