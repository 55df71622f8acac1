package scenarios

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/ecsim/ecsim/models"
)

// Scenario is a loaded, validated scenario file: its variants and sweep
// runs all decode, build and pass the simulator's checks. It is immutable
// and safe for concurrent Build calls.
type Scenario struct {
	src      *sourceFile
	file     File // the base scenario, decoded with defaults
	variants []variantSpec
	runs     []Run
	assets   *assets
	warnings []Problem
}

// variantSpec is one variant's overrides, ready to apply to the tree.
type variantSpec struct {
	name string
	path keyPath // variants[i]
}

// Load reads and validates the scenario file at path. Files it references
// (task_definition_file, traces, catalogue overlays) are read relative to
// it. Problems come back together as an *Error.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	return parse(path, data, osReader(path))
}

// Parse validates scenario data named name (for messages); referenced
// files are read from the operating system relative to name's directory.
func Parse(name string, data []byte) (*Scenario, error) {
	return parse(name, data, osReader(name))
}

// ParseFS validates the scenario file name of fsys; referenced files are
// read from fsys relative to it (the embedded examples use this).
func ParseFS(fsys fs.FS, name string) (*Scenario, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	return parse(name, data, fsReader(fsys, name))
}

func parse(name string, data []byte, read func(string) ([]byte, string, error)) (*Scenario, error) {
	src, err := parseSource(name, data, read)
	if err != nil {
		return nil, err
	}
	s := &Scenario{src: src, assets: newAssets()}
	return s.load()
}

// load validates the base scenario, every variant and every sweep
// combination, and freezes the file cache.
func (s *Scenario) load() (*Scenario, error) {
	lines := lineLookup(s.src.lines, nil)
	d := newDecoder(s.src, lines, "")
	d.decodeStruct(s.src.tree, nil, reflectValue(&s.file))
	_, probs, warns := compile(s.src, s.src.tree, lines, "", s.assets, true)
	s.warnings = warns
	base := map[string]bool{}
	for _, p := range probs {
		base[problemKey(p)] = true
	}
	for i, v := range s.file.Variants {
		s.variants = append(s.variants, variantSpec{name: v.Name, path: root.key("variants").at(i)})
	}
	probs = append(probs, s.checkVariantNames()...)
	runs, sweepProbs := s.expand()
	probs = append(probs, sweepProbs...)
	s.runs = runs
	for _, r := range s.runsToCheck() {
		_, _, p, _ := s.compileRun(r, true)
		for _, q := range p {
			// A problem is reported once: without a variant when the
			// scenario as written has it, else in the first run showing it.
			if k := problemKey(q); !base[k] {
				base[k] = true
				probs = append(probs, q)
			}
		}
	}
	s.assets.frozen = true
	if len(probs) > 0 {
		return nil, &Error{Problems: sortProblems(s.src.name, probs)}
	}
	return s, nil
}

func problemKey(p Problem) string { return fmt.Sprintf("%s:%d:%s:%s", p.File, p.Line, p.Key, p.Msg) }

func (s *Scenario) checkVariantNames() []Problem {
	var out []Problem
	seen := map[string]bool{}
	for _, v := range s.variants {
		if seen[v.name] || !validName(v.name, true) {
			out = append(out, Problem{File: s.src.name, Line: s.src.lines[v.path.key("name").String()], Key: v.path.key("name").String(),
				Msg: fmt.Sprintf("variant name %q is repeated or not a valid name", v.name)})
		}
		seen[v.name] = true
	}
	return out
}

// Name returns the scenario's name.
func (s *Scenario) Name() string { return s.file.Name }

// Description returns the scenario's description.
func (s *Scenario) Description() string { return s.file.Description }

// File returns the base scenario as decoded, with defaults filled. The
// returned value shares maps and slices with the scenario: do not modify.
func (s *Scenario) File() *File { return &s.file }

// Warnings lists legal but noteworthy things: fields of imported JSON that
// are not modelled, implausible settings.
func (s *Scenario) Warnings() []Problem { return append([]Problem(nil), s.warnings...) }

// Variants returns the variant names in file order; a scenario without
// [[variants]] has one, "base".
func (s *Scenario) Variants() []string {
	if len(s.variants) == 0 {
		return []string{BaseVariant}
	}
	out := make([]string, len(s.variants))
	for i, v := range s.variants {
		out[i] = v.name
	}
	return out
}

// BaseVariant names the scenario as written, without overrides.
const BaseVariant = "base"

// Build returns the simulator config of a variant ("" or "base" for the
// scenario as written). Each call builds fresh demand models, so configs
// are independent and each may be run once.
func (s *Scenario) Build(variant string) (models.Config, error) {
	if variant == "" {
		variant = BaseVariant
	}
	if variant != BaseVariant && s.variantIndex(variant) < 0 {
		return models.Config{}, fmt.Errorf("scenarios: %s has no variant %q (variants: %v)", s.file.Name, variant, s.Variants())
	}
	cfg, _, probs, _ := s.compileRun(Run{Variant: variant, Seed: uint64(s.file.Seed)}, false)
	if len(probs) > 0 {
		return models.Config{}, &Error{Problems: sortProblems(s.src.name, probs)}
	}
	cfg.Variant = variant
	return cfg, nil
}

func (s *Scenario) variantIndex(name string) int {
	for i, v := range s.variants {
		if v.name == name {
			return i
		}
	}
	return -1
}

// Override returns a new scenario with the value at a dotted key path set
// (list indexes as numbers), validated like a loaded file. The CLI's --set
// and tests that shorten a run use it.
func (s *Scenario) Override(path string, value any) (*Scenario, error) {
	p, ok := parseDotted(path)
	if !ok {
		return nil, fmt.Errorf("scenarios: %q is not a dotted key path", path)
	}
	tree := copyTable(s.src.tree)
	ov := overlay{}
	if err := setPath(tree, p, normalise(value), 0, ov); err != nil {
		return nil, fmt.Errorf("scenarios: override %s: %w", path, err)
	}
	src := *s.src
	src.tree = tree
	ns := &Scenario{src: &src, assets: newAssets()}
	return ns.load()
}

// normalise converts Go values to the TOML tree's types.
func normalise(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case uint64:
		return int64(x)
	case float32:
		return float64(x)
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	}
	return v
}
