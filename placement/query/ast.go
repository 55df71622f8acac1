package query

import (
	"regexp"
	"strings"
)

// Subject is what a condition tests.
type Subject uint8

// Subjects of the cluster query language.
const (
	SubjectAttribute         Subject = iota // attribute:<name>
	SubjectAgentConnected                   // agentConnected
	SubjectAgentVersion                     // agentVersion
	SubjectEC2InstanceID                    // ec2InstanceId
	SubjectRegisteredAt                     // registeredAt
	SubjectRunningTasksCount                // runningTasksCount
	SubjectTaskGroup                        // task:group
)

var subjectNames = [...]string{
	SubjectAttribute:         "attribute:",
	SubjectAgentConnected:    "agentConnected",
	SubjectAgentVersion:      "agentVersion",
	SubjectEC2InstanceID:     "ec2InstanceId",
	SubjectRegisteredAt:      "registeredAt",
	SubjectRunningTasksCount: "runningTasksCount",
	SubjectTaskGroup:         "task:group",
}

// String returns the subject as written in an expression ("attribute:" for attributes).
func (s Subject) String() string {
	if int(s) < len(subjectNames) {
		return subjectNames[s]
	}
	return "Subject(?)"
}

// Op is a comparison operator.
type Op uint8

// Operators of the cluster query language.
const (
	OpEq         Op = iota // == equals
	OpNe                   // != not_equals
	OpGt                   // > greater_than
	OpGe                   // >= greater_than_equal
	OpLt                   // < less_than
	OpLe                   // <= less_than_equal
	OpExists               // exists
	OpNotExists            // !exists not_exists
	OpIn                   // in
	OpNotIn                // !in not_in
	OpMatches              // =~ matches
	OpNotMatches           // !~ not_matches
	numOps
)

var opSymbols = [numOps]string{"==", "!=", ">", ">=", "<", "<=", "exists", "!exists", "in", "!in", "=~", "!~"}

// String returns the operator's symbol.
func (o Op) String() string {
	if o < numOps {
		return opSymbols[o]
	}
	return "Op(?)"
}

// negative reports whether o is the negation of another operator, and that operator.
func (o Op) negative() (Op, bool) {
	switch o {
	case OpNe:
		return OpEq, true
	case OpNotExists:
		return OpExists, true
	case OpNotIn:
		return OpIn, true
	case OpNotMatches:
		return OpMatches, true
	}
	return o, false
}

// allowedOps lists, per subject, the operators the ECS documentation allows.
var allowedOps = [...]uint16{
	SubjectAttribute:         1<<numOps - 1,
	SubjectAgentConnected:    opBits(OpEq, OpNe, OpIn, OpNotIn, OpMatches, OpNotMatches),
	SubjectAgentVersion:      opBits(OpEq, OpNe, OpGt, OpGe, OpLt, OpLe),
	SubjectEC2InstanceID:     opBits(OpEq, OpNe, OpIn, OpNotIn, OpMatches, OpNotMatches),
	SubjectRegisteredAt:      opBits(OpEq, OpNe, OpGt, OpGe, OpLt, OpLe),
	SubjectRunningTasksCount: opBits(OpEq, OpNe, OpGt, OpGe, OpLt, OpLe),
	SubjectTaskGroup:         opBits(OpEq, OpNe, OpIn, OpNotIn, OpMatches, OpNotMatches),
}

func opBits(ops ...Op) uint16 {
	var b uint16
	for _, o := range ops {
		b |= 1 << o
	}
	return b
}

type nodeKind uint8

const (
	nodeCond nodeKind = iota
	nodeAnd
	nodeOr
	nodeNot
)

// node is one vertex of the expression tree.
type node struct {
	kind        nodeKind
	left, right *node // and/or use both; not uses left
	cond        *cond
}

// cond is one "subject operator argument" condition with its argument pre-parsed.
type cond struct {
	subj   Subject
	attr   string // attribute name for SubjectAttribute
	op     Op
	values []string // the argument(s) as written (one for binops, the list for in)
	nums   []float64
	isNum  bool           // every value parses as a number
	re     *regexp.Regexp // for matches
	ints   []int64        // registeredAt (Unix seconds) or runningTasksCount
	vers   [][]string     // agentVersion, split at dots
}

