package placement

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ecsim/ecsim/placement/query"
)

// Limits ECS applies per task or service [S49].
const (
	MaxStrategies  = 5
	MaxConstraints = 10
)

// StrategySpec is one placementStrategy entry as in ECS JSON.
type StrategySpec struct {
	Type  string `json:"type"`
	Field string `json:"field,omitempty"`
}

// ConstraintSpec is one placementConstraints entry as in ECS JSON.
type ConstraintSpec struct {
	Type       string `json:"type"`
	Expression string `json:"expression,omitempty"`
}

// PolicySpec is everything that decides where a service's or task's tasks go,
// apart from their size: strategies, constraints (task definition and
// run-time ones together) and required attributes.
type PolicySpec struct {
	Strategies  []StrategySpec
	Constraints []ConstraintSpec
	// Requirements are implicit attribute requirements (runtimePlatform,
	// awsvpc subnets); they do not count toward MaxConstraints.
	Requirements []Requirement
	// Service selects the default chain used when Strategies is empty:
	// services spread over availability zones, then over instances [S2][S6];
	// standalone tasks (RunTask) are placed randomly [S46].
	Service bool
}

// Policy is a validated, immutable placement policy. Build it once per
// service or task definition and reuse it: engines cache work per policy.
type Policy struct {
	strategies  []Strategy
	constraints []Constraint
	requires    []*query.Expr
	key         string
}

// Strategies returns the strategy chain (defaults filled in).
func (p *Policy) Strategies() []Strategy { return slices.Clone(p.strategies) }

// Constraints returns the constraints in the order given.
func (p *Policy) Constraints() []Constraint { return slices.Clone(p.constraints) }

// String returns a canonical description; equal strings mean equal policies.
func (p *Policy) String() string { return p.key }

// DefaultServiceStrategies is the chain ECS applies to service tasks when
// none is given: spread(attribute:ecs.availability-zone), spread(instanceId).
func DefaultServiceStrategies() []StrategySpec {
	return []StrategySpec{{Type: "spread", Field: "attribute:" + AttrAvailabilityZone}, {Type: "spread", Field: "instanceId"}}
}

// DefaultTaskStrategies is the chain ECS applies to RunTask: random.
func DefaultTaskStrategies() []StrategySpec { return []StrategySpec{{Type: "random"}} }

// StrategyFactory builds a strategy from its field.
type StrategyFactory func(field string) (Strategy, error)

// ConstraintFactory builds a constraint from its expression.
type ConstraintFactory func(expression string) (Constraint, error)

// Registry maps ECS strategy and constraint type names to factories, so a
// new strategy is one type plus one RegisterStrategy call.
type Registry struct {
	strategies  map[string]StrategyFactory
	constraints map[string]ConstraintFactory
}

// NewRegistry returns a registry of the ECS types: binpack, spread and random
// strategies; distinctInstance and memberOf constraints.
func NewRegistry() *Registry {
	return &Registry{
		strategies:  map[string]StrategyFactory{"binpack": newBinpack, "spread": newSpread, "random": newRandom},
		constraints: map[string]ConstraintFactory{"distinctInstance": newDistinctInstance, "memberOf": newMemberOf},
	}
}

// RegisterStrategy adds or replaces a strategy type.
func (r *Registry) RegisterStrategy(typ string, f StrategyFactory) { r.strategies[typ] = f }

// RegisterConstraint adds or replaces a constraint type.
func (r *Registry) RegisterConstraint(typ string, f ConstraintFactory) { r.constraints[typ] = f }

// Strategy builds one strategy.
func (r *Registry) Strategy(s StrategySpec) (Strategy, error) {
	f, ok := r.strategies[s.Type]
	if !ok {
		return nil, fmt.Errorf("unknown strategy type %q (want %s)", s.Type, names(r.strategies))
	}
	return f(s.Field)
}

// Constraint builds one constraint.
func (r *Registry) Constraint(c ConstraintSpec) (Constraint, error) {
	f, ok := r.constraints[c.Type]
	if !ok {
		return nil, fmt.Errorf("unknown constraint type %q (want %s)", c.Type, names(r.constraints))
	}
	return f(c.Expression)
}

func names[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// NewPolicy validates spec with the ECS types; see Registry.NewPolicy.
func NewPolicy(spec PolicySpec) (*Policy, error) { return NewRegistry().NewPolicy(spec) }

// NewPolicy validates spec and builds a Policy. Errors name the offending
// entry, e.g. `placementStrategy[1]: binpack field "disk": want cpu or memory`.
func (r *Registry) NewPolicy(spec PolicySpec) (*Policy, error) {
	if n := len(spec.Strategies); n > MaxStrategies {
		return nil, fmt.Errorf("placementStrategy: %d strategies, at most %d allowed", n, MaxStrategies)
	}
	if n := len(spec.Constraints); n > MaxConstraints {
		return nil, fmt.Errorf("placementConstraints: %d constraints, at most %d allowed (task definition and run-time constraints together)", n, MaxConstraints)
	}
	specs := spec.Strategies
	if len(specs) == 0 {
		specs = DefaultTaskStrategies()
		if spec.Service {
			specs = DefaultServiceStrategies()
		}
	}
	p := &Policy{}
	for i, s := range specs {
		st, err := r.Strategy(s)
		if err != nil {
			return nil, fmt.Errorf("placementStrategy[%d]: %w", i, err)
		}
		p.strategies = append(p.strategies, st)
	}
	for i, c := range spec.Constraints {
		ct, err := r.Constraint(c)
		if err != nil {
			return nil, fmt.Errorf("placementConstraints[%d]: %w", i, err)
		}
		p.constraints = append(p.constraints, ct)
	}
	for i, q := range spec.Requirements {
		if len(q.Values) == 0 {
			return nil, fmt.Errorf("requirements[%d]: attribute %q has no acceptable values", i, q.Attribute)
		}
		e, err := query.AttributeIn(q.Attribute, q.Values)
		if err != nil {
			return nil, fmt.Errorf("requirements[%d]: %w", i, err)
		}
		p.requires = append(p.requires, e)
	}
	p.key = policyKey(p)
	return p, nil
}

func policyKey(p *Policy) string {
	var b strings.Builder
	b.WriteString("strategies[")
	for i, s := range p.strategies {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.String())
	}
	b.WriteString("] constraints[")
	for i, c := range p.constraints {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.String())
	}
	b.WriteString("] requires[")
	for i, e := range p.requires {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.String())
	}
	b.WriteString("]")
	return b.String()
}
