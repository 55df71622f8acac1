package main

import (
	"fmt"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/spf13/cobra"
)

// catalogOptions are the parsed flags of `ecsim catalog` plus its
// dependencies.
type catalogOptions struct {
	IO      *IOStreams
	Catalog func() *catalog.Catalog

	Families       []string // empty: all
	Region         string
	Arch           string // empty: all
	Output         string // text, json or csv
	CatalogFile    string // optional overlay file
	ReservedMemory int64  // ECS_RESERVED_MEMORY, MiB
}

// newCmdCatalog builds `ecsim catalog`; runF replaces catalogRun in tests.
func newCmdCatalog(f *Factory, runF func(*catalogOptions) error) *cobra.Command {
	opts := &catalogOptions{IO: f.IOStreams, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "List instance types, what they register with ECS, and EC2 and Fargate prices",
		Long: `List the EC2 instance types of the catalogue with what each registers with
ECS (CPU units = vCPUs x 1024; memory = floor(MiB x (1 - overhead)) minus
ECS_RESERVED_MEMORY), how many awsvpc tasks fit by ENIs without and with
ENI trunking, and On-Demand and Spot prices per hour in a region; then the
Fargate rates of that region.

An unknown --family or --region is an error (exit 2) that lists the known
ones. The csv output holds the EC2 table only; json holds both tables.`,
		Example: `  # One family in one region, as an aligned table
  ecsim catalog --family m6i --region us-east-1

  # Graviton types of two families, as JSON
  ecsim catalog --family m7g,c7g --arch arm64 --output json

  # With your own prices and instance types layered over the embedded data
  ecsim catalog --catalog-file my-prices.toml --region eu-west-1`,
		Args: rejectArgs,
		RunE: func(*cobra.Command, []string) error {
			if opts.ReservedMemory < 0 {
				return flagErrorf("--reserved-memory must be >= 0 MiB, got %d", opts.ReservedMemory)
			}
			if runF != nil {
				return runF(opts)
			}
			return catalogRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Families, "family", nil, "only these instance families, comma-separated (default all)")
	fl.StringVar(&opts.Region, "region", "us-east-1", "AWS region of the prices")
	fl.Var(newEnumFlag(&opts.Arch, "", "x86_64", "arm64"), "arch", "only this CPU architecture (default all)")
	fl.Var(newEnumFlag(&opts.Output, "text", "text", "json", "csv"), "output", "output format")
	fl.StringVar(&opts.CatalogFile, "catalog-file", "",
		"TOML catalogue file overriding or adding entries (the embedded file's format)")
	fl.Int64Var(&opts.ReservedMemory, "reserved-memory", 0,
		"ECS_RESERVED_MEMORY in MiB, subtracted from each instance's registered memory")
	return cmd
}

// catalogRun loads the catalogue, selects and computes the rows, and prints
// them in the chosen format.
func catalogRun(opts *catalogOptions) error {
	c := opts.Catalog()
	if opts.CatalogFile != "" {
		var err error
		if c, err = c.OverlayFile(opts.CatalogFile); err != nil {
			return err
		}
	}
	view, err := buildCatalogView(c, opts)
	if err != nil {
		return err
	}
	switch opts.Output {
	case "json":
		return writeCatalogJSON(opts.IO.Out, view)
	case "csv":
		return writeCatalogCSV(opts.IO.Out, view)
	case "text":
		return writeCatalogText(opts.IO.Out, view)
	}
	panic(fmt.Sprintf("main: unhandled output %q", opts.Output)) // the enum flag admits no other value
}
