package main

import (
	"context"
	"io"
	"strings"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/spf13/cobra"
)

// IOStreams are the writers a command prints to; tests pass buffers.
type IOStreams struct {
	Out    io.Writer // results
	ErrOut io.Writer // errors, warnings, progress
}

// Factory carries the dependencies commands share, so tests can replace
// them (the cli/cli pattern).
type Factory struct {
	IOStreams *IOStreams
	// Context is cancelled on Ctrl-C (SIGINT) and SIGTERM.
	Context func() context.Context
	// Catalog returns the base catalogue (the embedded one by default).
	Catalog func() *catalog.Catalog
}

func newFactory(ctx context.Context, io *IOStreams) *Factory {
	return &Factory{IOStreams: io, Catalog: catalog.Default, Context: func() context.Context { return ctx }}
}

// subcommands lists the command constructors in help order. A new command is
// a new file with a newCmdX(f, runF) constructor and one entry here.
var subcommands = []func(*Factory) *cobra.Command{
	func(f *Factory) *cobra.Command { return newCmdRun(f, nil) },
	newCmdCompare,
	newCmdSweep,
	newCmdMerge,
	newCmdBreakEven,
	newCmdValidate,
	newCmdImport,
	newCmdExamples,
	newCmdSchema,
	func(f *Factory) *cobra.Command { return newCmdCatalog(f, nil) },
	newCmdBench,
	func(f *Factory) *cobra.Command { return newCmdVersion(f, nil) },
}

func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "ecsim",
		Short: "Simulate and plan capacity for Amazon ECS clusters",
		Long: `ecsim is a discrete-event simulator and capacity planner for Amazon ECS:
EC2 container instances, Fargate, capacity providers, service and cluster
auto scaling, and task placement, driven by a virtual clock.`,
		Example: `  # Instance types, what they register with ECS, and prices
  ecsim catalog --family m6i --region us-east-1

  # The version of this binary
  ecsim version`,
		Args:          rejectArgs,
		RunE:          func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		SilenceErrors: true, // run prints errors once, with exit codes
		SilenceUsage:  true,
	}
	root.SuggestionsMinimumDistance = 2 // cobra applies its default only on its own error path
	root.SetOut(f.IOStreams.Out)
	root.SetErr(f.IOStreams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })
	for _, newCmd := range subcommands {
		root.AddCommand(newCmd(f))
	}
	return root
}

// rejectArgs turns stray positional arguments into a *FlagError, with
// cobra's command suggestions for a mistyped command name.
func rejectArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !cmd.HasParent() {
		msg := "unknown command %q for %q"
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += "; did you mean " + strings.Join(s, ", ") + "?"
		}
		return flagErrorf(msg, args[0], cmd.CommandPath())
	}
	return flagErrorf("%q takes no arguments, got %q", cmd.CommandPath(), args)
}
