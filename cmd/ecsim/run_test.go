package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The default example's summary in every format is a golden file: any
// change in the model or the report shows up in review.
func TestRunDefaultExampleGolden(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			out, errOut, code := runCLI(t, "run", "--no-report", "--output", format)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, "run_default."+format, out)
			if format == "json" && !json.Valid([]byte(out)) {
				t.Error("json output is not valid JSON")
			}
		})
	}
}

// Two runs write byte-identical report folders.
func TestRunReportDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("renders plots")
	}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, errOut, code := runCLI(t, "run", "rolling-deployment", "--out", dir, "--output", "json"); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	files, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 8 {
		t.Fatalf("only %d files in the report", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a, f.Name()))
		y, err := os.ReadFile(filepath.Join(b, f.Name()))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs", f.Name())
		}
	}
}

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("name = \"x\"\nduration = \"1d\"\nfoo = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown example", []string{"run", "no-such-example"}, exitBadInput, "examples:"},
		{"missing file", []string{"run", "missing.toml"}, exitBadInput, "missing.toml"},
		{"bad scenario", []string{"run", bad}, exitBadInput, "bad.toml:3"},
		{"unknown variant", []string{"run", "--variant", "nope"}, exitBadInput, "unknown variant"},
		{"bad set", []string{"run", "--set", "nokey"}, exitBadInput, "key.path=value"},
		{"validate bad", []string{"validate", bad}, exitBadInput, "bad.toml:3"},
		{"validate example", []string{"validate", "traffic-spike"}, exitOK, ""},
		{"examples show unknown", []string{"examples", "show", "nope"}, exitBadInput, "nope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}

func TestCommandsHaveHelpWithExamples(t *testing.T) {
	root := newRootCmd(newFactory(t.Context(), &IOStreams{Out: &strings.Builder{}, ErrOut: &strings.Builder{}}))
	root.InitDefaultCompletionCmd() // cobra adds `completion` lazily; its help is cobra's own
	names := map[string]bool{}
	for _, c := range root.Commands() {
		names[c.Name()] = true
		if c.Name() == "completion" || c.Name() == "help" {
			continue
		}
		if c.Example == "" && !c.HasAvailableSubCommands() {
			t.Errorf("%s has no example in its help", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			if sub.Example == "" {
				t.Errorf("%s has no example in its help", sub.CommandPath())
			}
		}
	}
	if !names["completion"] {
		t.Error("no shell completion command")
	}
}
