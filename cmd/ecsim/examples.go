package main

import (
	"fmt"

	"github.com/ecsim/ecsim/scenarios"
	"github.com/spf13/cobra"
)

func newCmdExamples(f *Factory) *cobra.Command {
	io := f.IOStreams
	cmd := &cobra.Command{
		Use:   "examples",
		Short: "List the embedded example scenarios",
		Long: `List the example scenarios embedded in the binary. Run one with
'ecsim run NAME'; print its TOML with 'ecsim examples show NAME' to start your
own scenario from it.`,
		Example: `  ecsim examples
  ecsim examples show traffic-spike > my-spike.toml`,
		Args: rejectArgs,
		RunE: func(*cobra.Command, []string) error {
			t := newTable([]string{"NAME", "DESCRIPTION"}, []bool{false, false})
			for _, e := range scenarios.List() {
				name := e.Name
				if name == defaultExample {
					name += " (default)"
				}
				t.add(name, e.Description)
			}
			return t.write(io.Out)
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "show NAME",
		Short:   "Print an example scenario's TOML",
		Example: `  ecsim examples show web-ec2-vs-fargate`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			text, err := scenarios.ExampleSource(args[0])
			if err != nil {
				return &inputError{fmt.Errorf("%w (see 'ecsim examples')", err)}
			}
			_, err = io.Out.Write(text)
			return err
		},
	})
	return cmd
}
