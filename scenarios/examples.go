package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// exampleFS holds the example library: scenario files and the traces and
// JSON files they reference.
//
//go:embed examples
var exampleFS embed.FS

// DefaultExample is the example `ecsim run` runs without an argument.
const DefaultExample = "web-ec2-vs-fargate"

// Example is one scenario of the embedded library.
type Example struct {
	Name        string // file name without .toml, as `ecsim run NAME` takes it
	Description string
}

// Examples returns the example library's file system (read-only), for
// `ecsim examples --write DIR`.
func Examples() fs.FS {
	sub, err := fs.Sub(exampleFS, "examples")
	if err != nil {
		panic("scenarios: embedded examples: " + err.Error())
	}
	return sub
}

// List returns the examples sorted by name, the default first.
func List() []Example {
	entries, err := fs.ReadDir(exampleFS, "examples")
	if err != nil {
		panic("scenarios: embedded examples: " + err.Error())
	}
	var out []Example
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || e.IsDir() {
			continue
		}
		s, err := Get(name)
		desc := ""
		if err == nil {
			desc = s.Description()
		}
		out = append(out, Example{Name: name, Description: desc})
	}
	slices.SortFunc(out, func(a, b Example) int {
		switch {
		case a.Name == DefaultExample:
			return -1
		case b.Name == DefaultExample:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Get loads an example by name.
func Get(name string) (*Scenario, error) {
	file := path.Join("examples", name+".toml")
	if _, err := fs.Stat(exampleFS, file); err != nil {
		var names []string
		entries, _ := fs.ReadDir(exampleFS, "examples")
		for _, e := range entries {
			if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
				names = append(names, n)
			}
		}
		return nil, fmt.Errorf("scenarios: no example %q%s", name, didYouMean(name, names))
	}
	return ParseFS(exampleFS, file)
}

// ExampleSource returns the TOML text of an example, for `ecsim examples show`.
func ExampleSource(name string) ([]byte, error) {
	b, err := fs.ReadFile(exampleFS, path.Join("examples", name+".toml"))
	if err != nil {
		return nil, fmt.Errorf("scenarios: no example %q", name)
	}
	return b, nil
}
