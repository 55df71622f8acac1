// Package table holds the small tables ecsim prints: named columns with
// units, rows of cells that carry a rounded text for people and a full
// precision value for machines, rendered as aligned text, Markdown or CSV.
//
// # Invariants
//
// Every row has exactly one cell per column (Add panics otherwise: a
// programmer error). Text output has no trailing spaces and ends every line
// with "\n"; widths count runes, so units such as "Δ %" align.
//
// # Determinism
//
// Rendering depends only on the table's contents: the same table gives the
// same bytes. Numbers are formatted with strconv (no locale), rounded text
// never shows a negative zero.
//
// # Allocation policy
//
// Tables are built once per report and rendered into a buffer; nothing here
// is on a hot path, so clarity wins over allocation counts.
package table
