package placement

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// engineCtor builds an engine under test.
type engineCtor struct {
	name string
	make func(seed uint64) Engine
}

func engines() []engineCtor {
	return []engineCtor{
		{"reference", func(seed uint64) Engine { return NewReference(Config{}, rand.New(rand.NewPCG(seed, 1))) }},
		{"index", func(seed uint64) Engine { return NewIndex(Config{}, rand.New(rand.NewPCG(seed, 1))) }},
	}
}

// forEachEngine runs f as a subtest per engine.
func forEachEngine(t *testing.T, f func(t *testing.T, newEngine func() Engine)) {
	t.Helper()
	for _, c := range engines() {
		t.Run(c.name, func(t *testing.T) {
			f(t, func() Engine { return c.make(42) })
		})
	}
}

// inst describes a test instance: capacity and AZ, plus extra attributes.
func inst(cpu CPUUnits, mem MiB, az string, extra ...Attribute) InstanceSpec {
	attrs := append([]Attribute{{AttrAvailabilityZone, az}}, extra...)
	return InstanceSpec{Capacity: Resources{CPU: cpu, Memory: mem, ENI: 2}, Attributes: attrs, AgentVersion: "1.80.0"}
}

func mustAdd(t testing.TB, e Engine, id InstanceID, s InstanceSpec) {
	t.Helper()
	if err := e.AddInstance(id, s); err != nil {
		t.Fatalf("AddInstance(%d): %v", id, err)
	}
}

func mustPolicy(t testing.TB, spec PolicySpec) *Policy {
	t.Helper()
	p, err := NewPolicy(spec)
	if err != nil {
		t.Fatalf("NewPolicy: %v", err)
	}
	return p
}

// mustPlace places count tasks and fails the test on error.
func mustPlace(t testing.TB, e Engine, req *Request, count int) ([]Placement, Failure) {
	t.Helper()
	ps, f, err := e.Place(nil, req, count)
	if err != nil {
		t.Fatalf("Place(%s): %v", req.Group, err)
	}
	return ps, f
}

// placeOn puts n tasks of group on one instance with PlaceOn.
func placeOn(t testing.TB, e Engine, id InstanceID, group string, res Resources, n int) []TaskID {
	t.Helper()
	req := &Request{Group: group, Resources: res, Policy: mustPolicy(t, PolicySpec{})}
	var ts []TaskID
	for range n {
		tid, f, err := e.PlaceOn(id, req)
		if err != nil || f.Failed() {
			t.Fatalf("PlaceOn(%d, %s): %v %v", id, group, err, f)
		}
		ts = append(ts, tid)
	}
	return ts
}

func instancesOf(ps []Placement) []InstanceID {
	out := make([]InstanceID, len(ps))
	for i, p := range ps {
		out[i] = p.Instance
	}
	return out
}

// chain parses "type:field" items such as "binpack:memory" or
// "spread:attribute:ecs.availability-zone" into strategy specs.
func chain(items ...string) []StrategySpec {
	out := make([]StrategySpec, 0, len(items))
	for _, x := range items {
		typ, field, _ := strings.Cut(x, ":")
		out = append(out, StrategySpec{Type: typ, Field: field})
	}
	return out
}
