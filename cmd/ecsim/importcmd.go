package main

import (
	"fmt"

	"github.com/ecsim/ecsim/reports"
	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newCmdImport(f *Factory) *cobra.Command {
	var out string
	io := f.IOStreams
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Write a scenario from real ECS, Auto Scaling and CloudWatch JSON",
		Long: `Read AWS JSON — task definitions (describe-task-definition output or
register-task-definition input), services (create-service input,
describe-services output), capacity providers, Application Auto Scaling
policies, scalable targets and scheduled actions, CloudWatch alarms — and write
one scenario joining them. Fields ecsim does not model are listed as
warnings on stderr; nothing is dropped silently.`,
		Example: `  aws ecs describe-task-definition --task-definition web > web-td.json
  aws ecs describe-services --cluster prod --services web > web-svc.json
  ecsim import web-td.json web-svc.json --out web.toml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			imp, err := scenarios.ImportFiles(args...)
			if err != nil {
				return &inputError{err}
			}
			for _, w := range imp.Warnings {
				fmt.Fprintf(io.ErrOut, "warning: %s\n", w)
			}
			for _, p := range imp.Problems {
				fmt.Fprintf(io.ErrOut, "to do: %s\n", p)
			}
			if out == "" {
				_, err = io.Out.Write(imp.TOML)
				return err
			}
			if err := reports.WriteFileAtomic(out, imp.TOML); err != nil {
				return err
			}
			fmt.Fprintf(io.ErrOut, "scenario written to %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write the scenario to this file (default stdout)")
	return cmd
}
