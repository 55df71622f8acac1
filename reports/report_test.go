package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/models"
)

// scenarioText stands in for the scenario file; it holds markup that must
// come out escaped.
const scenarioText = `name = "web"  # <script>alert("x")</script> & more
[[variants]]
name = "ec2"
`

// TestWriteReport writes the report folder once and checks its files,
// then opens its index.html in headless chromium.
func TestWriteReport(t *testing.T) {
	rs := reportResults(t)
	dir := filepath.Join(t.TempDir(), "a", "report") // parents are created
	if err := WriteReport(dir, rs, []byte(scenarioText)); err != nil {
		t.Fatal(err)
	}
	t.Run("files", func(t *testing.T) { checkReportFiles(t, dir, len(rs)) })
	t.Run("html", func(t *testing.T) {
		html, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		checkSelfContained(t, html)
		if !bytes.Contains(html, []byte("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more")) {
			t.Error("index.html does not hold the escaped scenario text")
		}
		figs, err := Figures(rs)
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(html, []byte("<svg")); n != len(figs) {
			t.Errorf("index.html has %d inline SVGs, want %d", n, len(figs))
		}
	})
	t.Run("chromium", func(t *testing.T) { checkInChromium(t, filepath.Join(dir, "index.html")) })
}

// checkReportFiles checks the folder's file names, modes and sizes.
func checkReportFiles(t *testing.T, dir string, runs int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
		info, _ := e.Info()
		if info.Mode().Perm() != 0o644 || info.Size() == 0 {
			t.Errorf("%s: mode %v, size %d", e.Name(), info.Mode(), info.Size())
		}
	}
	want := []string{"summary.json", "summary.md", "summary.csv", "services.csv", "providers.csv",
		"timeseries.csv", "index.html", "cost_cumulative.png", "cost_cumulative.svg", "cost_rate.png",
		"cost_bars.svg", "hours_bars.png", "ec2_tasks.png", "ec2_capacity.svg", "ec2_demand.png"}
	if runs == 3 {
		want = append(want, "fargate_tasks.svg", "fargate-spot_demand.png")
	}
	for _, w := range want {
		if !slices.Contains(names, w) {
			t.Errorf("report lacks %s (has %v)", w, names)
		}
	}
	if slices.Contains(names, "fargate_capacity.png") {
		t.Error("a Fargate-only variant has an EC2 capacity figure")
	}
}

// checkSelfContained fails unless html loads nothing: no scripts, no
// external references, a CSP that forbids them.
func checkSelfContained(t *testing.T, html []byte) {
	t.Helper()
	lower := bytes.ToLower(html)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "http://", "https://", "src="} {
		if bytes.Contains(lower, []byte(bad)) {
			i := bytes.Index(lower, []byte(bad))
			t.Errorf("index.html contains %q: …%s…", bad, html[max(0, i-60):min(len(html), i+60)])
		}
	}
	if !bytes.Contains(html, []byte(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)) {
		t.Error("index.html lacks its Content-Security-Policy")
	}
}

// TestRenderIsDeterministic renders the report twice from two runs of the
// same scenario and demands identical bytes for every file, PNGs included.
func TestRenderIsDeterministic(t *testing.T) {
	runs := func() []*models.Result { return dayResults(t) }
	if raceEnabled { // a smaller report: rasterising is slow under -race
		runs = func() []*models.Result { return []*models.Result{synthetic(t, true)} }
	}
	render := func() []File {
		r := Report{Results: runs(), Scenario: []byte(scenarioText)}
		files, err := r.Render()
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b := render(), render()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two renders", a[i].Name)
		}
	}
}

func TestWriteFilesNothingPartial(t *testing.T) {
	good := File{Name: "a.txt", Data: []byte("new")}
	tests := []struct {
		name  string
		ctx   func() context.Context
		files []File
	}{
		{"temp write fails", context.Background, []File{good, {Name: strings.Repeat("x", 300), Data: []byte("y")}}},
		{"cancelled", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, []File{good}},
		{"path in name", context.Background, []File{good, {Name: "../escape.txt"}}},
		{"hidden name", context.Background, []File{good, {Name: ".hidden"}}},
		{"duplicate", context.Background, []File{good, good}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := WriteFiles(tt.ctx(), dir, tt.files); err == nil {
				t.Fatal("no error")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder holds %d entries, want only the old file", len(entries))
			}
			if got, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(got) != "old" {
				t.Errorf("a.txt = %q, want the old content", got)
			}
		})
	}
}

func TestWriteFileAtomicReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.json")
	for _, content := range []string{"one", "two"} {
		if err := WriteFileAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("got %q, want %q", got, content)
		}
	}
}

func TestWriteReportErrors(t *testing.T) {
	dir := t.TempDir()
	err := WriteReport(dir, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "no results") {
		t.Errorf("error %v, want one about no results", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(filepath.Join(file, "sub"), []*models.Result{synthetic(t, false)}, nil); err == nil {
		t.Error("no error for a folder below a file")
	} else if var_ := (*os.PathError)(nil); !errors.As(err, &var_) {
		t.Errorf("error %v does not wrap the *os.PathError", err)
	}
}

func TestReportWriteCancelled(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := Report{Results: []*models.Result{synthetic(t, false)}}
	if err := r.Write(ctx, dir); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled report wrote %d files", len(entries))
	}
}
