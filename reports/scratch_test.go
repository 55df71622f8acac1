package reports

import (
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/reports/breakeven"
	"os"
	"testing"
	"time"
)

func TestScratchPlots(t *testing.T) {
	rs := dayResults(t)
	t0 := time.Now()
	figs, err := Figures(rs)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("build", time.Since(t0))
	os.MkdirAll("/tmp/plots", 0o755)
	for _, f := range figs {
		t0 := time.Now()
		png, err := f.PNG()
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		svg, err := f.SVG()
		if err != nil {
			t.Fatal(err)
		}
		t.Log(f.Name, len(png), len(svg), t1.Sub(t0), time.Since(t1))
		os.WriteFile("/tmp/plots/"+f.Name+".png", png, 0o644)
		os.WriteFile("/tmp/plots/"+f.Name+".svg", svg, 0o644)
	}
}

func TestScratchBreakEven(t *testing.T) {
	a, err := breakeven.Analyze(catalog.Default(), breakeven.Config{Region: "us-east-1", CPU: 512, Memory: 1024, AWSVPC: true, ENITrunking: true, RootVolumeGiB: 30, Families: []string{"m6i", "m7g"}})
	if err != nil {
		t.Fatal(err)
	}
	WriteBreakEven(os.Stdout, a, Text)
	f, err := BreakEvenFigure(a, "")
	if err != nil {
		t.Fatal(err)
	}
	png, _ := f.PNG()
	os.WriteFile("/tmp/plots/breakeven.png", png, 0o644)
}
