package main

import (
	"os"
	"path/filepath"
	"testing"
)

// readDir returns a folder's files by name.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// A sharded sweep merged is byte for byte the single-machine sweep, and
// the number of workers changes nothing.
func TestSweepShardsMergeEqualSingle(t *testing.T) {
	base := t.TempDir()
	single := filepath.Join(base, "single")
	want, errOut, code := runCLI(t, "sweep", "cpu-target-sweep", "--workers", "2", "--out", single, "--output", "json")
	if code != exitOK {
		t.Fatalf("sweep: exit %d: %s", code, errOut)
	}
	one := filepath.Join(base, "one")
	got1, _, _ := runCLI(t, "sweep", "cpu-target-sweep", "--workers", "1", "--out", one, "--output", "json")
	if got1 != want {
		t.Error("--workers 1 and 2 print different sweeps")
	}
	var shardDirs []string
	for i, spec := range []string{"0/3", "1/3", "2/3"} {
		d := filepath.Join(base, "s"+string(rune('0'+i)))
		if _, errOut, code := runCLI(t, "sweep", "cpu-target-sweep", "--shard", spec, "--out", d); code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", spec, code, errOut)
		}
		shardDirs = append(shardDirs, d)
	}
	merged := filepath.Join(base, "merged")
	got, errOut, code := runCLI(t, append(append([]string{"merge"}, shardDirs...), "--out", merged, "--output", "json")...)
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	if got != want {
		t.Errorf("merged output differs from the single-machine sweep:\n%s\n---\n%s", got, want)
	}
	a, b := readDir(t, single), readDir(t, merged)
	if len(a) != len(b) {
		t.Fatalf("single wrote %d files, merge %d", len(a), len(b))
	}
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between the single sweep and the merge", name)
		}
	}
	if _, errOut, code := runCLI(t, "merge", shardDirs[0], shardDirs[1]); code != exitBadInput {
		t.Errorf("merge with a missing shard: exit %d (%s), want %d", code, errOut, exitBadInput)
	}
}

func TestParseShard(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		flag    string
		env     map[string]string
		i, n    int
		wantErr bool
	}{
		{"", nil, 0, 1, false},
		{"1/4", nil, 1, 4, false},
		{"4/4", nil, 0, 0, true},
		{"x", nil, 0, 0, true},
		{"", map[string]string{"JOB_COMPLETION_INDEX": "2", "JOB_COMPLETIONS": "5"}, 2, 5, false},
		{"", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "3", "AWS_BATCH_JOB_ARRAY_SIZE": "4"}, 3, 4, false},
		{"", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "3"}, 0, 0, true},
	}
	for _, tc := range tests {
		i, n, err := parseShard(tc.flag, env(tc.env))
		if (err != nil) != tc.wantErr || (err == nil && (i != tc.i || n != tc.n)) {
			t.Errorf("parseShard(%q, %v) = %d, %d, %v", tc.flag, tc.env, i, n, err)
		}
	}
}
