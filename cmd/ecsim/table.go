package main

import (
	"io"
	"strings"
	"unicode/utf8"
)

// table renders aligned text columns: two spaces between columns, chosen
// columns right-aligned (numbers), no trailing spaces.
type table struct {
	header []string
	right  []bool // per column: right-align
	rows   [][]string
}

func newTable(header []string, right []bool) *table {
	if len(right) != len(header) {
		panic("main: table header and alignment lengths differ")
	}
	return &table{header: header, right: right}
}

func (t *table) add(cells ...string) {
	if len(cells) != len(t.header) {
		panic("main: table row has the wrong number of cells")
	}
	t.rows = append(t.rows, cells)
}

func (t *table) write(w io.Writer) error {
	widths := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for _, row := range append([][]string{t.header}, t.rows...) {
		var line strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i > 0 {
				line.WriteString("  ")
			}
			if t.right[i] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
