package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/models/placebench"
	"github.com/ecsim/ecsim/reports"
	"github.com/spf13/cobra"
)

// benchPlacementOptions are the flags of `ecsim bench placement`.
type benchPlacementOptions struct {
	IO           *IOStreams
	InstanceType string
	Region       string
	Tasks        int
	Churn        int
	Seed         uint64
	Reference    bool
	Output       string
	Timing       bool
	PlotDir      string
}

// newCmdBench builds `ecsim bench` with its `placement` subcommand.
func newCmdBench(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Benchmarks of ecsim's engines on generated workloads",
		Args:  rejectArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newCmdBenchPlacement(f, nil))
	return cmd
}

func newCmdBenchPlacement(f *Factory, runF func(*benchPlacementOptions) error) *cobra.Command {
	opts := &benchPlacementOptions{IO: f.IOStreams}
	cmd := &cobra.Command{
		Use:   "placement",
		Short: "Compare placement strategy chains on the same generated workload",
		Long: `Place the same generated sequence of tasks (a web-ish mix of sizes) with
each common placement strategy chain on a cluster that launches an instance
whenever a task does not fit and gives back instances that become empty (as
managed scaling with termination protection does). After --tasks placements,
--churn more operations each stop a random task and start a new one.

Reports, per chain: the mean and final fleet, stranded (unreserved) CPU and
memory on the instances in use, the AZ imbalance of tasks, launches, the
fleet's On-Demand cost per hour, and (with --timing) the engine's time per
placement, which varies from run to run.`,
		Example: `  # The default workload on m6i.xlarge
  ecsim bench placement

  # A bigger run on Graviton, as JSON, with engine timings
  ecsim bench placement --instance-type m7g.2xlarge --tasks 20000 --timing --output json`,
		Args: rejectArgs,
		RunE: func(*cobra.Command, []string) error {
			if opts.Tasks <= 0 || opts.Churn < 0 {
				return flagErrorf("--tasks must be > 0 and --churn >= 0")
			}
			if runF != nil {
				return runF(opts)
			}
			return benchPlacementRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.InstanceType, "instance-type", "m6i.xlarge", "instance type of the cluster")
	fl.StringVar(&opts.Region, "region", "us-east-1", "AWS region of the prices")
	fl.IntVar(&opts.Tasks, "tasks", 2000, "tasks placed first")
	fl.IntVar(&opts.Churn, "churn", 2000, "stop-one/start-one operations after that")
	fl.Uint64Var(&opts.Seed, "seed", 1, "seed of the workload and tie-breaks")
	fl.BoolVar(&opts.Reference, "reference", false, "use the plain reference engine instead of the index")
	fl.StringVar(&opts.PlotDir, "plot", "", "write the fleet-size and stranded-capacity plots (PNG and SVG) into this folder")
	fl.BoolVar(&opts.Timing, "timing", false, "report the engine's time per placement (not deterministic)")
	fl.Var(newEnumFlag(&opts.Output, "text", "text", "json", "csv"), "output", "output format")
	return cmd
}

func benchPlacementRun(opts *benchPlacementOptions) error {
	res, err := placebench.Run(placebench.Config{
		InstanceType: opts.InstanceType, Region: opts.Region, Tasks: opts.Tasks, Churn: opts.Churn,
		Seed: opts.Seed, Reference: opts.Reference,
	})
	if err != nil {
		return err
	}
	if !opts.Timing {
		for i := range res {
			res[i].NsPerPlacement = 0
		}
	}
	if opts.PlotDir != "" {
		if err := writeBenchPlots(opts, res); err != nil {
			return err
		}
	}
	w := opts.IO.Out
	switch opts.Output {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "csv":
		var b strings.Builder
		b.WriteString("chain,mean_instances,final_instances,max_instances,stranded_cpu_share,stranded_memory_share,az_imbalance_tasks,launches,cost_usd_per_hour,ns_per_placement\n")
		for _, r := range res {
			fmt.Fprintf(&b, "%q,%.2f,%d,%d,%.4f,%.4f,%d,%d,%.4f,%.0f\n", r.Chain, r.MeanInstances, r.FinalInstances,
				r.MaxInstances, r.StrandedCPU, r.StrandedMemory, r.AZImbalance, r.Launches, r.CostPerHour, r.NsPerPlacement)
		}
		_, err := fmt.Fprint(w, b.String())
		return err
	}
	header := []string{"CHAIN", "MEAN INSTANCES", "FINAL", "MAX", "STRANDED CPU %", "STRANDED MEM %", "AZ IMBALANCE (tasks)", "LAUNCHES", "USD/h"}
	right := []bool{false, true, true, true, true, true, true, true, true}
	if opts.Timing {
		header = append(header, "ns/placement")
		right = append(right, true)
	}
	t := newTable(header, right)
	for _, r := range res {
		row := []string{r.Chain, strconv.FormatFloat(r.MeanInstances, 'f', 1, 64), strconv.Itoa(r.FinalInstances),
			strconv.Itoa(r.MaxInstances), pct(r.StrandedCPU), pct(r.StrandedMemory), strconv.Itoa(r.AZImbalance),
			strconv.Itoa(r.Launches), strconv.FormatFloat(r.CostPerHour, 'f', 2, 64)}
		if opts.Timing {
			row = append(row, strconv.FormatFloat(r.NsPerPlacement, 'f', 0, 64))
		}
		t.add(row...)
	}
	fmt.Fprintf(w, "Placement strategy chains: %d tasks then %d churn operations on %s (%s), seed %d\n",
		opts.Tasks, opts.Churn, opts.InstanceType, opts.Region, opts.Seed)
	return t.write(w)
}

func pct(share float64) string { return strconv.FormatFloat(100*share, 'f', 1, 64) }

func writeBenchPlots(opts *benchPlacementOptions, res []placebench.Result) error {
	figs, err := reports.PlaceBenchFigures(res, opts.Tasks+opts.Churn)
	if err != nil {
		return err
	}
	var files []reports.File
	for _, f := range figs {
		png, err := f.PNG()
		if err != nil {
			return err
		}
		svg, err := f.SVG()
		if err != nil {
			return err
		}
		files = append(files, reports.File{Name: f.Name + ".png", Data: png}, reports.File{Name: f.Name + ".svg", Data: svg})
	}
	if err := reports.WriteFiles(context.Background(), opts.PlotDir, files); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "plots written to %s\n", opts.PlotDir)
	return nil
}
