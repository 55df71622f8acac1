package reports

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// checkGolden compares got with testdata/golden/name, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, firstDiff(got, want))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

func TestSummaryGolden(t *testing.T) {
	s, err := Summarize(dayResults(t)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    Format
	}{{"summary.txt", Text}, {"summary.md", Markdown}, {"summary.json", JSON}, {"summary.csv", CSV}} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := s.Write(&b, tc.f); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name, b.Bytes())
		})
	}
	t.Run("services.csv", func(t *testing.T) {
		var b bytes.Buffer
		if err := s.WriteServicesCSV(&b); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "services.csv", b.Bytes())
	})
	t.Run("providers.csv", func(t *testing.T) {
		var b bytes.Buffer
		if err := s.WriteProvidersCSV(&b); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "providers.csv", b.Bytes())
	})
}

func TestCompareGolden(t *testing.T) {
	c, err := CompareResults(dayResults(t)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    Format
	}{{"compare.txt", Text}, {"compare.md", Markdown}, {"compare.json", JSON}, {"compare.csv", CSV}} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.Write(&b, tc.f); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name, b.Bytes())
		})
	}
}

// shortResults runs the scenario for two hours with ten-minute buckets,
// small enough for time-series golden files.
func shortResults(t *testing.T) []*models.Result {
	t.Helper()
	out := make([]*models.Result, 0, len(variants))
	for _, v := range variants {
		cfg := scenarioConfig(t, v, 2*time.Hour)
		cfg.Resolution = 10 * time.Minute
		r, err := models.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestTimeseriesGolden(t *testing.T) {
	rs := shortResults(t)
	for _, tc := range []struct {
		name   string
		layout Layout
	}{{"timeseries_long.csv", Long}, {"timeseries_wide.csv", Wide}} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteTimeseriesCSV(&b, rs, tc.layout); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name, b.Bytes())
		})
	}
}