// Expr is a parsed, immutable cluster query expression.
type Expr struct {
	root    *node
	canon   string
	dynamic bool
	attrs   []string
}

// String returns the canonical form of the expression: operators as symbols,
// keywords in lower case, every compound sub-expression in parentheses, values
// quoted when needed. Parsing the canonical form yields an equal Expr.
func (e *Expr) String() string { return e.canon }

// Dynamic reports whether the expression depends on the tasks an instance runs
// (runningTasksCount or task:group), so that its value can change when tasks
// start or stop, not only when the instance's attributes change.
func (e *Expr) Dynamic() bool { return e.dynamic }

// Attributes returns the sorted, distinct attribute names the expression reads.
// The slice is shared; do not modify it.
func (e *Expr) Attributes() []string { return e.attrs }

// AttributeIn returns the expression "attribute:name in [values...]", the form
// used for required attributes (CPU architecture, OS, subnets). It returns an
// error if the name or a value is not valid.
func AttributeIn(name string, values []string) (*Expr, error) {
	var b strings.Builder
	b.WriteString("attribute:")
	b.WriteString(name)
	b.WriteString(" in [")
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(v))
	}
	b.WriteString("]")
	return Parse(b.String())
}

func newExpr(root *node) *Expr {
	e := &Expr{root: root}
	var b strings.Builder
	writeNode(&b, root, true)
	e.canon = b.String()
	seen := map[string]bool{}
	walk(root, func(c *cond) {
		switch c.subj {
		case SubjectRunningTasksCount, SubjectTaskGroup:
			e.dynamic = true
		case SubjectAttribute:
			if !seen[c.attr] {
				seen[c.attr] = true
				e.attrs = append(e.attrs, c.attr)
			}
		}
	})
	sortStrings(e.attrs)
	return e
}

func walk(n *node, f func(*cond)) {
	switch n.kind {
	case nodeCond:
		f(n.cond)
	case nodeNot:
		walk(n.left, f)
	default:
		walk(n.left, f)
		walk(n.right, f)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func writeNode(b *strings.Builder, n *node, top bool) {
	switch n.kind {
	case nodeCond:
		writeCond(b, n.cond)
	case nodeNot:
		b.WriteString("not ")
		if n.left.kind == nodeCond {
			b.WriteString("(")
			writeCond(b, n.left.cond)
			b.WriteString(")")
		} else {
			writeNode(b, n.left, false)
		}
	default:
		if !top {
			b.WriteString("(")
		}
		writeNode(b, n.left, false)
		if n.kind == nodeAnd {
			b.WriteString(" and ")
		} else {
			b.WriteString(" or ")
		}
		writeNode(b, n.right, false)
		if !top {
			b.WriteString(")")
		}
	}
}

func writeCond(b *strings.Builder, c *cond) {
	b.WriteString(c.subj.String())
	if c.subj == SubjectAttribute {
		b.WriteString(c.attr)
	}
	b.WriteString(" ")
	b.WriteString(c.op.String())
	switch c.op {
	case OpExists, OpNotExists:
	case OpIn, OpNotIn:
		b.WriteString(" [")
		for i, v := range c.values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quote(v))
		}
		b.WriteString("]")
	default:
		b.WriteString(" ")
		b.WriteString(quote(c.values[0]))
	}
}

// quote returns v as a bare word when the lexer would read it back unchanged,
// otherwise in quotes (single, or double when v holds a single quote).
func quote(v string) string {
	if v != "" && !isKeyword(v) {
		bare := true
		for i := 0; i < len(v); i++ {
			if !isWordByte(v[i]) {
				bare = false
				break
			}
		}
		if bare {
			return v
		}
	}
	if strings.IndexByte(v, '\'') >= 0 {
		return `"` + v + `"`
	}
	return "'" + v + "'"
}
