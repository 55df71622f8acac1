package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ecsim/ecsim/reports/table"
)

// asciiLine is one line of an ASCII chart: a label and values at evenly
// spaced times.
type asciiLine struct {
	label  string
	values []float64
}

// asciiMarks are the lines' markers, in order.
const asciiMarks = "*+ox#@%&"

// writeASCIIChart draws lines as a text chart of width columns and height
// rows, in the manner of CockroachDB's asim: the y axis labelled at top,
// middle and bottom with decimals places, x labelled at both ends, a key
// of markers underneath. Every line spans the full width; where lines
// meet, the later one shows; a value is drawn on the nearest row. Only ASCII is used, so it survives any
// terminal, log and golden file.
func writeASCIIChart(w io.Writer, title string, lines []asciiLine, xFrom, xTo string, width, height, decimals int) error {
	top := 0.0
	for _, l := range lines {
		for _, v := range l.values {
			top = math.Max(top, v)
		}
	}
	if top == 0 {
		top = 1
	}
	grid := make([][]byte, height)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(" ", width))
	}
	for i, l := range lines {
		for c := range width {
			v := sampleAt(l.values, c, width)
			r := height - 1 - int(math.Round(v/top*float64(height-1)))
			grid[min(max(r, 0), height-1)][c] = asciiMarks[i%len(asciiMarks)]
		}
	}
	mid := (height - 1) / 2
	midValue := top * float64(height-1-mid) / float64(height-1) // the value row mid stands for
	labels := []string{table.Fixed(top, decimals), table.Fixed(midValue, decimals), table.Fixed(0, decimals)}
	lw := max(len(labels[0]), len(labels[2]))
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, title)
	for r, row := range grid {
		label, axis := "", "|"
		switch r {
		case 0:
			label, axis = labels[0], "+"
		case mid:
			label, axis = labels[1], "+"
		case height - 1:
			label, axis = labels[2], "+"
		}
		fmt.Fprintf(bw, "%*s %s%s\n", lw, label, axis, strings.TrimRight(string(row), " "))
	}
	pad := max(1, width-len(xFrom)-len(xTo)+1)
	fmt.Fprintf(bw, "%*s %s%s%s\n", lw, "", xFrom, strings.Repeat(" ", pad), xTo)
	key := make([]string, len(lines))
	for i, l := range lines {
		key[i] = fmt.Sprintf("%c %s", asciiMarks[i%len(asciiMarks)], l.label)
	}
	fmt.Fprintf(bw, "%*s %s\n", lw, "", strings.Join(key, "   "))
	return bw.Flush()
}

// sampleAt returns the value of vs at column c of width columns, by
// nearest index (vs spans the whole width).
func sampleAt(vs []float64, c, width int) float64 {
	if len(vs) == 0 {
		return 0
	}
	if width <= 1 {
		return vs[len(vs)-1]
	}
	return vs[int(math.Round(float64(c)*float64(len(vs)-1)/float64(width-1)))]
}
