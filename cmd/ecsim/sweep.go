package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

// sweepOptions are the flags of `ecsim sweep`.
type sweepOptions struct {
	IO      *IOStreams
	Context func() context.Context
	Arg     string
	Workers int
	Shard   string
	Out     string
	Output  string
	Getenv  func(string) string
	Stats   bool
}

func newCmdSweep(f *Factory) *cobra.Command {
	opts := &sweepOptions{IO: f.IOStreams, Context: f.Context, Getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "sweep FILE|EXAMPLE",
		Short: "Run a scenario's sweep in parallel and aggregate seeds into means and 95% intervals",
		Long: `Expand the scenario's [sweep] (parameter values × variants × seeds) into
runs, run them on all cores (--workers), and print per parameter point the
mean of each headline figure over the seeds with its 95 % confidence
interval (Student's t). Writes sweep.json, sweep.md, sweep.csv and plots of
each figure against the parameter into --out.

Past one machine, split the sweep with --shard i/n (runs with index ≡ i mod
n); each shard writes shard-i-of-n.json into --out, and 'ecsim merge' combines
the shard folders into exactly the output of a single-machine sweep. The shard
defaults from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or
AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job), with the shard count from
ECSIM_SHARDS, JOB_COMPLETIONS or AWS_BATCH_JOB_ARRAY_SIZE.`,
		Example: `  # The CPU-target sweep on every core
  ecsim sweep cpu-target-sweep

  # Two machines, then merge
  ecsim sweep cpu-target-sweep --shard 0/2 --out s0
  ecsim sweep cpu-target-sweep --shard 1/2 --out s1
  ecsim merge s0 s1`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Arg = args[0]
			if opts.Workers < 0 {
				return flagErrorf("--workers must be >= 0")
			}
			return sweepRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&opts.Workers, "workers", 0, "runs in parallel (default all cores)")
	fl.BoolVar(&opts.Stats, "stats", false, "print wall time, events, events/s and peak memory of the runs to stderr")
	fl.StringVar(&opts.Shard, "shard", "", "run only shard i of n, as i/n (default from the job environment)")
	fl.StringVar(&opts.Out, "out", "", "output folder (default ./ecsim-sweep/<scenario>)")
	fl.Var(newEnumFlag(&opts.Output, "text", "text", "markdown", "json", "csv"), "output", "format of the table on stdout")
	return cmd
}

func sweepRun(opts *sweepOptions) error {
	shard, shards, err := parseShard(opts.Shard, opts.Getenv)
	if err != nil {
		return err
	}
	ls, err := loadScenario(opts.Arg)
	if err != nil {
		return err
	}
	all := ls.sc.Runs()
	var mine []int
	var cfgs []models.Config
	for i, r := range all {
		if i%shards != shard {
			continue
		}
		c, err := ls.sc.BuildRun(r)
		if err != nil {
			return err
		}
		mine = append(mine, i)
		cfgs = append(cfgs, c)
	}
	began := time.Now()
	results, err := runConfigs(opts.Context(), opts.IO, cfgs, opts.Workers, "sweeping "+ls.sc.Name())
	if err != nil {
		return err
	}
	if opts.Stats {
		printStats(opts.IO.ErrOut, results, time.Since(began))
	}
	records := make([]reports.SweepRun, len(mine))
	for j, i := range mine {
		r := all[i]
		records[j] = reports.NewSweepRun(i, r.Name, r.Group, r.Variant, sweepParams(r.Params), r.Seed, results[j])
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join("ecsim-sweep", ls.sc.Name())
	}
	if opts.Shard != "" || shards > 1 {
		var b bytes.Buffer
		if err := reports.WriteSweepShard(&b, &reports.SweepShard{Scenario: ls.sc.Name(), Total: len(all), Shard: shard, Shards: shards, Runs: records}); err != nil {
			return err
		}
		path := filepath.Join(out, fmt.Sprintf("shard-%d-of-%d.json", shard, shards))
		if err := reports.WriteFileAtomic(path, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "shard %d/%d: %d of %d runs written to %s\n", shard, shards, len(records), len(all), path)
		return nil
	}
	return finishSweep(opts.IO, ls.sc.Name(), records, out, opts.Output)
}

// finishSweep aggregates a whole sweep's runs, prints the table and
// writes the sweep files. sweep and merge share it, so a merged sweep is
// byte for byte the single-machine one.
func finishSweep(io *IOStreams, scenario string, runs []reports.SweepRun, out, output string) error {
	format, err := reports.ParseFormat(output)
	if err != nil {
		return flagErrorf("%v", err)
	}
	groups := reports.AggregateSweep(runs)
	if err := reports.WriteSweep(io.Out, scenario, groups, format); err != nil {
		return err
	}
	var files []reports.File
	for _, f := range []struct {
		name string
		fmt  reports.Format
	}{{"sweep.json", reports.JSON}, {"sweep.md", reports.Markdown}, {"sweep.csv", reports.CSV}} {
		var b bytes.Buffer
		if err := reports.WriteSweep(&b, scenario, groups, f.fmt); err != nil {
			return err
		}
		files = append(files, reports.File{Name: f.name, Data: b.Bytes()})
	}
	figs, err := reports.SweepFigures(groups)
	if err != nil {
		return err
	}
	for _, fig := range figs {
		png, err := fig.PNG()
		if err != nil {
			return err
		}
		svg, err := fig.SVG()
		if err != nil {
			return err
		}
		files = append(files, reports.File{Name: fig.Name + ".png", Data: png}, reports.File{Name: fig.Name + ".svg", Data: svg})
	}
	if err := reports.WriteFiles(context.Background(), out, files); err != nil {
		return err
	}
	fmt.Fprintf(io.ErrOut, "sweep of %d runs written to %s\n", len(runs), out)
	return nil
}

// sweepParams renders a run's parameter values.
func sweepParams(ps []scenarios.Param) []reports.SweepParam {
	out := make([]reports.SweepParam, len(ps))
	for i, p := range ps {
		sp := reports.SweepParam{Name: p.Name, Value: fmt.Sprint(p.Value)}
		switch v := p.Value.(type) {
		case int64:
			x := float64(v)
			sp.Number = &x
		case float64:
			sp.Number = &v
		case int:
			x := float64(v)
			sp.Number = &x
		}
		out[i] = sp
	}
	return out
}

// parseShard reads i/n from the flag or the job environment.
func parseShard(flag string, getenv func(string) string) (int, int, error) {
	spec := flag
	if spec == "" {
		idx := firstEnv(getenv, "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX")
		if idx == "" {
			return 0, 1, nil
		}
		n := firstEnv(getenv, "ECSIM_SHARDS", "JOB_COMPLETIONS", "AWS_BATCH_JOB_ARRAY_SIZE")
		if n == "" {
			return 0, 0, flagErrorf("a job index is set (%s) but not the shard count: set ECSIM_SHARDS or use --shard i/n", idx)
		}
		spec = idx + "/" + n
	}
	a, b, ok := strings.Cut(spec, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || errors.Join(err1, err2) != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, flagErrorf("shard %q: want i/n with 0 <= i < n", spec)
	}
	return i, n, nil
}

func firstEnv(getenv func(string) string, names ...string) string {
	for _, n := range names {
		if v := getenv(n); v != "" {
			return v
		}
	}
	return ""
}
