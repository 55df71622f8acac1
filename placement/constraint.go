package placement

import (
	"fmt"
	"strings"

	"github.com/ecsim/ecsim/placement/query"
)

// Constraint is a binding placement constraint.
type Constraint interface {
	// String returns the ECS form, such as "memberOf(attribute:stack == prod)".
	String() string
	// Reason is the failure reason counted for instances the constraint rejects.
	Reason() Reason
	// Allows reports whether a task of group may be placed on id.
	Allows(v View, group string, id InstanceID) bool
}

// DistinctInstance places each task of the group on a different instance [S3].
type DistinctInstance struct{}

// String implements Constraint.
func (DistinctInstance) String() string { return "distinctInstance" }

// Reason implements Constraint.
func (DistinctInstance) Reason() Reason { return ReasonDistinctInstance }

// Allows implements Constraint: no running task of the group on id.
func (DistinctInstance) Allows(v View, group string, id InstanceID) bool {
	return v.GroupCount(id, group) == 0
}

// MemberOf places tasks only on instances that satisfy a cluster query
// expression [S3][S4].
type MemberOf struct{ Expr *query.Expr }

// String implements Constraint.
func (m MemberOf) String() string { return "memberOf(" + m.Expr.String() + ")" }

// Reason implements Constraint.
func (MemberOf) Reason() Reason { return ReasonMemberOf }

// Allows implements Constraint.
func (m MemberOf) Allows(v View, _ string, id InstanceID) bool { return m.Expr.Eval(v.Env(id)) }

func newDistinctInstance(expr string) (Constraint, error) {
	if strings.TrimSpace(expr) != "" {
		return nil, fmt.Errorf("distinctInstance takes no expression, got %q", expr)
	}
	return DistinctInstance{}, nil
}

func newMemberOf(expr string) (Constraint, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, fmt.Errorf("memberOf needs an expression")
	}
	e, err := query.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("memberOf expression %q: %w", expr, err)
	}
	return MemberOf{Expr: e}, nil
}

// Requirement is an attribute a task needs, with its acceptable values: the
// CPU architecture or OS of its runtimePlatform, the subnets of an awsvpc
// configuration. An instance without it fails with ReasonAttribute.
type Requirement struct {
	Attribute string
	Values    []string
}
