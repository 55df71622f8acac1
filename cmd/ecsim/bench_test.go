package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBenchPlacement(t *testing.T) {
	out, errOut, code := runCLI(t, "bench", "placement", "--tasks", "300", "--churn", "300", "--output", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res []struct {
		Chain         string
		MeanInstances float64
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 6 {
		t.Fatalf("json: %v, %d chains", err, len(res))
	}
	text, _, _ := runCLI(t, "bench", "placement", "--tasks", "300", "--churn", "300")
	if !strings.Contains(text, "binpack(memory)") || strings.Contains(text, "ns/placement") {
		t.Errorf("text output without timing:\n%s", text)
	}
	dir := filepath.Join(t.TempDir(), "plots")
	if _, errOut, code := runCLI(t, "bench", "placement", "--tasks", "300", "--plot", dir); code != exitOK {
		t.Fatalf("--plot: exit %d: %s", code, errOut)
	}
	for _, f := range []string{"placement_instances.png", "placement_stranded.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, _, code := runCLI(t, "bench", "placement", "--tasks", "0"); code != exitBadInput {
		t.Errorf("--tasks 0: exit %d", code)
	}
	if _, errOut, code := runCLI(t, "bench", "placement", "--instance-type", "m6i.huge"); code != exitBadInput {
		t.Errorf("unknown instance type: exit %d: %s", code, errOut)
	}
}
