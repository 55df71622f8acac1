package models

import (
	"context"
	"runtime"
	"sync"
)

// BatchResult is one run of a batch: its index in the input, and its
// result or error.
type BatchResult struct {
	Index  int
	Result *Result
	Err    error
}

// RunBatch runs every config, at most workers at a time (0 means
// GOMAXPROCS), and returns the results in input order. Each run is
// single-threaded and independent, so the results do not depend on the
// number of workers. done, if not nil, is called after each run (from
// the worker goroutine that ran it; calls are serialised). When ctx is
// cancelled, runs not yet started are skipped with ctx's error and
// running ones stop at their next event check.
func RunBatch(ctx context.Context, cfgs []Config, workers int, done func(BatchResult)) []BatchResult {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(len(cfgs), 1))
	out := make([]BatchResult, len(cfgs))
	jobs := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				br := BatchResult{Index: i}
				if err := ctx.Err(); err != nil {
					br.Err = err
				} else {
					br.Result, br.Err = Run(ctx, cfgs[i])
				}
				out[i] = br
				if done != nil {
					mu.Lock()
					done(br)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range cfgs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}
