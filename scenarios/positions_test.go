package scenarios

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScanPositions(t *testing.T) {
	doc := `# comment [not.a.table]
name = "x" # trailing
multi = """
line [fake]
"""
[providers.ec2]
instance_types = [
  "m6i.large",  # a comment
  'c6i.large',
]
[[variants]]
name = "a"
overrides.services.web.desired_count = 3
[[variants]]
name = "b"
[variants.overrides.services.web]
launch_type = "FARGATE"
[services."we b".scaling]
target_tracking = [{ target_value = 60 }, {
  target_value = 70, metric = "x" }]
[[services.api.scaling.step]]
adjustment_type = "ExactCapacity"
[[services.api.scaling.step]]
alarm = { threshold = 1, period = "1m" }
`
	pos := scanPositions([]byte(doc))
	want := map[string]int{
		"name": 2, "multi": 3, "providers.ec2": 6, "providers.ec2.instance_types": 7,
		"providers.ec2.instance_types[0]": 8, "providers.ec2.instance_types[1]": 9,
		"variants": 11, "variants[0]": 11, "variants[0].name": 12,
		"variants[0].overrides.services.web.desired_count": 13, "variants[1]": 14, "variants[1].name": 15,
		"variants[1].overrides.services.web": 16, "variants[1].overrides.services.web.launch_type": 17,
		"services.we b.scaling": 18, "services.we b.scaling.target_tracking[0].target_value": 19,
		"services.we b.scaling.target_tracking[1]": 19, "services.we b.scaling.target_tracking[1].target_value": 20,
		"services.we b.scaling.target_tracking[1].metric": 20,
		"services.api.scaling.step[0]":                    21, "services.api.scaling.step[0].adjustment_type": 22,
		"services.api.scaling.step[1]": 23, "services.api.scaling.step[1].alarm.period": 24,
	}
	for k, l := range want {
		if pos[k] != l {
			t.Errorf("%s: line %d, want %d", k, pos[k], l)
		}
	}
	esc := scanPositions([]byte("x = 1\n\"a\\u0041\\tb\" = 2\n'lit\\n' = 3\n"))
	if esc["aA\tb"] != 2 || esc[`lit\n`] != 3 {
		t.Errorf("escaped keys: %v", esc)
	}
	if _, ok := pos["not.a.table"]; ok {
		t.Error("a comment was read as a table")
	}
}

// TestPositionsNameTheirKey checks, on every example and bad scenario,
// that the line found for each key contains that key.
func TestPositionsNameTheirKey(t *testing.T) {
	var docs [][]byte
	ex, _ := fs.Glob(Examples(), "*.toml")
	for _, f := range ex {
		b, _ := fs.ReadFile(Examples(), f)
		docs = append(docs, b)
	}
	bad, _ := filepath.Glob("testdata/bad/*.toml")
	for _, f := range bad[1:] { // the first is syntax-error.toml: no positions
		b, _ := os.ReadFile(f)
		docs = append(docs, b)
	}
	for i, d := range docs {
		lines := strings.Split(string(d), "\n")
		for path, l := range scanPositions(d) {
			p, ok := parseDotted(path)
			if !ok || p[len(p)-1].isIndex {
				continue
			}
			if k := p[len(p)-1].key; !strings.Contains(lines[l-1], k) {
				t.Errorf("doc %d: %s placed on line %d %q", i, path, l, lines[l-1])
			}
		}
	}
}
