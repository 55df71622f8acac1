package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ecsim/ecsim/reports/table"
)

// Write renders the summary in format f: Text and Markdown give the
// headline table, the cost by kind, the providers and the services; JSON
// the whole Summary; CSV the headline table (see WriteServicesCSV and
// WriteProvidersCSV for the breakdowns).
func (s *Summary) Write(w io.Writer, f Format) error {
	var err error
	switch f {
	case Text:
		err = s.writeText(w)
	case Markdown:
		err = s.writeMarkdown(w)
	case JSON:
		err = writeJSON(w, s)
	case CSV:
		err = s.Table().WriteCSV(w)
	default:
		err = fmt.Errorf("unknown format %v", f)
	}
	if err != nil {
		return fmt.Errorf("reports: summary as %v: %w", f, err)
	}
	return nil
}

// WriteServicesCSV writes the per-service breakdown as CSV.
func (s *Summary) WriteServicesCSV(w io.Writer) error { return s.ServicesTable().WriteCSV(w) }

// WriteProvidersCSV writes the per-provider breakdown as CSV.
func (s *Summary) WriteProvidersCSV(w io.Writer) error { return s.ProvidersTable().WriteCSV(w) }

// tables lists the summary's tables in reading order.
func (s *Summary) tables() []*table.Table {
	return []*table.Table{s.Table(), s.CostByKindTable(), s.ProvidersTable(), s.ServicesTable()}
}

func (s *Summary) writeText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "ecsim %s: %s\n", s.Scenario, s.Context())
	for i, t := range s.tables() {
		bw.WriteString("\n")
		if err := t.WriteText(bw); err != nil {
			return err
		}
		if i == 0 && s.Verdict() != "" {
			fmt.Fprintf(bw, "%s\n", s.Verdict())
		}
		if i == 0 {
			if err := s.writeCostChart(bw); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// Size of the text chart of cumulative cost.
const (
	chartWidth  = 64
	chartHeight = 10
)

// writeCostChart draws the variants' cumulative cost as an ASCII chart,
// preceded by a blank line; nothing when the runs cover different periods
// or recorded no cost series.
func (s *Summary) writeCostChart(w io.Writer) error {
	first := s.Variants[0]
	lines := make([]asciiLine, 0, len(s.Variants))
	for _, v := range s.Variants {
		if len(v.costCurve) == 0 || !v.Start.Equal(first.Start) || v.DurationSeconds != first.DurationSeconds {
			return nil
		}
		lines = append(lines, asciiLine{label: v.Label, values: v.costCurve})
	}
	end := first.Start.Add(time.Duration(first.DurationSeconds * float64(time.Second)))
	const layout = "2006-01-02 15:04"
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return writeASCIIChart(w, "Cumulative cost (USD)", lines, first.Start.Format(layout), end.Format(layout), chartWidth, chartHeight, 2)
}

func (s *Summary) writeMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# ecsim: %s\n\n%s\n", table.EscapeMarkdown(s.Scenario), table.EscapeMarkdown(s.Context()))
	if v := s.Verdict(); v != "" {
		fmt.Fprintf(bw, "\n%s\n", table.EscapeMarkdown(v))
	}
	for _, t := range s.tables() {
		bw.WriteString("\n")
		if err := t.WriteMarkdown(bw); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeJSON writes v as indented JSON with a final newline; HTML
// characters are not escaped, so names read as written.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Context describes the runs in one line: region, start, duration and
// seed when the variants share them ("several" otherwise).
func (s *Summary) Context() string {
	first := s.Variants[0]
	region, start, dur, seed := first.Region, first.Start.Format(time.RFC3339), HumanDuration(time.Duration(first.DurationSeconds*float64(time.Second))), fmt.Sprint(first.Seed)
	for _, v := range s.Variants[1:] {
		if v.Region != first.Region {
			region = "several regions"
		}
		if !v.Start.Equal(first.Start) || v.DurationSeconds != first.DurationSeconds {
			start, dur = "several periods", ""
		}
		if v.Seed != first.Seed {
			seed = "several"
		}
	}
	parts := []string{fmt.Sprintf("%d variant(s)", len(s.Variants)), region, "from " + start}
	if dur != "" {
		parts[2] += " for " + dur
	}
	parts = append(parts, "seed "+seed)
	return strings.Join(parts, ", ")
}

// Verdict names the cheapest variant and how much it saves against the
// next cheapest; empty for a single variant.
func (s *Summary) Verdict() string {
	if len(s.Variants) < 2 {
		return ""
	}
	var best, next *Variant
	for i := range s.Variants {
		v := &s.Variants[i]
		switch {
		case v.Cheapest:
			best = v
		case next == nil || v.CostUSD < next.CostUSD:
			next = v
		}
	}
	msg := fmt.Sprintf("Cheapest: %s at %s USD", best.Label, table.Fixed(best.CostUSD, 2))
	if next.CostUSD > 0 {
		saving := 100 * (next.CostUSD - best.CostUSD) / next.CostUSD
		msg += fmt.Sprintf(", %s %% below %s (%s USD)", table.Fixed(saving, 1), next.Label, table.Fixed(next.CostUSD, 2))
	}
	var caveats []string
	if best.DroppedRequests > 0 {
		caveats = append(caveats, "dropped "+table.Fixed(best.DroppedRequests, 0)+" requests")
	}
	if best.SLOMinutes > 0 {
		caveats = append(caveats, "breached its latency SLO for "+table.Fixed(best.SLOMinutes, 0)+" min")
	}
	if len(caveats) > 0 {
		msg += "; it " + strings.Join(caveats, " and ")
	}
	return msg + "."
}

// HumanDuration renders d compactly: "7d", "36h", "90m", "45s", "1h30m".
func HumanDuration(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d >= day && d%day == 0:
		return fmt.Sprintf("%dd", d/day)
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0 && d < time.Hour:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Minute == 0 && d > time.Hour:
		return fmt.Sprintf("%dh%dm", d/time.Hour, d%time.Hour/time.Minute)
	}
	return d.String()
}
