package reports

import (
	"io"
	"testing"
	"time"
)

func benchmarkRender(b *testing.B, d time.Duration) {
	rs := runScenario(b, d)
	r := Report{Results: rs, Scenario: []byte(scenarioText)}
	var size int
	for b.Loop() {
		files, err := r.Render()
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range files {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB/report")
	b.ReportAllocs()
}

// BenchmarkRenderReportDay renders the whole report folder (3 variants,
// one simulated day at 1-minute buckets) in memory.
func BenchmarkRenderReportDay(b *testing.B) { benchmarkRender(b, 24*time.Hour) }

// BenchmarkRenderReportWeek is the same for a simulated week (10,080
// buckets per series, the most before downsampling).
func BenchmarkRenderReportWeek(b *testing.B) { benchmarkRender(b, 7*24*time.Hour) }

func BenchmarkSummarize(b *testing.B) {
	rs := dayResults(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Summarize(rs...)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Write(io.Discard, Text); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkFigure(b *testing.B, name string, svg bool) {
	figs, err := Figures(dayResults(b))
	if err != nil {
		b.Fatal(err)
	}
	var f *Figure
	for _, g := range figs {
		if g.Name == name {
			f = g
		}
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		var data []byte
		if svg {
			data, err = f.SVG()
		} else {
			data, err = f.PNG()
		}
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n)/1e3, "kB")
}

func BenchmarkCostCumulativePNG(b *testing.B) { benchmarkFigure(b, "cost_cumulative", false) }
func BenchmarkCostCumulativeSVG(b *testing.B) { benchmarkFigure(b, "cost_cumulative", true) }
func BenchmarkDemandPNG(b *testing.B)         { benchmarkFigure(b, "ec2_demand", false) }
func BenchmarkDemandSVG(b *testing.B)         { benchmarkFigure(b, "ec2_demand", true) }

func BenchmarkTimeseriesCSVWeek(b *testing.B) {
	rs := runScenario(b, 7*24*time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteTimeseriesCSV(io.Discard, rs, Wide); err != nil {
			b.Fatal(err)
		}
	}
}
