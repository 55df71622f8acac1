package reports

import (
	"bytes"
	"strings"
	"testing"
)

func TestASCIIChart(t *testing.T) {
	var b bytes.Buffer
	lines := []asciiLine{
		{label: "up", values: []float64{0, 1, 2, 3, 4}},
		{label: "flat", values: []float64{2, 2}},
	}
	if err := writeASCIIChart(&b, "Test (USD)", lines, "start", "end", 9, 5, 1); err != nil {
		t.Fatal(err)
	}
	// Column c shows value index round(c × 4/8): 0 1 1 2 2 3 3 4 4; the
	// flat line overwrites "up" on its row.
	want := "Test (USD)\n" +
		"4.0 +       **\n" +
		"    |     **\n" +
		"2.0 ++++++++++\n" +
		"    | **\n" +
		"0.0 +*\n" +
		"    start  end\n" +
		"    * up   + flat\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestASCIIChartAllZero(t *testing.T) {
	var b bytes.Buffer
	if err := writeASCIIChart(&b, "z", []asciiLine{{label: "a", values: []float64{0, 0}}}, "x", "y", 4, 3, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0 +****") {
		t.Errorf("all-zero line not on the bottom row:\n%s", b.String())
	}
}
