package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.3". When empty, the module version from the
// build information is used (set by `go install module@version`).
var version = ""

// versionOptions holds what the version command prints.
type versionOptions struct {
	IO        *IOStreams
	Version   string // ecsim's version
	GoVersion string // the Go toolchain that built the binary
	Platform  string // GOOS/GOARCH
}

// newCmdVersion builds `ecsim version`; runF replaces versionRun in tests.
func newCmdVersion(f *Factory, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{IO: f.IOStreams}
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of ecsim and of the Go toolchain that built it",
		Example: "  ecsim version",
		Args:    rejectArgs,
		RunE: func(*cobra.Command, []string) error {
			info, ok := debug.ReadBuildInfo()
			opts.Version = resolveVersion(version, info, ok)
			opts.GoVersion = runtime.Version()
			if ok && info.GoVersion != "" {
				opts.GoVersion = info.GoVersion
			}
			opts.Platform = runtime.GOOS + "/" + runtime.GOARCH
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *versionOptions) error {
	_, err := fmt.Fprintf(opts.IO.Out, "ecsim %s\nbuilt with %s for %s\n", opts.Version, opts.GoVersion, opts.Platform)
	return err
}

// resolveVersion picks the version to print: the -ldflags value, else the
// module version from the build info (with the VCS revision when the binary
// was built from a checkout), else "(devel)".
func resolveVersion(ldflags string, info *debug.BuildInfo, ok bool) string {
	if ldflags != "" {
		return ldflags
	}
	if !ok || info == nil {
		return "(devel)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if revision == "" {
		return v
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified == "true" {
		revision += "+dirty"
	}
	return v + " (" + revision + ")"
}
