package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/reports/breakeven"
	"github.com/spf13/cobra"
)

// runOptions are the flags of `ecsim run`.
type runOptions struct {
	IO       *IOStreams
	Context  func() context.Context
	Arg      string
	Out      string
	NoReport bool
	Output   string
	Seed     int64 // < 0: the scenario's
	Check    bool
	Variants []string
	Workers  int
	Set      []string
	Events   bool
	Stats    bool
	Profile  string
}

func newCmdRun(f *Factory, runF func(*runOptions) error) *cobra.Command {
	opts := &runOptions{IO: f.IOStreams, Context: f.Context}
	cmd := &cobra.Command{
		Use:   "run [FILE|EXAMPLE]",
		Short: "Run a scenario's variants and write the report",
		Long: `Run every variant of a scenario (a TOML file, or the name of an embedded
example; default ` + defaultExample + `), print the summary table and write the
report folder: summary.json, summary.md, CSV tables, timeseries.csv, plots
as PNG and SVG, and a self-contained index.html.

Exit codes: 0 success, 1 a run failed, 2 bad input (the scenario's problems
are listed with file, line and key).`,
		Example: `  # The default example: a web API on EC2 vs Fargate vs Fargate Spot
  ecsim run

  # Your own scenario, one variant, Markdown on stdout, report in ./out
  ecsim run my-cluster.toml --variant spot --output markdown --out out

  # Change a key for this run only
  ecsim run traffic-spike --set providers.ec2.managed_scaling.instance_warmup_period=60s`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Arg = args[0]
			}
			if opts.Workers < 0 {
				return flagErrorf("--workers must be >= 0")
			}
			if runF != nil {
				return runF(opts)
			}
			return runRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Out, "out", "", "report folder (default ./ecsim-report/<scenario>)")
	fl.BoolVar(&opts.NoReport, "no-report", false, "print the summary only; write no files")
	fl.Var(newEnumFlag(&opts.Output, "text", "text", "markdown", "json", "csv"), "output", "format of the summary on stdout")
	fl.Int64Var(&opts.Seed, "seed", -1, "seed of the random streams (default the scenario's)")
	fl.BoolVar(&opts.Check, "check", false, "check the simulation's invariants continuously (slower)")
	fl.StringSliceVar(&opts.Variants, "variant", nil, "run only these variants (default all)")
	fl.IntVar(&opts.Workers, "workers", 0, "runs in parallel (default all cores)")
	fl.StringArrayVar(&opts.Set, "set", nil, "override a key for this run: key.path=value (TOML value syntax)")
	fl.BoolVar(&opts.Stats, "stats", false, "print wall time, events, events/s and peak memory of the runs to stderr")
	fl.StringVar(&opts.Profile, "cpuprofile", "", "write a CPU profile of the runs to this file (pprof)")
	fl.BoolVar(&opts.Events, "events", false, "write each variant's event log (state changes, scaling actions) as events-<variant>.jsonl in the report")
	return cmd
}

