package query

import "strings"

// Env is one container instance as the query language sees it. Implementations
// should not allocate: Eval is called in placement loops.
type Env interface {
	// Attribute returns the value of the named attribute and whether it is set.
	Attribute(name string) (string, bool)
	EC2InstanceID() string
	AgentConnected() bool
	AgentVersion() string
	// RegisteredAt is the registration time in Unix seconds.
	RegisteredAt() int64
	RunningTasksCount() int
	// NumTaskGroups and TaskGroup enumerate the groups of the tasks the
	// instance runs (a group may be listed more than once).
	NumTaskGroups() int
	TaskGroup(i int) string
}

// Eval reports whether the instance described by env satisfies the expression.
func (e *Expr) Eval(env Env) bool { return evalNode(e.root, env) }

func evalNode(n *node, env Env) bool {
	switch n.kind {
	case nodeAnd:
		return evalNode(n.left, env) && evalNode(n.right, env)
	case nodeOr:
		return evalNode(n.left, env) || evalNode(n.right, env)
	case nodeNot:
		return !evalNode(n.left, env)
	}
	return n.cond.eval(env)
}

func (c *cond) eval(env Env) bool {
	op, neg := c.op.negative()
	r := c.evalPositive(op, env)
	if neg {
		return !r
	}
	return r
}

// evalPositive evaluates c with a positive operator op (==, in, =~, exists or an ordering).
func (c *cond) evalPositive(op Op, env Env) bool {
	switch c.subj {
	case SubjectAttribute:
		v, ok := env.Attribute(c.attr)
		if op == OpExists || !ok {
			return ok
		}
		return c.evalString(op, v)
	case SubjectAgentConnected:
		if env.AgentConnected() {
			return c.evalString(op, "true")
		}
		return c.evalString(op, "false")
	case SubjectEC2InstanceID:
		return c.evalString(op, env.EC2InstanceID())
	case SubjectAgentVersion:
		v := env.AgentVersion()
		if op == OpEq {
			return compareVersions(v, c.vers[0]) == 0
		}
		return ordered(op, compareVersions(v, c.vers[0]))
	case SubjectRegisteredAt:
		return c.evalInt(op, env.RegisteredAt())
	case SubjectRunningTasksCount:
		return c.evalInt(op, int64(env.RunningTasksCount()))
	case SubjectTaskGroup:
		for i, n := 0, env.NumTaskGroups(); i < n; i++ {
			if c.evalString(op, env.TaskGroup(i)) {
				return true
			}
		}
		return false
	}
	return false
}

func (c *cond) evalString(op Op, v string) bool {
	switch op {
	case OpEq:
		return v == c.values[0]
	case OpIn:
		for _, x := range c.values {
			if v == x {
				return true
			}
		}
		return false
	case OpMatches:
		return c.re.MatchString(v)
	}
	if c.isNum {
		if f, ok := parseDecimal(v); ok {
			switch {
			case f < c.nums[0]:
				return ordered(op, -1)
			case f > c.nums[0]:
				return ordered(op, 1)
			}
			return ordered(op, 0)
		}
	}
	return ordered(op, strings.Compare(v, c.values[0]))
}

func (c *cond) evalInt(op Op, v int64) bool {
	if op == OpEq {
		return v == c.ints[0]
	}
	switch {
	case v < c.ints[0]:
		return ordered(op, -1)
	case v > c.ints[0]:
		return ordered(op, 1)
	}
	return ordered(op, 0)
}

// ordered applies an ordering operator to the result of a three-way comparison.
func ordered(op Op, cmp int) bool {
	switch op {
	case OpGt:
		return cmp > 0
	case OpGe:
		return cmp >= 0
	case OpLt:
		return cmp < 0
	case OpLe:
		return cmp <= 0
	case OpEq:
		return cmp == 0
	}
	return false
}
