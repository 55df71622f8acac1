package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/series"
)

// Layout is the shape of the time-series CSV.
type Layout uint8

// The layouts of WriteTimeseriesCSV. Both give every bucket of every
// series; time is the bucket's start as RFC 3339 wall-clock time (in the
// run's time zone) and offset_seconds the same instant in seconds from
// the run's start. A bucket's value is its aggregation over the bucket:
// last (the value at its end: counts), mean (time-weighted: utilisation,
// capacity, demand), max or min, or sum (counters: requests).
const (
	// Wide is one row per variant and bucket, one column per series:
	//
	//	variant,time,offset_seconds,<series>...
	//
	// where a series column is named "name{key=value,...} (unit, aggregation)",
	// e.g. "cpu_utilisation{service=web} (%, mean)". Columns are sorted by
	// that name over the union of all variants' series; a variant without a
	// series leaves its cells empty. Rows are grouped by variant, in the
	// order given. The report folder's timeseries.csv uses this layout.
	Wide Layout = iota
	// Long is one row per variant, series and bucket ("tidy" data):
	//
	//	variant,series,labels,unit,aggregation,time,offset_seconds,value
	//
	// labels is "key=value" pairs joined by ";" (empty for cluster-wide
	// series). Rows are grouped by variant (in the order given), then
	// series (sorted by name, then labels), then time.
	Long
)

// WriteTimeseriesCSV writes every series of results at its own step, in
// layout. Values are written in full precision (shortest round-trip form).
func WriteTimeseriesCSV(w io.Writer, results []*models.Result, layout Layout) error {
	labels, err := Labels(results)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	switch layout {
	case Long:
		err = writeLong(cw, results, labels)
	case Wide:
		err = writeWide(cw, results, labels)
	default:
		err = fmt.Errorf("unknown layout %d", layout)
	}
	if err == nil {
		cw.Flush()
		err = cw.Error()
	}
	if err != nil {
		return fmt.Errorf("reports: time series CSV: %w", err)
	}
	return nil
}

func writeLong(cw *csv.Writer, results []*models.Result, labels []string) error {
	if err := cw.Write([]string{"variant", "series", "labels", "unit", "aggregation", "time", "offset_seconds", "value"}); err != nil {
		return err
	}
	rec := make([]string, 8)
	for i, r := range results {
		rec[0] = labels[i]
		for _, s := range r.Series {
			rec[1], rec[2], rec[3], rec[4] = s.Name, joinLabels(s.Labels, ";"), s.Unit, s.Agg.String()
			for j, v := range s.Values {
				at := s.Time(j)
				rec[5] = wallClock(r.Start, at.Duration())
				rec[6] = formatFloat(at.Seconds())
				rec[7] = formatFloat(v)
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func writeWide(cw *csv.Writer, results []*models.Result, labels []string) error {
	keys := wideColumns(results)
	header := append([]string{"variant", "time", "offset_seconds"}, keys...)
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i, r := range results {
		cols := make([]*series.Series, len(keys)) // nil: absent in this run
		n := 0
		for _, s := range r.Series {
			k := sort.SearchStrings(keys, columnName(s))
			cols[k] = s
			n = max(n, s.Len())
		}
		for j := range n {
			rec[0] = labels[i]
			at := time.Duration(j) * stepOf(r)
			rec[1], rec[2] = wallClock(r.Start, at), formatFloat(at.Seconds())
			for k, s := range cols {
				rec[3+k] = ""
				if s != nil && j < s.Len() {
					rec[3+k] = formatFloat(s.Values[j])
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// wideColumns returns the sorted union of the results' series columns.
func wideColumns(results []*models.Result) []string {
	seen := map[string]bool{}
	var keys []string
	for _, r := range results {
		for _, s := range r.Series {
			if k := columnName(s); !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// columnName names a series in the wide layout:
// "name{k=v,...} (unit, aggregation)".
func columnName(s *series.Series) string {
	name := s.Name
	if len(s.Labels) > 0 {
		name += "{" + joinLabels(s.Labels, ",") + "}"
	}
	if s.Unit != "" {
		return name + " (" + s.Unit + ", " + s.Agg.String() + ")"
	}
	return name + " (" + s.Agg.String() + ")"
}

// stepOf returns the runs' series step (all series of a run share it).
func stepOf(r *models.Result) time.Duration {
	if len(r.Series) == 0 {
		return 0
	}
	return r.Series[0].Step
}

func joinLabels(ls []series.Label, sep string) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.String()
	}
	return strings.Join(parts, sep)
}

// wallClock renders start+offset in RFC 3339 in start's time zone.
func wallClock(start time.Time, offset time.Duration) string {
	return start.Add(offset).Format(time.RFC3339Nano)
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
