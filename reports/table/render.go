package table

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteText renders the table as aligned text: the title, the column
// titles (wrapped at spaces to the column's width, bottom-aligned), a line
// of units (when any column has one), a rule, the rows and the notes.
// Columns are two spaces apart.
func (t *Table) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	widths := t.widths()
	if t.Title != "" {
		fmt.Fprintln(bw, t.Title)
	}
	line := make([]string, len(t.Columns))
	heads := t.headLines(widths)
	for _, h := range heads {
		writeLine(bw, t.Columns, widths, h)
	}
	if t.hasUnits() {
		for i, c := range t.Columns {
			line[i] = c.Unit
		}
		writeLine(bw, t.Columns, widths, line)
	}
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	bw.WriteString(strings.TrimRight(strings.Join(rule, "  "), " ") + "\n")
	for _, row := range t.Rows {
		for i, c := range row {
			line[i] = c.Text
		}
		writeLine(bw, t.Columns, widths, line)
	}
	for _, n := range t.Notes {
		fmt.Fprintln(bw, n)
	}
	return bw.Flush()
}

// maxTitleLines bounds how many lines a column title wraps onto; the
// column widens rather than grow a taller heading.
const maxTitleLines = 2

// widths returns each column's width: its widest cell, unit or title
// word, widened until the title wraps onto at most maxTitleLines lines.
func (t *Table) widths() []int {
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c.Unit)
		for _, word := range strings.Fields(c.Title) {
			widths[i] = max(widths[i], utf8.RuneCountInString(word))
		}
	}
	for _, row := range t.Rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c.Text))
		}
	}
	for i, c := range t.Columns {
		for len(wrap(c.Title, widths[i])) > maxTitleLines {
			widths[i]++
		}
	}
	return widths
}

// headLines wraps every title to its column width and returns the heading
// lines, titles bottom-aligned so that each sits right above its unit.
func (t *Table) headLines(widths []int) [][]string {
	wrapped := make([][]string, len(t.Columns))
	n := 1
	for i, c := range t.Columns {
		wrapped[i] = wrap(c.Title, widths[i])
		n = max(n, len(wrapped[i]))
	}
	lines := make([][]string, n)
	for l := range lines {
		lines[l] = make([]string, len(t.Columns))
		for i, ws := range wrapped {
			if k := l - (n - len(ws)); k >= 0 {
				lines[l][i] = ws[k]
			}
		}
	}
	return lines
}

// wrap splits s at spaces into lines of at most width runes (a longer word
// keeps a line of its own).
func wrap(s string, width int) []string {
	var lines []string
	for _, word := range strings.Fields(s) {
		last := len(lines) - 1
		if last >= 0 && utf8.RuneCountInString(lines[last])+1+utf8.RuneCountInString(word) <= width {
			lines[last] += " " + word
			continue
		}
		lines = append(lines, word)
	}
	return lines
}

// writeLine writes one line of cells padded to widths, without trailing
// spaces.
func writeLine(w *bufio.Writer, cols []Column, widths []int, cells []string) {
	var b strings.Builder
	for i, c := range cols {
		s := cells[i]
		pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
		if i > 0 {
			b.WriteString("  ")
		}
		if c.Align == Right {
			b.WriteString(pad + s)
		} else {
			b.WriteString(s + pad)
		}
	}
	w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
}

// WriteMarkdown renders the table as a GitHub-flavoured Markdown pipe
// table: "## Title", the table with "title (unit)" headings, and the notes
// as paragraphs. Cell text is escaped so names cannot break the table.
func (t *Table) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if t.Title != "" {
		fmt.Fprintf(bw, "## %s\n\n", EscapeMarkdown(t.Title))
	}
	cells := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cells[i] = EscapeMarkdown(c.Heading())
	}
	bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	for i, c := range t.Columns {
		cells[i] = "---"
		if c.Align == Right {
			cells[i] = "--:"
		}
	}
	bw.WriteString("|" + strings.Join(cells, "|") + "|\n")
	for _, row := range t.Rows {
		for i, c := range row {
			cells[i] = EscapeMarkdown(c.Text)
		}
		bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	for _, n := range t.Notes {
		fmt.Fprintf(bw, "\n%s\n", EscapeMarkdown(n))
	}
	return bw.Flush()
}

// markdownSpecial are the characters that could start emphasis, code,
// links or HTML, or end a table cell.
const markdownSpecial = "\\`*_[]<>|#"

// EscapeMarkdown backslash-escapes the characters that Markdown would
// interpret inside a table cell or heading.
func EscapeMarkdown(s string) string {
	if !strings.ContainsAny(s, markdownSpecial) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// WriteCSV renders the table as RFC 4180 CSV: a header of column keys and
// one record per row with the cells' machine values (missing values are
// empty fields). Title and notes are left out.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = c.Key
	}
	if err := cw.Write(rec); err != nil {
		return fmt.Errorf("table: csv header: %w", err)
	}
	for _, row := range t.Rows {
		for i, c := range row {
			rec[i] = c.data()
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("table: csv row: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("table: csv: %w", err)
	}
	return nil
}
