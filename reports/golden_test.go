package reports

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/reports/breakeven"
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

// svgElement matches an inline SVG figure in index.html.
var svgElement = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// TestHTMLGolden pins index.html's text — tables, captions, the scenario,
// markup — with the inline SVG figures replaced by a placeholder: their
// coordinates are floating-point output of gonum/plot, checked by
// rendering instead (TestWriteReport).
func TestHTMLGolden(t *testing.T) {
	r := Report{Results: dayResults(t), Scenario: []byte(scenarioText), BreakEven: []*breakeven.Analysis{goldenBreakEven(t)}}
	s, err := Summarize(r.Results...)
	if err != nil {
		t.Fatal(err)
	}
	page := r.page(s)
	figs, err := Figures(r.Results)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		page.Figures = append(page.Figures, htmlFigure{Name: f.Name, Caption: f.Caption, SVG: "<svg>…</svg>"})
	}
	a := r.BreakEven[0]
	page.BreakEven = append(page.BreakEven, htmlBreakEven{Table: toHTMLTable(BreakEvenTable(a)),
		Figure: htmlFigure{Name: "breakeven", Caption: "break-even", SVG: "<svg>…</svg>"}})
	var b bytes.Buffer
	if err := renderHTML(&b, page); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "index.html", b.Bytes())
}

// goldenBreakEven is the break-even of the scenario's task (0.5 vCPU,
// 1 GiB, awsvpc with trunking) on m6i and m7g in us-east-1 with 30 GiB
// root volumes.
func goldenBreakEven(t *testing.T) *breakeven.Analysis {
	t.Helper()
	a, err := breakeven.Analyze(catalog.Default(), breakeven.Config{Region: "us-east-1", CPU: 512, Memory: 1024,
		AWSVPC: true, ENITrunking: true, RootVolumeGiB: 30, Families: []string{"m6i", "m7g"}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestBreakEvenGolden(t *testing.T) {
	a := goldenBreakEven(t)
	for _, tc := range []struct {
		name string
		f    Format
	}{{"breakeven.txt", Text}, {"breakeven.md", Markdown}, {"breakeven.json", JSON}, {"breakeven.csv", CSV}} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteBreakEven(&b, a, tc.f); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name, b.Bytes())
		})
	}
}

// TestHTMLGoldenMatchesRenderedPage makes sure the golden page is the
// real one: Render's index.html with its SVGs replaced equals it.
func TestHTMLGoldenMatchesRenderedPage(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "index.html"))
	if err != nil {
		t.Skip("no golden index.html yet")
	}
	r := Report{Results: dayResults(t), Scenario: []byte(scenarioText), BreakEven: []*breakeven.Analysis{goldenBreakEven(t)}}
	files, err := r.Render()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"breakeven.csv", "breakeven.png", "breakeven.svg"} {
		if !slices.ContainsFunc(files, func(f File) bool { return f.Name == name }) {
			t.Errorf("a report with a break-even analysis lacks %s", name)
		}
	}
	got := files[len(files)-1]
	if got.Name != "index.html" {
		t.Fatalf("last file %s", got.Name)
	}
	stripped := svgElement.ReplaceAll(got.Data, []byte("<svg>…</svg>"))
	// The golden's break-even caption is a stand-in; compare up to it.
	cut := bytes.Index(want, []byte(`<figcaption>break-even</figcaption>`))
	if cut < 0 || !bytes.Equal(stripped[:cut], want[:cut]) {
		t.Errorf("the rendered index.html differs from the golden file before the break-even figure:\n%s", firstDiff(stripped, want))
	}
}
