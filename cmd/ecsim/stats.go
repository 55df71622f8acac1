package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/ecsim/ecsim/models"
)

// printStats reports how long the runs took and the peak resident memory
// of the process (getrusage's maximum RSS).
func printStats(w io.Writer, results []*models.Result, elapsed time.Duration) {
	var events uint64
	for _, r := range results {
		events += r.Events
	}
	var ru syscall.Rusage
	rss := "unknown"
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		rss = fmt.Sprintf("%.0f MiB", float64(ru.Maxrss)/1024) // Linux reports KiB
	}
	fmt.Fprintf(w, "stats: %d run(s), wall %.2f s, %d events, %.0f events/s, peak RSS %s\n",
		len(results), elapsed.Seconds(), events, float64(events)/elapsed.Seconds(), rss)
}

// startProfile starts a CPU profile into path (nothing when path is
// empty) and returns the function that stops it.
func startProfile(path string) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, &inputError{err}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}
