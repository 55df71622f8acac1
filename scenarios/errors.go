package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a scenario (or, as a warning, one thing
// worth knowing). File and Line locate it (Line 0 when only the file is
// known, as for keys of an imported JSON file); Key is the dotted key path
// ("services.web.scaling.target_tracking[0].target_value"); Msg says what
// is wrong and what was expected. Variant names the variant or sweep run
// the problem appears in, empty for the scenario as written.
type Problem struct {
	File    string
	Line    int
	Key     string
	Msg     string
	Variant string
	// Detail, when set, shows the problem in context (the lines around a
	// TOML syntax error, with a caret); Error does not include it.
	Detail string
}

// String formats the problem as "file:line: key: message".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if p.Variant != "" {
		fmt.Fprintf(&b, " (in variant %q)", p.Variant)
	}
	return b.String()
}

// Error is returned for a scenario that must not run: every problem found,
// in file and line order. The CLI maps it to exit code 2 ("bad input").
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sortProblems orders problems by file (the scenario file first), line and
// key, and drops exact duplicates.
func sortProblems(main string, ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := cmp.Compare(boolInt(a.File != main), boolInt(b.File != main)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.Variant, b.Variant), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(ps, func(a, b Problem) bool {
		return a.File == b.File && a.Line == b.Line && a.Key == b.Key && a.Variant == b.Variant && a.Msg == b.Msg
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
