package scenarios

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseDotted(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"services.web.desired_count", "services.web.desired_count", true},
		{"services.web.scaling.target_tracking.0.target_value", "services.web.scaling.target_tracking.0.target_value", true},
		{"services.web.scaling.target_tracking[0].target_value", "services.web.scaling.target_tracking[0].target_value", true},
		{"a[1][2]", "a[1][2]", true},
		{"", "", false}, {"a..b", "", false}, {"a[x]", "", false}, {"a[1]b", "", false},
	}
	for _, tc := range tests {
		p, ok := parseDotted(tc.in)
		if ok != tc.ok || ok && p.String() != tc.want {
			t.Errorf("parseDotted(%q) = %q, %v; want %q, %v", tc.in, p, ok, tc.want, tc.ok)
		}
	}
}

func TestMerge(t *testing.T) {
	base := map[string]any{
		"services": map[string]any{"web": map[string]any{
			"desired_count":              int64(2),
			"scaling":                    map[string]any{"target_tracking": []map[string]any{{"target_value": 60.0, "metric": "m"}}},
			"capacity_provider_strategy": []any{map[string]any{"capacity_provider": "ec2"}},
		}},
	}
	tree := copyTable(base)
	over := map[string]any{"services": map[string]any{"web": map[string]any{
		"desired_count":              int64(5),
		"scaling":                    map[string]any{"target_tracking": map[string]any{"0": map[string]any{"target_value": 40.0}}},
		"capacity_provider_strategy": []any{map[string]any{"capacity_provider": "FARGATE"}},
		"launch_type":                "FARGATE",
	}}}
	ov := overlay{}
	lines := func(p keyPath) int { return len(p) }
	if errs := merge(tree, over, nil, keyPath{}.key("o"), lines, ov); len(errs) > 0 {
		t.Fatal(errs)
	}
	web := tree["services"].(map[string]any)["web"].(map[string]any)
	tt := web["scaling"].(map[string]any)["target_tracking"].([]map[string]any)[0]
	switch {
	case web["desired_count"] != int64(5) || web["launch_type"] != "FARGATE":
		t.Errorf("scalars not replaced: %v", web)
	case tt["target_value"] != 40.0 || tt["metric"] != "m":
		t.Errorf("list element not patched: %v", tt)
	case web["capacity_provider_strategy"].([]any)[0].(map[string]any)["capacity_provider"] != "FARGATE":
		t.Errorf("list not replaced: %v", web["capacity_provider_strategy"])
	case base["services"].(map[string]any)["web"].(map[string]any)["desired_count"] != int64(2):
		t.Error("merge changed the base tree")
	}
	if ov["services.web.scaling.target_tracking[0].target_value"] == 0 || ov["services.web.desired_count"] == 0 {
		t.Errorf("overlay misses the overridden paths: %v", ov)
	}
	if _, ok := ov["services.web"]; ok {
		t.Error("overlay records a table that was merged, not replaced")
	}
	bad := map[string]any{"services": map[string]any{"web": map[string]any{"scaling": map[string]any{
		"target_tracking": map[string]any{"4": map[string]any{"target_value": 1.0}, "x": int64(1)}}}}}
	errs := merge(copyTable(base), bad, nil, keyPath{}.key("o"), lines, overlay{})
	if len(errs) != 2 || !strings.Contains(errs[0].msg, "out of range") || !strings.Contains(errs[1].msg, "numbered keys") {
		t.Errorf("errors %v", errs)
	}
}

func TestSetAndUnsetPath(t *testing.T) {
	tree := map[string]any{"a": map[string]any{"b": []any{int64(1), int64(2)}}}
	p, _ := parseDotted("a.b.1")
	if err := setPath(tree, p, int64(9), 3, overlay{}); err != nil {
		t.Fatal(err)
	}
	if got := tree["a"].(map[string]any)["b"]; !reflect.DeepEqual(got, []any{int64(1), int64(9)}) {
		t.Errorf("set: %v", got)
	}
	q, _ := parseDotted("a.c.d")
	if err := setPath(tree, q, "x", 3, overlay{}); err != nil || tree["a"].(map[string]any)["c"].(map[string]any)["d"] != "x" {
		t.Errorf("set creating tables: %v %v", err, tree)
	}
	u, _ := parseDotted("a.c")
	if err := unsetPath(tree, u); err != nil || tree["a"].(map[string]any)["c"] != nil {
		t.Errorf("unset: %v %v", err, tree)
	}
	if err := unsetPath(tree, u); err == nil {
		t.Error("unset of a missing key succeeded")
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"desired_count", "deployment", "deployments", "launch_type"}
	if got := didYouMean("desird_count", keys); got != `; did you mean "desired_count"?` {
		t.Errorf("got %q", got)
	}
	if got := didYouMean("deploymnt", keys); !strings.Contains(got, `"deployment"`) {
		t.Errorf("got %q", got)
	}
	if got := didYouMean("zzzzzzzz", keys); !strings.Contains(got, "expected one of") {
		t.Errorf("got %q", got)
	}
	if d := editDistance("ab", "ba"); d != 1 {
		t.Errorf("transposition distance %d", d)
	}
}