func runRun(opts *runOptions) error {
	ls, err := loadScenario(opts.Arg)
	if err != nil {
		return err
	}
	if ls.sc, err = applySets(ls.sc, opts.Set); err != nil {
		return err
	}
	variants, err := pickVariants(ls.sc.Variants(), opts.Variants)
	if err != nil {
		return err
	}
	cfgs := make([]models.Config, len(variants))
	logs := make([]*eventLog, len(variants))
	for i, v := range variants {
		if cfgs[i], err = ls.sc.Build(v); err != nil {
			return err
		}
		if opts.Seed >= 0 {
			cfgs[i].Seed = uint64(opts.Seed)
		}
		cfgs[i].Check = opts.Check
		if opts.Events && !opts.NoReport {
			logs[i] = newEventLog(cfgs[i].Start)
			cfgs[i].EventLog = logs[i]
		}
	}
	stop, err := startProfile(opts.Profile)
	if err != nil {
		return err
	}
	began := time.Now()
	results, err := runConfigs(opts.Context(), opts.IO, cfgs, opts.Workers, "running "+ls.sc.Name())
	elapsed := time.Since(began)
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	if opts.Stats {
		printStats(opts.IO.ErrOut, results, elapsed)
	}
	sum, err := reports.Summarize(results...)
	if err != nil {
		return err
	}
	format, err := reports.ParseFormat(opts.Output)
	if err != nil {
		return flagErrorf("%v", err)
	}
	if err := sum.Write(opts.IO.Out, format); err != nil {
		return err
	}
	if opts.NoReport {
		return nil
	}
	dir := opts.Out
	if dir == "" {
		dir = filepath.Join("ecsim-report", ls.sc.Name())
	}
	rep := reports.Report{Results: results, Scenario: ls.text, BreakEven: scenarioBreakEven(&cfgs[0])}
	if err := rep.Write(opts.Context(), dir); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if opts.Events {
		var files []reports.File
		for i, l := range logs {
			files = append(files, reports.File{Name: "events-" + fileStem(variants[i]) + ".jsonl", Data: l.buf.Bytes()})
		}
		if err := reports.WriteFiles(opts.Context(), dir, files); err != nil {
			return fmt.Errorf("write event logs: %w", err)
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "report written to %s (open %s)\n", dir, filepath.Join(dir, "index.html"))
	return nil
}

// pickVariants checks the requested variants against the scenario's.
func pickVariants(all, want []string) ([]string, error) {
	if len(want) == 0 {
		return all, nil
	}
	for _, w := range want {
		found := false
		for _, a := range all {
			found = found || a == w
		}
		if !found {
			return nil, flagErrorf("unknown variant %q (the scenario has: %s)", w, strings.Join(all, ", "))
		}
	}
	return want, nil
}

// runConfigs runs configs in parallel with a progress bar and fails on
// the first run that failed (after all finished, so nothing is half-run).
func runConfigs(ctx context.Context, io *IOStreams, cfgs []models.Config, workers int, what string) ([]*models.Result, error) {
	bar := newProgress(io.ErrOut, len(cfgs), what)
	out := models.RunBatch(ctx, cfgs, workers, func(models.BatchResult) { bar.add() })
	bar.done()
	results := make([]*models.Result, len(out))
	var errs []error
	done := 0
	for i, r := range out {
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("run %s: %w", runLabel(&cfgs[i]), r.Err))
			continue
		}
		results[i] = r.Result
		done++
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted after %d of %d runs; nothing written: %w", done, len(cfgs), err)
	}
	return results, errors.Join(errs...)
}

func runLabel(c *models.Config) string {
	if c.Variant != "" {
		return c.Name + "/" + c.Variant
	}
	return c.Name
}

// fileStem makes a variant name safe as part of a file name.
func fileStem(s string) string {
	if s == "" {
		return "run"
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

// scenarioBreakEven answers "EC2 or Fargate?" for the task sizes of the
// scenario's services (at most three), against the instance types of its
// EC2 providers, or common families when it has none. A size the analysis
// cannot place is left out: the break-even is a supplement of the report.
func scenarioBreakEven(cfg *models.Config) []*breakeven.Analysis {
	cat := cfg.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	var types []string
	trunking := false
	for _, p := range cfg.Providers {
		if p.Kind == models.ProviderEC2 {
			types = append(types, p.InstanceTypes...)
			trunking = trunking || p.ENITrunking
		}
	}
	var families []string
	if len(types) == 0 {
		families = []string{"m6i", "c6i", "m7g"}
	}
	type size struct {
		cpu    catalog.CPUUnits
		mem    catalog.MiB
		awsvpc bool
	}
	var seen []size
	var out []*breakeven.Analysis
	for _, svc := range cfg.Services {
		if svc.Daemon || len(out) == 3 {
			continue
		}
		for i := range cfg.TaskDefs {
			td := &cfg.TaskDefs[i]
			if td.Family != svc.TaskDef && td.Ref() != svc.TaskDef {
				continue
			}
			cpu, mem, _ := td.Reservation()
			sz := size{cpu, mem, td.NetworkMode == models.NetworkAwsvpc}
			if cpu <= 0 || mem <= 0 || slices.Contains(seen, sz) {
				break
			}
			seen = append(seen, sz)
			a, err := breakeven.Analyze(cat, breakeven.Config{
				Region: cfg.Region, CPU: cpu, Memory: mem, AWSVPC: sz.awsvpc, ENITrunking: trunking,
				RootVolumeGiB: 30, Families: families, InstanceTypes: types,
			})
			if err == nil {
				out = append(out, a)
			}
			break
		}
	}
	return out
}
