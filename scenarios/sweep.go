package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/models"
)

// Run is one concrete simulation of a scenario: a variant, one value of
// each sweep parameter, and a seed. Names are stable: the same file gives
// the same names in the same order.
type Run struct {
	// Name is "variant/param=value/…/seed=N", leaving out the parts the
	// scenario does not have ("target=40/seed=3", "fargate", "base").
	Name string
	// Group is Name without the seed: runs of one group differ only in seed.
	Group   string
	Variant string
	Params  []Param
	Seed    uint64
}

// Param is one swept key's value in a run.
type Param struct {
	Name, Path string
	Value      any
}

// maxRuns bounds a sweep's expansion so a typo cannot ask for billions.
const maxRuns = 1_000_000

// Runs returns every run of the scenario: variants × sweep combinations ×
// seeds, in that nesting order (the last parameter varies fastest, seeds
// innermost).
func (s *Scenario) Runs() []Run { return slices.Clone(s.runs) }

// BuildRun returns the simulator config of one run; cfg.Variant is the
// run's Group and cfg.Seed its seed.
func (s *Scenario) BuildRun(r Run) (models.Config, error) {
	cfg, _, probs, _ := s.compileRun(r, false)
	if len(probs) > 0 {
		return models.Config{}, &Error{Problems: sortProblems(s.src.name, probs)}
	}
	return cfg, nil
}

// expand lists the runs and checks the sweep's parameters.
func (s *Scenario) expand() ([]Run, []Problem) {
	variants := s.Variants()
	sw := s.file.Sweep
	seeds := 1
	var params [][]Param
	var probs []Problem
	if sw != nil {
		seeds = sw.Seeds
		params, probs = s.sweepValues(sw)
		if len(probs) > 0 {
			return nil, probs
		}
	}
	total := len(variants) * seeds
	for _, vs := range params {
		total *= len(vs)
	}
	if total > maxRuns {
		p := root.key("sweep")
		return nil, []Problem{{File: s.src.name, Line: s.src.lines[p.String()], Key: p.String(),
			Msg: fmt.Sprintf("%d runs: more than the %d a sweep may expand to", total, maxRuns)}}
	}
	var runs []Run
	for _, v := range variants {
		for _, combo := range cartesian(params) {
			for k := 0; k < seeds; k++ {
				runs = append(runs, s.newRun(v, combo, k, sw != nil && seeds > 1))
			}
		}
	}
	return runs, nil
}

func (s *Scenario) newRun(variant string, combo []Param, k int, seedPart bool) Run {
	r := Run{Variant: variant, Params: combo, Seed: uint64(s.file.Seed) + uint64(k)}
	var parts []string
	if len(s.variants) > 0 {
		parts = append(parts, variant)
	}
	for _, p := range combo {
		parts = append(parts, p.Name+"="+scalarString(p.Value))
	}
	r.Group = strings.Join(parts, "/")
	if seedPart {
		parts = append(parts, fmt.Sprintf("seed=%d", r.Seed))
	}
	r.Name = strings.Join(parts, "/")
	if r.Group == "" {
		r.Group = BaseVariant
	}
	if r.Name == "" {
		r.Name = BaseVariant
	}
	return r
}

// cartesian returns every combination, the last list varying fastest.
func cartesian(lists [][]Param) [][]Param {
	out := [][]Param{nil}
	for _, l := range lists {
		var next [][]Param
		for _, prefix := range out {
			for _, v := range l {
				next = append(next, append(slices.Clone(prefix), v))
			}
		}
		out = next
	}
	return out
}

// sweepValues expands each parameter's values or range.
func (s *Scenario) sweepValues(sw *Sweep) ([][]Param, []Problem) {
	var out [][]Param
	var probs []Problem
	seen := map[string]bool{}
	for i, sp := range sw.Parameters {
		pp := root.key("sweep").key("parameters").at(i)
		bad := func(k, format string, args ...any) {
			q := pp
			if k != "" {
				q = pp.key(k)
			}
			probs = append(probs, Problem{File: s.src.name, Line: lineLookup(s.src.lines, nil)(q), Key: q.String(), Msg: fmt.Sprintf(format, args...)})
		}
		path, ok := parseDotted(sp.Path)
		if !ok {
			bad("path", "%q is not a dotted key path", sp.Path)
			continue
		}
		if k := path[0].key; k == "variants" || k == "sweep" || k == "seed" {
			bad("path", "%s cannot be swept (seeds = N sweeps the seed)", k)
			continue
		}
		name := sp.Name
		if name == "" {
			name = lastKey(path)
		}
		if seen[name] {
			bad("name", "parameter name %q is used twice (give name)", name)
		}
		seen[name] = true
		vals, msg := paramValues(sp)
		if msg != "" {
			bad("", "%s", msg)
			continue
		}
		ps := make([]Param, len(vals))
		for j, v := range vals {
			ps[j] = Param{Name: name, Path: sp.Path, Value: v}
		}
		out = append(out, ps)
	}
	return out, probs
}

