package main

import (
	"fmt"
	"path/filepath"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/reports/breakeven"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newCmdBreakEven(f *Factory) *cobra.Command {
	var (
		cpu, mem          string
		output, plotDir   string
		awsvpc, trunking  bool
		families, types   []string
		region            string
		rootGiB, reserved int
	)
	io := f.IOStreams
	cmd := &cobra.Command{
		Use:   "breakeven",
		Short: "At what utilisation is EC2 cheaper than Fargate for a task size?",
		Long: `For one task size, compute per instance type the cluster utilisation above
which EC2 (On-Demand and Spot) is cheaper per task-hour than Fargate and
Fargate Spot, from the catalogue's prices: u* = instance price / (tasks that
fit × Fargate task price). Tasks that fit use the registered CPU and memory
(and the ENI limit for awsvpc). With --plot, write the cost-per-task-hour
curves as PNG and SVG.`,
		Example: `  ecsim breakeven --cpu 512 --memory 1024
  ecsim breakeven --cpu "1 vCPU" --memory "2 GiB" --family m6i,c6i,m7g --awsvpc --trunking --plot out`,
		Args: rejectArgs,
		RunE: func(*cobra.Command, []string) error {
			// The scenario format's own units: "512", "0.5 vCPU", "2 GiB".
			var c scenarios.CPU
			if err := c.UnmarshalText([]byte(cpu)); err != nil {
				return flagErrorf("--cpu: %v", err)
			}
			var m scenarios.Memory
			if err := m.UnmarshalText([]byte(mem)); err != nil {
				return flagErrorf("--memory: %v", err)
			}
			format, err := reports.ParseFormat(output)
			if err != nil {
				return flagErrorf("%v", err)
			}
			a, err := breakeven.Analyze(f.Catalog(), breakeven.Config{
				Region: region, CPU: c.Units(), Memory: m.MiB(), AWSVPC: awsvpc, ENITrunking: trunking,
				ReservedMemory: catalog.MiB(reserved), RootVolumeGiB: rootGiB, Families: families, InstanceTypes: types,
			})
			if err != nil {
				return &inputError{err}
			}
			if err := reports.WriteBreakEven(io.Out, a, format); err != nil {
				return err
			}
			if plotDir == "" {
				return nil
			}
			fig, err := reports.BreakEvenFigure(a, "")
			if err != nil {
				return err
			}
			for ext, render := range map[string]func() ([]byte, error){".png": fig.PNG, ".svg": fig.SVG} {
				data, err := render()
				if err != nil {
					return err
				}
				if err := reports.WriteFileAtomic(filepath.Join(plotDir, fig.Name+ext), data); err != nil {
					return err
				}
			}
			fmt.Fprintf(io.ErrOut, "plot written to %s\n", filepath.Join(plotDir, fig.Name+".png"))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&cpu, "cpu", "512", `task CPU: units (512) or vCPU ("0.5 vCPU")`)
	fl.StringVar(&mem, "memory", "1024", `task memory: MiB (1024) or with a unit ("2 GiB")`)
	fl.StringVar(&region, "region", "us-east-1", "AWS region of the prices")
	fl.StringSliceVar(&families, "family", []string{"m6i", "c6i", "r6i", "m7g"}, "instance families to weigh")
	fl.StringSliceVar(&types, "instance-type", nil, "instance types to weigh as well")
	fl.BoolVar(&awsvpc, "awsvpc", false, "tasks use awsvpc (one ENI each on EC2)")
	fl.BoolVar(&trunking, "trunking", false, "ENI trunking raises the awsvpc task limit")
	fl.IntVar(&rootGiB, "root-volume", 30, "gp3 root volume per instance, GiB (0: none)")
	fl.IntVar(&reserved, "reserved-memory", 0, "ECS_RESERVED_MEMORY, MiB")
	fl.StringVar(&plotDir, "plot", "", "write the break-even plot (PNG and SVG) into this folder")
	fl.Var(newEnumFlag(&output, "text", "text", "markdown", "json", "csv"), "output", "output format")
	return cmd
}
