package placement

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPolicyFromECSFixtures parses the placementStrategy fragments of the ECS
// developer guide.
func TestPolicyFromECSFixtures(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"ecsdg-placementStrategy-binpack-memory.json", "binpack(memory)"},
		{"ecsdg-placementStrategy-random.json", "random"},
		{"ecsdg-placementStrategy-spread-az.json", "spread(attribute:ecs.availability-zone)"},
		{"ecsdg-placementStrategy-spread-instance.json", "spread(instanceId)"},
		{"ecsdg-placementStrategy-spread-az-then-instance.json", "spread(attribute:ecs.availability-zone), spread(instanceId)"},
		{"ecsdg-placementStrategy-spread-az-then-binpack-memory.json", "spread(attribute:ecs.availability-zone), binpack(memory)"},
	}
	dir := filepath.Join("..", "..", "shared", "fixtures", "real-world", "placement")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixtures not available: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				PlacementStrategy []StrategySpec `json:"placementStrategy"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			p, err := NewPolicy(PolicySpec{Strategies: doc.PlacementStrategy})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.String(); !strings.HasPrefix(got, "strategies["+tt.want+"]") {
				t.Errorf("policy %s, want strategies [%s]", got, tt.want)
			}
		})
	}
}

func TestPolicyErrors(t *testing.T) {
	memberOf := func(n int) []ConstraintSpec {
		out := make([]ConstraintSpec, n)
		for i := range out {
			out[i] = ConstraintSpec{Type: "memberOf", Expression: "attribute:a exists"}
		}
		return out
	}
	tests := []struct {
		name string
		spec PolicySpec
		want string
	}{
		{"unknown strategy", PolicySpec{Strategies: chain("binpack:memory", "bnpack:cpu")},
			`placementStrategy[1]: unknown strategy type "bnpack" (want binpack, random, spread)`},
		{"bad binpack field", PolicySpec{Strategies: chain("binpack:disk")},
			`placementStrategy[0]: binpack field "disk": want cpu or memory`},
		{"bad spread field", PolicySpec{Strategies: chain("spread:zone")},
			`spread field "zone": want instanceId, host or attribute:<name>`},
		{"spread without field", PolicySpec{Strategies: chain("spread")}, "spread needs a field"},
		{"random with field", PolicySpec{Strategies: chain("random:cpu")}, `random takes no field, got "cpu"`},
		{"too many strategies", PolicySpec{Strategies: chain("random", "random", "random", "random", "random", "random")},
			"placementStrategy: 6 strategies, at most 5 allowed"},
		{"too many constraints", PolicySpec{Constraints: memberOf(11)}, "placementConstraints: 11 constraints, at most 10 allowed"},
		{"unknown constraint", PolicySpec{Constraints: []ConstraintSpec{{Type: "memberof", Expression: "x"}}},
			`placementConstraints[0]: unknown constraint type "memberof" (want distinctInstance, memberOf)`},
		{"bad expression", PolicySpec{Constraints: []ConstraintSpec{{Type: "memberOf", Expression: "attribute:a == "}}},
			`placementConstraints[0]: memberOf expression "attribute:a == ": query: offset 15: expected a value`},
		{"empty memberOf", PolicySpec{Constraints: []ConstraintSpec{{Type: "memberOf"}}}, "memberOf needs an expression"},
		{"distinctInstance with expression", PolicySpec{Constraints: []ConstraintSpec{{Type: "distinctInstance", Expression: "x"}}},
			"distinctInstance takes no expression"},
		{"requirement without values", PolicySpec{Requirements: []Requirement{{Attribute: AttrOSType}}}, "has no acceptable values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPolicy(tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := NewPolicy(PolicySpec{Constraints: memberOf(10), Strategies: chain("spread:host", "binpack:cpu", "binpack:memory", "spread:attribute:x", "random")}); err != nil {
		t.Errorf("5 strategies and 10 constraints are allowed: %v", err)
	}
}

func TestRequestErrors(t *testing.T) {
	pol := mustPolicy(t, PolicySpec{})
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"no group", Request{Resources: Resources{Memory: 1}, Policy: pol}, "Request.Group: task group is empty"},
		{"no policy", Request{Group: "g", Resources: Resources{Memory: 1}}, "Request.Policy is nil"},
		{"no memory", Request{Group: "g", Policy: pol}, "Request.Resources.Memory: 0 MiB"},
		{"negative cpu", Request{Group: "g", Resources: Resources{CPU: -1, Memory: 1}, Policy: pol}, "negative value"},
		{"eni set", Request{Group: "g", Resources: Resources{Memory: 1, ENI: 1}, Policy: pol}, "Request.Resources.ENI"},
		{"awsvpc ports", Request{Group: "g", Resources: Resources{Memory: 1}, Network: NetworkAWSVPC, Ports: []Port{{80, TCP}}, Policy: pol}, "awsvpc tasks"},
		{"port zero", Request{Group: "g", Resources: Resources{Memory: 1}, Ports: []Port{{0, TCP}}, Policy: pol}, "Request.Ports[0]: port 0"},
		{"duplicate port", Request{Group: "g", Resources: Resources{Memory: 1}, Ports: []Port{{80, TCP}, {80, TCP}}, Policy: pol}, "Request.Ports[1]: duplicate host port 80/tcp"},
		{"long group", Request{Group: strings.Repeat("x", 256), Resources: Resources{Memory: 1}, Policy: pol}, "256 characters"},
	}
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(1024, 1024, "a"))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := e.Place(nil, &tt.req, 1)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err = %v, want %q", err, tt.want)
				}
			})
		}
		if _, _, err := e.Place(nil, &Request{Group: "g", Resources: Resources{Memory: 1}, Policy: pol}, -1); err == nil {
			t.Error("negative count accepted")
		}
	})
}

func TestInstanceSpecErrors(t *testing.T) {
	tests := []struct {
		name string
		id   InstanceID
		spec InstanceSpec
		want string
	}{
		{"negative id", -1, InstanceSpec{}, "out of range"},
		{"negative capacity", 0, InstanceSpec{Capacity: Resources{Memory: -1}}, "Capacity: negative"},
		{"bad attribute name", 0, InstanceSpec{Attributes: []Attribute{{"a b", "x"}}}, "Attributes[0].Name"},
		{"bad attribute value", 0, InstanceSpec{Attributes: []Attribute{{"a", " x"}}}, "Attributes[0].Value (a)"},
		{"duplicate attribute", 0, InstanceSpec{Attributes: []Attribute{{"a", "x"}, {"a", "y"}}}, `duplicate attribute "a"`},
		{"bad reserved port", 0, InstanceSpec{ReservedPorts: []Port{{0, TCP}}}, "ReservedPorts[0]"},
	}
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := newEngine().AddInstance(tt.id, tt.spec)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err = %v, want %q", err, tt.want)
				}
			})
		}
		e := newEngine()
		mustAdd(t, e, 3, InstanceSpec{})
		if err := e.AddInstance(3, InstanceSpec{}); err == nil {
			t.Error("duplicate AddInstance succeeded")
		}
		if err := e.SetStatus(4, StatusDraining); err == nil {
			t.Error("SetStatus of an unknown instance succeeded")
		}
		if err := e.RemoveTask(7); err == nil {
			t.Error("RemoveTask of an unknown task succeeded")
		}
	})
}

func TestTaskReservation(t *testing.T) {
	tests := []struct {
		name string
		size TaskSize
		want Resources
		err  string
	}{
		{"task level wins", TaskSize{CPU: 1024, Memory: 2048, Containers: []ContainerSize{{CPU: 256, Memory: 512}}}, Resources{CPU: 1024, Memory: 2048}, ""},
		{"soft limit preferred", TaskSize{Containers: []ContainerSize{{CPU: 256, Memory: 1024, MemoryReservation: 512}, {Memory: 300}}}, Resources{CPU: 256, Memory: 812}, ""},
		{"gpus summed", TaskSize{Containers: []ContainerSize{{Memory: 100, GPUs: 1}, {Memory: 100, GPUs: 2}}}, Resources{Memory: 200, GPU: 3}, ""},
		{"cpu zero allowed", TaskSize{Containers: []ContainerSize{{MemoryReservation: 128}}}, Resources{Memory: 128}, ""},
		{"missing memory", TaskSize{Containers: []ContainerSize{{Memory: 100}, {CPU: 10}}}, Resources{}, "containers[1]: memory or memoryReservation is required"},
		{"hard below soft", TaskSize{Containers: []ContainerSize{{Memory: 100, MemoryReservation: 200}}}, Resources{}, "must be greater than memoryReservation"},
		{"too small for docker", TaskSize{Containers: []ContainerSize{{Memory: 4}}}, Resources{}, "at least 6 MiB"},
		{"containers exceed task", TaskSize{Memory: 512, Containers: []ContainerSize{{Memory: 1024}}}, Resources{}, "more than the task-level memory"},
		{"cpu exceeds task", TaskSize{CPU: 256, Memory: 512, Containers: []ContainerSize{{CPU: 512}}}, Resources{}, "more than the task-level cpu"},
		{"no containers", TaskSize{Memory: 512}, Resources{}, "no containers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TaskReservation(tt.size)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("TaskReservation = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
