package main

import (
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/reports"
	"github.com/spf13/cobra"
)

func newCmdCompare(f *Factory) *cobra.Command {
	var output string
	var workers int
	var seed int64
	io := f.IOStreams
	cmd := &cobra.Command{
		Use:   "compare A B ...",
		Short: "Compare scenarios or variants side by side, with deltas",
		Long: `Run each argument and print the headline figures side by side with the
change against the first (absolute and percent). An argument is a scenario
file or example name (all its variants), or FILE:VARIANT for one variant.`,
		Example: `  # Two variants of the default example
  ecsim compare web-ec2-vs-fargate:ec2 web-ec2-vs-fargate:fargate-spot

  # Two files
  ecsim compare today.toml tomorrow.toml --output markdown`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			format, err := reports.ParseFormat(output)
			if err != nil {
				return flagErrorf("%v", err)
			}
			var cfgs []models.Config
			for _, a := range args {
				c, err := compareConfigs(a)
				if err != nil {
					return err
				}
				cfgs = append(cfgs, c...)
			}
			if seed >= 0 {
				for i := range cfgs {
					cfgs[i].Seed = uint64(seed)
				}
			}
			results, err := runConfigs(f.Context(), io, cfgs, workers, "comparing")
			if err != nil {
				return err
			}
			cmp, err := reports.CompareResults(results...)
			if err != nil {
				return err
			}
			return cmp.Write(io.Out, format)
		},
	}
	fl := cmd.Flags()
	fl.Var(newEnumFlag(&output, "text", "text", "markdown", "json", "csv"), "output", "output format")
	fl.IntVar(&workers, "workers", 0, "runs in parallel (default all cores)")
	fl.Int64Var(&seed, "seed", -1, "seed for every run (default each scenario's)")
	return cmd
}

// compareConfigs builds the configs an argument names.
func compareConfigs(arg string) ([]models.Config, error) {
	name, variant := arg, ""
	if i := strings.LastIndex(arg, ":"); i > 0 {
		name, variant = arg[:i], arg[i+1:]
	}
	ls, err := loadScenario(name)
	if err != nil {
		return nil, err
	}
	variants := ls.sc.Variants()
	if variant != "" {
		if variants, err = pickVariants(variants, []string{variant}); err != nil {
			return nil, err
		}
	}
	var out []models.Config
	for _, v := range variants {
		c, err := ls.sc.Build(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		out = append(out, c)
	}
	return out, nil
}