func lastKey(p keyPath) string {
	for i := len(p) - 1; i >= 0; i-- {
		if !p[i].isIndex && !isDigits(p[i].key) {
			return p[i].key
		}
	}
	return p.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// paramValues returns a parameter's values: its list, or its range (whole
// numbers when from, to and step all are, so integer keys can be swept).
func paramValues(sp SweepParameter) ([]any, string) {
	ranged := sp.From != nil || sp.To != nil || sp.Step != nil
	switch {
	case ranged && sp.Values != nil:
		return nil, "give values or from/to/step, not both"
	case !ranged && len(sp.Values) == 0:
		return nil, "give values = [...] or from, to and step"
	case !ranged:
		return sp.Values, ""
	case sp.From == nil || sp.To == nil || sp.Step == nil:
		return nil, "a range needs from, to and step"
	case *sp.Step <= 0:
		return nil, fmt.Sprintf("step %v must be positive", *sp.Step)
	case *sp.To < *sp.From:
		return nil, fmt.Sprintf("to %v is below from %v", *sp.To, *sp.From)
	}
	from, to, step := *sp.From, *sp.To, *sp.Step
	n := int(math.Floor((to-from)/step+1e-9)) + 1
	if n > maxRuns {
		return nil, fmt.Sprintf("the range has %d values", n)
	}
	whole := from == math.Trunc(from) && step == math.Trunc(step)
	out := make([]any, n)
	for i := range out {
		v := from + float64(i)*step
		if whole {
			out[i] = int64(v)
		} else {
			out[i] = math.Round(v*1e9) / 1e9
		}
	}
	return out, ""
}

// runsToCheck returns one run per group: seeds do not change validity.
func (s *Scenario) runsToCheck() []Run {
	var out []Run
	for i, r := range s.runs {
		if i == 0 || r.Group != s.runs[i-1].Group {
			if r.Group != BaseVariant || len(r.Params) > 0 {
				out = append(out, r)
			}
		}
	}
	return out
}

// compileRun applies a run's variant overrides, parameters and seed to a
// copy of the tree and compiles it.
func (s *Scenario) compileRun(r Run, check bool) (models.Config, map[string]any, []Problem, []Problem) {
	tree := copyTable(s.src.tree)
	ov := overlay{}
	lines := lineLookup(s.src.lines, nil)
	label := r.Group
	if r.Variant == BaseVariant && len(r.Params) == 0 {
		label = ""
	}
	var probs []Problem
	bad := func(p keyPath, format string, args ...any) {
		probs = append(probs, Problem{File: s.src.name, Line: lines(p), Key: p.String(), Msg: fmt.Sprintf(format, args...), Variant: label})
	}
	if i := s.variantIndex(r.Variant); i >= 0 {
		s.applyVariant(tree, i, ov, lines, bad)
	}
	for i, p := range r.Params {
		pp := root.key("sweep").key("parameters").at(i)
		path, _ := parseDotted(p.Path)
		if err := setPath(tree, path, p.Value, lines(pp), ov); err != nil {
			bad(pp.key("path"), "%v", err)
		}
	}
	if r.Seed != uint64(s.file.Seed) {
		tree["seed"] = int64(r.Seed)
	}
	cfg, p, w := compile(s.src, tree, lineLookup(s.src.lines, ov), label, s.assets, check)
	cfg.Variant, cfg.Seed = r.Group, r.Seed
	return cfg, tree, append(probs, p...), w
}

// applyVariant removes the variant's unset keys and merges its overrides.
func (s *Scenario) applyVariant(tree map[string]any, i int, ov overlay, lines lineFunc, bad func(keyPath, string, ...any)) {
	v := s.file.Variants[i]
	vp := root.key("variants").at(i)
	for j, u := range v.Unset {
		p, ok := parseDotted(u)
		if !ok {
			bad(vp.key("unset").at(j), "%q is not a dotted key path", u)
			continue
		}
		if err := unsetPath(tree, p); err != nil {
			bad(vp.key("unset").at(j), "%v", err)
		}
	}
	for k := range v.Overrides {
		if k == "variants" || k == "sweep" {
			bad(vp.key("overrides").key(k), "a variant cannot override %s", k)
			return
		}
	}
	for _, e := range merge(tree, v.Overrides, nil, vp.key("overrides"), lines, ov) {
		bad(e.src, "%s", e.msg)
	}
}
