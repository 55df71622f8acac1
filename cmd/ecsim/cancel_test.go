package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Ctrl-C (a cancelled context) during a run or sweep writes nothing and
// says how far it got.
func TestCancelledRunWritesNothing(t *testing.T) {
	for _, args := range [][]string{
		{"run", "web-ec2-vs-fargate"},
		{"sweep", "cpu-target-sweep"},
	} {
		t.Run(args[0], func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var out, errOut bytes.Buffer
			root := newRootCmd(newFactory(ctx, &IOStreams{Out: &out, ErrOut: &errOut}))
			dir := filepath.Join(t.TempDir(), "out")
			root.SetArgs(append(args, "--out", dir))
			_, err := root.ExecuteC()
			if err == nil || !strings.Contains(err.Error(), "interrupted after 0 of") || exitCode(err) != exitFailed {
				t.Fatalf("err = %v (exit %d)", err, exitCode(err))
			}
			if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
				t.Errorf("%s exists after an interrupted %s", dir, args[0])
			}
		})
	}
}
