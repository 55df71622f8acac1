package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// fuzzImporter seeds a fuzz target with the fixtures of one directory and
// checks the importer never panics and either imports or refuses with an
// *Error naming its file.
func fuzzImporter(f *testing.F, dir string, imp func(string, []byte) (*File, error)) {
	files, _ := filepath.Glob(filepath.Join("testdata", "real-world", dir, "*.json"))
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := imp("fuzz.json", data)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.File != "fuzz.json" || len(e.Issues) == 0 {
				t.Fatalf("error %T %v, want *Error naming fuzz.json", err, err)
			}
			return
		}
		if out.Name != "fuzz.json" || out.Kind == "" {
			t.Fatalf("imported file %+v", out)
		}
	})
}

func FuzzTaskDefinitionJSON(f *testing.F) { fuzzImporter(f, "task-definition", TaskDefinitionJSON) }
func FuzzServicesJSON(f *testing.F)       { fuzzImporter(f, "service", ServicesJSON) }
func FuzzCapacityProvidersJSON(f *testing.F) {
	fuzzImporter(f, "capacity-provider", CapacityProvidersJSON)
}
func FuzzScalingPoliciesJSON(f *testing.F) {
	fuzzImporter(f, "autoscaling-policy", ScalingPoliciesJSON)
}
func FuzzImport(f *testing.F) { fuzzImporter(f, "*", Import) }
