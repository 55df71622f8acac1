package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/ecsim/ecsim/reports"
	"github.com/spf13/cobra"
)

func newCmdMerge(f *Factory) *cobra.Command {
	var out, output string
	cmd := &cobra.Command{
		Use:   "merge DIR...",
		Short: "Combine the shard files of a sharded sweep",
		Long: `Read every shard-*.json in the folders, check that together they hold each
run of the sweep exactly once, and write the same table and files a
single-machine 'ecsim sweep' writes.`,
		Example: `  ecsim merge s0 s1 --out merged`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, dirs []string) error {
			var shards []*reports.SweepShard
			for _, d := range dirs {
				paths, err := filepath.Glob(filepath.Join(d, "shard-*.json"))
				if err != nil {
					return err
				}
				if len(paths) == 0 {
					return &inputError{fmt.Errorf("%s: no shard-*.json files", d)}
				}
				sort.Strings(paths)
				for _, p := range paths {
					s, err := readShard(p)
					if err != nil {
						return &inputError{fmt.Errorf("%s: %w", p, err)}
					}
					shards = append(shards, s)
				}
			}
			scenario, runs, err := reports.MergeSweepShards(shards)
			if err != nil {
				return &inputError{err}
			}
			if out == "" {
				out = filepath.Join("ecsim-sweep", scenario)
			}
			return finishSweep(f.IOStreams, scenario, runs, out, output)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "output folder (default ./ecsim-sweep/<scenario>)")
	cmd.Flags().Var(newEnumFlag(&output, "text", "text", "markdown", "json", "csv"), "output", "format of the table on stdout")
	return cmd
}

func readShard(path string) (*reports.SweepShard, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return reports.ReadSweepShard(f)
}
