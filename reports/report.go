package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/reports/breakeven"
	"github.com/ecsim/ecsim/reports/table"
)

// Report is everything a report folder holds, rendered from finished runs.
type Report struct {
	// Results are the runs (variants of one scenario), in display order.
	Results []*models.Result
	// Scenario is the scenario's text (TOML or JSON), shown verbatim and
	// escaped in index.html; empty leaves the section out.
	Scenario []byte
	// BreakEven holds optional break-even analyses shown in the report
	// (e.g. for the scenario's task sizes), with breakeven[_N].csv/.png/.svg.
	BreakEven []*breakeven.Analysis
	// Timeseries is the layout of timeseries.csv (Wide by default).
	Timeseries Layout
}

// WriteReport writes the report folder of results into dir (see
// Report.Write): summary.json, summary.md, summary.csv, services.csv,
// providers.csv, timeseries.csv (wide layout), every figure as PNG and
// SVG, and index.html.
func WriteReport(dir string, results []*models.Result, scenarioText []byte) error {
	r := Report{Results: results, Scenario: scenarioText}
	return r.Write(context.Background(), dir)
}

// Write creates dir if missing (first, so that a bad path fails before a
// second of rendering), renders every file in memory, then writes them
// with WriteFiles: each atomically, and none at all when rendering or
// writing fails or ctx is cancelled.
func (r *Report) Write(ctx context.Context, dir string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("reports: writing %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("reports: create report folder: %w", err)
	}
	files, err := r.Render()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil { // cancelled while rendering: write nothing
		return fmt.Errorf("reports: writing %s: %w", dir, err)
	}
	return WriteFiles(ctx, dir, files)
}

// Render returns the report's files, in a fixed order: summaries, CSVs,
// figures (PNG then SVG each), break-even files, index.html.
func (r *Report) Render() ([]File, error) {
	s, err := Summarize(r.Results...)
	if err != nil {
		return nil, err
	}
	figs, err := Figures(r.Results)
	if err != nil {
		return nil, err
	}
	files, err := r.textFiles(s, figs)
	if err != nil {
		return nil, err
	}
	page := r.page(s)
	rendered, err := renderFigures(figs)
	if err != nil {
		return nil, err
	}
	for _, rf := range rendered {
		files = append(files, rf.files...)
		page.Figures = append(page.Figures, rf.html)
	}
	if err := r.addBreakEven(&files, page); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := renderHTML(&b, page); err != nil {
		return nil, fmt.Errorf("reports: index.html: %w", err)
	}
	return append(files, File{Name: "index.html", Data: b.Bytes()}), nil
}

// textFiles renders the summaries and CSVs.
func (r *Report) textFiles(s *Summary, figs []*Figure) ([]File, error) {
	var files []File
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"summary.json", func(b *bytes.Buffer) error { return s.Write(b, JSON) }},
		{"summary.md", func(b *bytes.Buffer) error { return writeSummaryMarkdown(b, s, figs) }},
		{"summary.csv", func(b *bytes.Buffer) error { return s.Write(b, CSV) }},
		{"services.csv", func(b *bytes.Buffer) error { return s.WriteServicesCSV(b) }},
		{"providers.csv", func(b *bytes.Buffer) error { return s.WriteProvidersCSV(b) }},
		{"timeseries.csv", func(b *bytes.Buffer) error { return WriteTimeseriesCSV(b, r.Results, r.Timeseries) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			return nil, fmt.Errorf("reports: %s: %w", f.name, err)
		}
		files = append(files, File{Name: f.name, Data: b.Bytes()})
	}
	return files, nil
}

// writeSummaryMarkdown writes the summary as Markdown followed by the
// figures as images (SVG), so that summary.md reads well next to them.
func writeSummaryMarkdown(b *bytes.Buffer, s *Summary, figs []*Figure) error {
	if err := s.Write(b, Markdown); err != nil {
		return err
	}
	b.WriteString("\n## Plots\n")
	for _, f := range figs {
		fmt.Fprintf(b, "\n![%s](%s.svg)\n\n%s\n", f.Name, f.Name, table.EscapeMarkdown(f.Caption))
	}
	return nil
}

// page fills the HTML page's text parts.
func (r *Report) page(s *Summary) *htmlPage {
	p := &htmlPage{Scenario: s.Scenario, Context: s.Context(), Verdict: s.Verdict(), ScenarioText: string(r.Scenario)}
	for _, t := range s.tables() {
		p.Tables = append(p.Tables, toHTMLTable(t))
	}
	if len(s.Variants) > 1 {
		c := toHTMLTable(CompareSummary(s).Table())
		p.Compare = &c
	}
	return p
}

// renderedFigure is one figure's files and its HTML form.
type renderedFigure struct {
	files []File
	html  htmlFigure
	err   error
}

// renderFigures renders the figures concurrently, one goroutine per CPU
// (rasterising PNGs is most of a report's time; gonum/plot supports
// concurrent canvases), and returns them in the order given, so the
// output does not depend on scheduling.
func renderFigures(figs []*Figure) ([]renderedFigure, error) {
	out := make([]renderedFigure, len(figs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(figs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rf := &out[i]
				rf.files, rf.html, rf.err = figureFiles(figs[i])
			}
		}()
	}
	for i := range figs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, rf := range out {
		if rf.err != nil {
			return nil, rf.err
		}
	}
	return out, nil
}

// figureFiles renders a figure as PNG, SVG and its inline form.
func figureFiles(f *Figure) ([]File, htmlFigure, error) {
	png, err := f.PNG()
	if err != nil {
		return nil, htmlFigure{}, err
	}
	svg, err := f.SVG()
	if err != nil {
		return nil, htmlFigure{}, err
	}
	inline, err := inlineSVG(f, svg)
	if err != nil {
		return nil, htmlFigure{}, err
	}
	files := []File{{Name: f.Name + ".png", Data: png}, {Name: f.Name + ".svg", Data: svg}}
	return files, htmlFigure{Name: f.Name, Caption: f.Caption, SVG: inline}, nil
}

// addBreakEven adds breakeven[_N].csv and its figure per analysis.
func (r *Report) addBreakEven(files *[]File, page *htmlPage) error {
	for i, a := range r.BreakEven {
		suffix := ""
		if i > 0 {
			suffix = fmt.Sprintf("_%d", i+1)
		}
		t := BreakEvenTable(a)
		var b bytes.Buffer
		if err := t.WriteCSV(&b); err != nil {
			return fmt.Errorf("reports: breakeven%s.csv: %w", suffix, err)
		}
		*files = append(*files, File{Name: "breakeven" + suffix + ".csv", Data: b.Bytes()})
		f, err := BreakEvenFigure(a, suffix)
		if err != nil {
			return err
		}
		more, hf, err := figureFiles(f)
		if err != nil {
			return err
		}
		*files = append(*files, more...)
		page.BreakEven = append(page.BreakEven, htmlBreakEven{Table: toHTMLTable(t), Figure: hf})
	}
	return nil
}

// renderHTML executes the page template into b.
func renderHTML(b *bytes.Buffer, p *htmlPage) error {
	t, err := htmlTemplate()
	if err != nil {
		return err
	}
	return t.Execute(b, p)
}
