// Package reports turns finished simulation runs (*models.Result) into
// what people read: summary tables, comparisons, time-series CSV, plots,
// the EC2 vs Fargate break-even and a self-contained HTML report, and
// writes them as a report folder.
//
// # API
//
//   - Summarize(results...) → *Summary: the headline figures of each run
//     (variant), the cheapest marked; Summary.Write(w, Text|Markdown|JSON|CSV)
//     (text adds an ASCII chart of cumulative cost, asim-style),
//     WriteServicesCSV, WriteProvidersCSV, and Table, ServicesTable,
//     ProvidersTable, CostByKindTable for other layouts. ParseFormat reads
//     the --output spellings.
//   - CompareResults(results...) / CompareSummary(s) → *Comparison: every
//     headline metric side by side with the change against the first run,
//     absolute and in percent; Comparison.Write(w, format).
//   - WriteTimeseriesCSV(w, results, Wide|Long): every series at its step,
//     with RFC 3339 wall-clock times.
//   - Figures(results) → []*Figure (gonum/plot; Figure.PNG, Figure.SVG):
//     cumulative cost and cost per hour per variant, total cost by kind and
//     instance/task-hours as bars, and per variant its tasks and instances
//     (step lines), EC2 capacity (registered, reserved, used) and demand,
//     tasks and p95 latency.
//   - breakeven.Analyze (sub-package) with BreakEvenTable, BreakEvenFigure
//     and WriteBreakEven: the utilisation above which EC2 beats Fargate.
//   - WriteReport(dir, results, scenario) or Report{...}.Write(ctx, dir):
//     the report folder; WriteFiles and WriteFileAtomic write files
//     atomically.
//
// # Units and formats
//
// Amounts are USD, durations hours unless a name says otherwise, shares
// percentages (0–100), latencies milliseconds; every table column carries
// its unit, every JSON and CSV key its unit suffix (cost_usd_per_hour,
// p95_ms). Text and Markdown round for reading; JSON and CSV keep full
// precision (shortest round-trip form). A figure that does not exist (an
// EC2 share of a Fargate-only run, a p95 without requests) is "-" in text,
// an empty CSV field and null in JSON, never a misleading zero. The JSON
// layouts are versioned by their "schema" field (SummarySchema,
// ComparisonSchema): fields may be added, never renamed or removed within
// a version.
//
// # Invariants
//
// Reports only read Results; nothing reaches back into a world. Labels
// and file stems are unique within a report. WriteFiles never leaves a
// partial file: every file is written to a temporary file in the same
// folder, synced and renamed, and nothing is renamed unless every file was
// written. index.html loads nothing: no scripts, fonts, styles or images
// from anywhere, enforced by its own Content-Security-Policy; the scenario
// text and all names are escaped.
//
// # Determinism
//
// Output depends only on the Results and options: every list follows the
// Results' own sorted order or is sorted here, no map is ranged to produce
// output, no clock is read, floating-point text comes from strconv, and
// plots use the fonts embedded in gonum/plot. Rendering a report twice
// gives identical bytes for every file, PNG included (on one CPU
// architecture: PNG rasterisation may differ in the last bit across
// architectures, so golden tests cover text, CSV, JSON and HTML only).
//
// # Allocation policy
//
// Reports are built once per run and are not on a hot path: tables and
// documents are rendered into buffers. Plots read series through
// plotter.XYer views (no copy of the values before gonum/plot's own);
// step-line views keep only the buckets where the value changes, which
// also keeps SVG files small.
package reports
