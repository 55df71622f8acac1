package placement

import (
	"fmt"

	"github.com/ecsim/ecsim/placement/query"
)

// View is the read-only cluster state that strategies and constraints see
// while an engine makes one decision. Both engines implement it.
type View interface {
	// Remaining is what instance id has left.
	Remaining(id InstanceID) Resources
	// GroupCount is the number of running (not stopping) tasks of group on id.
	GroupCount(id InstanceID, group string) int
	// SpreadCount is the number of running tasks of group on all instances
	// whose value of attribute equals id's value (instances without the
	// attribute share one value of their own).
	SpreadCount(id InstanceID, group, attribute string) int
	// Env describes id to the cluster query language. The result is only
	// valid until the next call of Env.
	Env(id InstanceID) query.Env
}

// Strategy is one placement strategy of a chain. A chain is applied
// lexicographically: each ranked strategy keeps the candidates with the best
// rank, and the first unranked strategy (random) ends the chain.
type Strategy interface {
	// String returns the ECS form, such as "binpack(memory)".
	String() string
	// Ranked is false for strategies that do not rank (random).
	Ranked() bool
	// PlaceRank ranks instance id for a new task of group reserving need;
	// lower is better.
	PlaceRank(v View, group string, need Resources, id InstanceID) int64
	// StopRank ranks task t for scale-in; higher is stopped first.
	StopRank(v View, t TaskInfo) int64
}

// Resource names the resource a binpack strategy packs.
type Resource uint8

// Binpack fields.
const (
	ResourceCPU Resource = iota
	ResourceMemory
)

// String returns the binpack field name ("cpu" or "memory").
func (r Resource) String() string {
	if r == ResourceCPU {
		return "cpu"
	}
	return "memory"
}

func (r Resource) of(x Resources) int64 {
	if r == ResourceCPU {
		return int64(x.CPU)
	}
	return int64(x.Memory)
}

// Binpack places a task on the candidate with the least of Field left after
// placement, and stops the task whose instance has the most of Field left
// after it stops [S2].
type Binpack struct{ Field Resource }

// String implements Strategy.
func (b Binpack) String() string { return "binpack(" + b.Field.String() + ")" }

// Ranked implements Strategy.
func (Binpack) Ranked() bool { return true }

// PlaceRank implements Strategy: the amount of Field left after placement.
func (b Binpack) PlaceRank(v View, _ string, need Resources, id InstanceID) int64 {
	return b.Field.of(v.Remaining(id)) - b.Field.of(need)
}

// StopRank implements Strategy: the amount of Field left after t stops.
func (b Binpack) StopRank(v View, t TaskInfo) int64 {
	return b.Field.of(v.Remaining(t.Instance)) + b.Field.of(t.Resources)
}

// Spread balances a group's tasks over the values of Attribute, or over
// instances when Attribute is empty (field instanceId or host) [S2].
type Spread struct{ Attribute string }

// String implements Strategy.
func (s Spread) String() string {
	if s.Attribute == "" {
		return "spread(instanceId)"
	}
	return "spread(attribute:" + s.Attribute + ")"
}

// Ranked implements Strategy.
func (Spread) Ranked() bool { return true }

// PlaceRank implements Strategy: the group's tasks on the instance or on the
// instance's attribute value.
func (s Spread) PlaceRank(v View, group string, _ Resources, id InstanceID) int64 {
	if s.Attribute == "" {
		return int64(v.GroupCount(id, group))
	}
	return int64(v.SpreadCount(id, group, s.Attribute))
}

// StopRank implements Strategy: stopping from the fullest instance or value
// keeps the best balance.
func (s Spread) StopRank(v View, t TaskInfo) int64 {
	return s.PlaceRank(v, t.Group, Resources{}, t.Instance)
}

// Random places on (and stops) a uniformly drawn candidate; it ends a chain.
type Random struct{}

// String implements Strategy.
func (Random) String() string { return "random" }

// Ranked implements Strategy.
func (Random) Ranked() bool { return false }

// PlaceRank implements Strategy; Random does not rank.
func (Random) PlaceRank(View, string, Resources, InstanceID) int64 { return 0 }

// StopRank implements Strategy; Random does not rank.
func (Random) StopRank(View, TaskInfo) int64 { return 0 }

func newBinpack(field string) (Strategy, error) {
	switch field {
	case "cpu":
		return Binpack{ResourceCPU}, nil
	case "memory":
		return Binpack{ResourceMemory}, nil
	}
	return nil, fmt.Errorf("binpack field %q: want cpu or memory", field)
}

func newSpread(field string) (Strategy, error) {
	switch field {
	case "instanceId", "host":
		return Spread{}, nil
	case "":
		return nil, fmt.Errorf("spread needs a field: instanceId, host or attribute:<name>")
	}
	name, ok := cutAttribute(field)
	if !ok {
		return nil, fmt.Errorf("spread field %q: want instanceId, host or attribute:<name>", field)
	}
	if err := query.ValidAttributeName(name); err != nil {
		return nil, fmt.Errorf("spread field %q: %w", field, err)
	}
	return Spread{Attribute: name}, nil
}

func newRandom(field string) (Strategy, error) {
	if field != "" {
		return nil, fmt.Errorf("random takes no field, got %q", field)
	}
	return Random{}, nil
}

func cutAttribute(field string) (string, bool) {
	const p = "attribute:"
	if len(field) > len(p) && field[:len(p)] == p {
		return field[len(p):], true
	}
	return "", false
}
