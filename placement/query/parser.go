package query

import (
	"fmt"
	"strings"
)

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 200

const expectSubject = "a condition subject (attribute:<name>, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount or task:group)"

const expectOperator = "an operator (==, !=, >, >=, <, <=, =~, !~, in, !in, exists, !exists or a word form such as equals, not_in)"

// Parse parses a cluster query expression. Errors are *SyntaxError values
// giving the byte offset and what was expected there.
func Parse(src string) (*Expr, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	root, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, &SyntaxError{Pos: t.pos, Expected: `"and", "or", ")" or end of expression`, Found: t.describe()}
	}
	return newExpr(root), nil
}

// MustParse is Parse for expressions known to be valid (tests, constants); it
// panics on error.
func MustParse(src string) *Expr {
	e, err := Parse(src)
	if err != nil {
		panic("query: MustParse: " + err.Error())
	}
	return e
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parser) isWordOrSym(words ...string) bool {
	t := p.peek()
	if t.kind != tokWord && t.kind != tokSym {
		return false
	}
	for _, w := range words {
		if t.text == w {
			return true
		}
	}
	return false
}

func (p *parser) parseOr(depth int) (*node, error) {
	left, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	for p.isWordOrSym("or", "||") {
		p.next()
		right, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		left = &node{kind: nodeOr, left: left, right: right}
	}
	return left, nil
}

func (p *parser) parseAnd(depth int) (*node, error) {
	left, err := p.parseUnary(depth)
	if err != nil {
		return nil, err
	}
	for p.isWordOrSym("and", "&&") {
		p.next()
		right, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		left = &node{kind: nodeAnd, left: left, right: right}
	}
	return left, nil
}

func (p *parser) parseUnary(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, &SyntaxError{Pos: p.peek().pos, Msg: fmt.Sprintf("expression nested more than %d levels deep", maxDepth)}
	}
	t := p.peek()
	switch {
	case p.isWordOrSym("not", "!"):
		p.next()
		operand, err := p.parseUnary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &node{kind: nodeNot, left: operand}, nil
	case t.kind == tokLParen:
		p.next()
		inner, err := p.parseOr(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, &SyntaxError{Pos: c.pos, Expected: `")" or "and"/"or"`, Found: c.describe()}
		}
		return inner, nil
	}
	c, err := p.parseCond()
	if err != nil {
		return nil, err
	}
	return &node{kind: nodeCond, cond: c}, nil
}

func (p *parser) parseCond() (*cond, error) {
	t := p.next()
	if t.kind != tokWord {
		return nil, &SyntaxError{Pos: t.pos, Expected: expectSubject, Found: t.describe()}
	}
	c := &cond{}
	if err := parseSubject(t, c); err != nil {
		return nil, err
	}
	opTok := p.peek()
	op, err := p.parseOp()
	if err != nil {
		return nil, err
	}
	c.op = op
	if allowedOps[c.subj]&(1<<op) == 0 {
		return nil, &SyntaxError{Pos: opTok.pos, Msg: fmt.Sprintf("operator %s is not supported for subject %s (supported: %s)", op, c.subj, opList(allowedOps[c.subj]))}
	}
	if err := p.parseArgs(c); err != nil {
		return nil, err
	}
	if err := compileCond(c, opTok.pos); err != nil {
		return nil, err
	}
	return c, nil
}

func parseSubject(t token, c *cond) error {
	switch t.text {
	case "agentConnected":
		c.subj = SubjectAgentConnected
	case "agentVersion":
		c.subj = SubjectAgentVersion
	case "ec2InstanceId":
		c.subj = SubjectEC2InstanceID
	case "registeredAt":
		c.subj = SubjectRegisteredAt
	case "runningTasksCount":
		c.subj = SubjectRunningTasksCount
	case "task:group":
		c.subj = SubjectTaskGroup
	default:
		name, ok := strings.CutPrefix(t.text, "attribute:")
		if !ok {
			return &SyntaxError{Pos: t.pos, Expected: expectSubject, Found: t.describe()}
		}
		if err := ValidAttributeName(name); err != nil {
			return &SyntaxError{Pos: t.pos + len("attribute:"), Msg: err.Error()}
		}
		c.subj, c.attr = SubjectAttribute, name
	}
	return nil
}

// ValidAttributeName reports whether name is a valid ECS attribute name:
// 1 to 128 letters, digits, hyphens, underscores, slashes or periods.
func ValidAttributeName(name string) error {
	if name == "" || len(name) > 128 {
		return fmt.Errorf("attribute name %q must be 1 to 128 characters", name)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '/' || c == '.'
		if !ok {
			return fmt.Errorf("attribute name %q has invalid character %q (allowed: letters, digits, - _ / .)", name, c)
		}
	}
	return nil
}

var opWords = map[string]Op{
	"==": OpEq, "equals": OpEq, "!=": OpNe, "not_equals": OpNe,
	">": OpGt, "greater_than": OpGt, ">=": OpGe, "greater_than_equal": OpGe,
	"<": OpLt, "less_than": OpLt, "<=": OpLe, "less_than_equal": OpLe,
	"exists": OpExists, "not_exists": OpNotExists, "in": OpIn, "not_in": OpNotIn,
	"=~": OpMatches, "matches": OpMatches, "!~": OpNotMatches, "not_matches": OpNotMatches,
}

func (p *parser) parseOp() (Op, error) {
	t := p.next()
	if t.kind == tokSym && t.text == "!" {
		w := p.next()
		if w.kind == tokWord && (w.text == "exists" || w.text == "in") {
			if w.text == "in" {
				return OpNotIn, nil
			}
			return OpNotExists, nil
		}
		return 0, &SyntaxError{Pos: w.pos, Expected: `"exists" or "in" after "!"`, Found: w.describe()}
	}
	if t.kind == tokWord || t.kind == tokSym {
		if op, ok := opWords[t.text]; ok {
			return op, nil
		}
	}
	return 0, &SyntaxError{Pos: t.pos, Expected: expectOperator, Found: t.describe()}
}

func (p *parser) parseArgs(c *cond) error {
	switch c.op {
	case OpExists, OpNotExists:
		return nil
	case OpIn, OpNotIn:
		return p.parseList(c)
	}
	v, err := p.parseValue()
	if err != nil {
		return err
	}
	c.values = []string{v}
	return nil
}

func (p *parser) parseList(c *cond) error {
	if t := p.next(); t.kind != tokLBrack {
		return &SyntaxError{Pos: t.pos, Expected: `"[" starting a list of values`, Found: t.describe()}
	}
	for {
		v, err := p.parseValue()
		if err != nil {
			return err
		}
		c.values = append(c.values, v)
		t := p.next()
		if t.kind == tokRBrack {
			return nil
		}
		if t.kind != tokComma {
			return &SyntaxError{Pos: t.pos, Expected: `"," or "]"`, Found: t.describe()}
		}
	}
}

func (p *parser) parseValue() (string, error) {
	t := p.next()
	if t.kind != tokWord && t.kind != tokString {
		return "", &SyntaxError{Pos: t.pos, Expected: "a value (a word or a quoted string)", Found: t.describe()}
	}
	return t.text, nil
}

func opList(bits uint16) string {
	var s []string
	for o := Op(0); o < numOps; o++ {
		if bits&(1<<o) != 0 {
			s = append(s, o.String())
		}
	}
	return strings.Join(s, " ")
}
