package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/spf13/cobra"
)

// Exit codes (ARCHITECTURE.md, cmd/ecsim).
const (
	exitOK       = 0
	exitFailed   = 1 // the command ran and failed
	exitBadInput = 2 // flags, arguments, names or files were wrong
)

// FlagError is a problem with the command line itself: a bad flag value, an
// unknown command, an unexpected argument. It exits 2 and points at --help.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// flagErrorf returns a *FlagError with a formatted message.
func flagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// run executes the CLI with args and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	f := newFactory(ctx, &IOStreams{Out: stdout, ErrOut: stderr})
	root := newRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	reportError(stderr, cmd, err)
	return exitCode(err)
}

// exitCode maps an error to an exit code. Input errors of the packages the
// CLI calls count as bad input, like flag errors.
func exitCode(err error) int {
	var (
		flagErr    *FlagError
		fileErr    *catalog.FileError
		regionErr  *catalog.UnknownRegionError
		typeErr    *catalog.UnknownInstanceTypeError
		familyErr  *catalog.UnknownFamilyError
		fargateErr *catalog.InvalidFargateSizeError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &flagErr), errors.As(err, &fileErr), errors.As(err, &regionErr),
		errors.As(err, &typeErr), errors.As(err, &familyErr), errors.As(err, &fargateErr), isInputError(err):
		return exitBadInput
	}
	return exitFailed
}

// reportError prints err, and for command-line mistakes where to get help.
func reportError(w io.Writer, cmd *cobra.Command, err error) {
	fmt.Fprintf(w, "Error: %v\n", err)
	var flagErr *FlagError
	if errors.As(err, &flagErr) && cmd != nil {
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
}
