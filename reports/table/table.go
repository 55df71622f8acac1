package table

import (
	"fmt"
	"strings"
)

// Align is how a column's cells line up in text and Markdown.
type Align uint8

// The alignments: text left, numbers right.
const (
	Left Align = iota
	Right
)

// Column describes one column.
type Column struct {
	// Key names the column for machines (the CSV header): lower_snake_case
	// with the unit in it, e.g. "cost_usd_per_hour".
	Key string
	// Title is the heading for people, e.g. "cost".
	Title string
	// Unit is shown under (text) or after (Markdown) the title, e.g.
	// "USD/h"; empty for names and counts.
	Unit string
	// Align lines the cells up; numbers are Right.
	Align Align
}

// Heading returns the title with its unit, e.g. "cost (USD/h)".
func (c Column) Heading() string {
	switch {
	case c.Unit == "":
		return c.Title
	case c.Title == "":
		return "(" + c.Unit + ")"
	}
	return c.Title + " (" + c.Unit + ")"
}

// Table is a titled grid of cells with footnotes.
type Table struct {
	// Title heads the table in text and Markdown (not in CSV).
	Title   string
	Columns []Column
	Rows    [][]Cell
	// Notes are footnotes printed after the table in text and Markdown.
	Notes []string
}

// New returns an empty table with the given columns.
func New(title string, cols ...Column) *Table {
	return &Table{Title: title, Columns: cols}
}

// Add appends a row. It panics unless there is one cell per column.
func (t *Table) Add(cells ...Cell) {
	if len(cells) != len(t.Columns) {
		panic(fmt.Sprintf("table: row of %d cells in a table of %d columns", len(cells), len(t.Columns)))
	}
	t.Rows = append(t.Rows, cells)
}

// Note appends a footnote.
func (t *Table) Note(format string, args ...any) {
	t.Notes = append(t.Notes, fmt.Sprintf(format, args...))
}

// hasUnits reports whether any column has a unit (text prints a unit line
// only then).
func (t *Table) hasUnits() bool {
	for _, c := range t.Columns {
		if c.Unit != "" {
			return true
		}
	}
	return false
}

// String renders the table as text, for debugging and examples.
func (t *Table) String() string {
	var b strings.Builder
	_ = t.WriteText(&b) // a strings.Builder never fails
	return b.String()
}
