package reports

import (
	"fmt"
	"strings"
)

// Format is an output format for tables: what `--output` selects.
type Format uint8

// The output formats.
const (
	Text     Format = iota // aligned columns with units, for terminals
	Markdown               // GitHub-flavoured Markdown tables
	JSON                   // one indented JSON document with stable field names
	CSV                    // RFC 4180, header of snake_case keys with units, full precision
)

// Formats lists every format in flag order.
func Formats() []Format { return []Format{Text, Markdown, JSON, CSV} }

// String returns the flag spelling, e.g. "markdown".
func (f Format) String() string {
	switch f {
	case Text:
		return "text"
	case Markdown:
		return "markdown"
	case JSON:
		return "json"
	case CSV:
		return "csv"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// ParseFormat accepts the flag spellings text, markdown (or md), json and
// csv, in any case.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "json":
		return JSON, nil
	case "csv":
		return CSV, nil
	}
	return 0, fmt.Errorf("reports: unknown output format %q (want text, markdown, json or csv)", s)
}
