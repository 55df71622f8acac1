package main

import (
	"errors"
	"fmt"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newCmdValidate(f *Factory) *cobra.Command {
	io := f.IOStreams
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files without running them",
		Long: `Load, validate and build every variant and sweep run of each scenario file
(or example name), printing every problem with file, line and key, and the
warnings. Exit code 2 when any file has a problem.`,
		Example: `  ecsim validate my-cluster.toml
  ecsim validate scenarios/*.toml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var errs []error
			for _, a := range args {
				ls, err := loadScenario(a)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				for _, w := range ls.sc.Warnings() {
					fmt.Fprintf(io.ErrOut, "warning: %s\n", w)
				}
				fmt.Fprintf(io.Out, "%s: ok (%d variant(s), %d run(s))\n", a, len(ls.sc.Variants()), len(ls.sc.Runs()))
			}
			return errors.Join(errs...)
		},
	}
}

func newCmdSchema(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the scenario format",
		Long: `Print the JSON Schema of the scenario format, generated from the same Go
types the loader uses, for editors that validate TOML against a schema
(for example Taplo / Even Better TOML).`,
		Example: `  ecsim schema > ecsim-scenario.schema.json`,
		Args:    rejectArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := f.IOStreams.Out.Write(scenarios.Schema())
			return err
		},
	}
}
