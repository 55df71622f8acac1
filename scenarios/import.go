package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ecsim/ecsim/scenarios/importer"
)

// ImportInput is one file to import: a name for messages and its bytes.
type ImportInput struct {
	Name string
	Data []byte
}

// Imported is a scenario written from real ECS JSON (`ecsim import`).
type Imported struct {
	// TOML is the scenario: providers, task definitions and services as
	// imported, with their scaling; a duration of one day.
	TOML []byte
	// Warnings list every imported field ecsim does not model and every
	// assumption the writer made (each says what it assumed).
	Warnings []string
	// Problems are what the written scenario still lacks to load, as Load
	// reports them (a referenced task definition or alarm that was not
	// imported, a custom metric without its series); empty when it loads.
	Problems []Problem
}

// ImportFiles reads the JSON files at paths and writes a scenario of them;
// see Import.
func ImportFiles(paths ...string) (*Imported, error) {
	var in []ImportInput
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("scenarios: import: %w", err)
		}
		in = append(in, ImportInput{Name: p, Data: b})
	}
	return Import(in...)
}

// Import recognises each input (task definitions, services, capacity
// providers, clusters, Auto Scaling groups, container instances, scaling
// policies, scalable targets, scheduled actions, CloudWatch alarms) and
// writes one scenario joining them: services find their task definitions
// and providers, policies their services and alarms. A file the importer
// refuses makes Import fail with the reasons (*importer.Error values,
// joined); pieces that do not fit together are written as they are and
// reported in Problems.
func Import(inputs ...ImportInput) (*Imported, error) {
	w := &writer{providers: map[string]any{}, defs: map[string]any{}, services: map[string]any{}}
	var errs []error
	for _, in := range inputs {
		f, err := importer.Import(in.Name, in.Data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		w.files = append(w.files, f)
		for _, wn := range f.Warnings {
			w.warnings = append(w.warnings, wn.String())
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(w.files) == 0 {
		return nil, errors.New("scenarios: import: no files")
	}
	w.build()
	out, err := w.encode()
	if err != nil {
		return nil, fmt.Errorf("scenarios: import: %w", err)
	}
	res := &Imported{TOML: out, Warnings: w.warnings}
	_, perr := parse("imported.toml", out, func(rel string) ([]byte, string, error) {
		return nil, rel, fmt.Errorf("an imported scenario references no files")
	})
	var se *Error
	if errors.As(perr, &se) {
		res.Problems = se.Problems
	}
	return res, nil
}

// writer assembles the scenario tree from imported files.
type writer struct {
	files    []*importer.File
	warnings []string

	name                        string
	cluster, svcCluster, family string // name candidates, best first
	providers                   map[string]any
	provOrder                   []string
	defs                        map[string]any
	defRefs                     []string // family:revision of every imported definition
	services                    map[string]any
	defaults                    []map[string]any
}

func (w *writer) note(format string, args ...any) {
	w.warnings = append(w.warnings, "import: "+fmt.Sprintf(format, args...))
}

func (w *writer) addProvider(name string, p map[string]any) {
	if _, ok := w.providers[name]; !ok {
		w.provOrder = append(w.provOrder, name)
	}
	w.providers[name] = p
}

// build joins the imported pieces.
func (w *writer) build() {
	w.writeProviders()
	w.writeTaskDefinitions()
	w.writeServices()
	w.writeScaling()
	w.name = "imported"
	for _, n := range []string{w.family, w.svcCluster, w.cluster} {
		if n != "" {
			w.name = n
		}
	}
}

// encode writes the tree: scenario keys first, then providers, task
// definitions and services.
func (w *writer) encode() ([]byte, error) {
	var b bytes.Buffer
	var names []string
	for _, f := range w.files {
		names = append(names, f.Name)
	}
	b.WriteString("# Written by ecsim import from: " + strings.Join(names, ", ") + "\n")
	b.WriteString("# Review the assumptions ecsim import printed, and add workloads to drive CPU and memory.\n")
	top := map[string]any{"name": w.name, "description": "Imported from " + strings.Join(names, ", "), "duration": "1d"}
	if len(w.defaults) > 0 {
		top["default_capacity_provider_strategy"] = w.defaults
	}
	for _, part := range []map[string]any{top, {"providers": w.providers}, {"task_definitions": w.defs}, {"services": w.services}} {
		if m, ok := part["providers"]; ok && len(m.(map[string]any)) == 0 {
			continue
		}
		enc := toml.NewEncoder(&b)
		enc.Indent = ""
		if err := enc.Encode(part); err != nil {
			return nil, err
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

func sortedNames(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
