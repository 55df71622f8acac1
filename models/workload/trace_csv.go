package workload

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// ParseCSV reads a trace of "timestamp,value" lines. name is used in error
// messages. Rules:
//   - an optional header line: the first line, if neither of its fields
//     parses (e.g. "timestamp,value");
//   - timestamps in RFC 3339 or Unix epoch seconds, strictly increasing
//     (an unsorted or duplicate timestamp is an error naming both lines);
//   - values finite and ≥ 0;
//   - blank lines and lines starting with '#' are skipped, as is a leading
//     UTF-8 byte-order mark.
//
// Errors are *TraceError values naming the file and line.
func ParseCSV(name string, r io.Reader) (*Trace, error) {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		_, _ = br.Discard(3) // spreadsheet exports often start with a UTF-8 BOM
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	cr.ReuseRecord = true
	tr := &Trace{Source: name}
	prevLine := 0
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvReadError(name, err)
		}
		line, _ := cr.FieldPos(0)
		t, v, err := parseCSVRecord(rec)
		if err != nil {
			if first && len(rec) == 2 && isHeader(rec) {
				continue
			}
			return nil, &TraceError{File: name, Line: line, Msg: err.Error()}
		}
		if n := len(tr.Times); n > 0 && !t.After(tr.Times[n-1]) {
			return nil, &TraceError{File: name, Line: line, Field: "timestamp", Msg: orderMsg(t, tr.Times[n-1], "line "+strconv.Itoa(prevLine))}
		}
		tr.Times = append(tr.Times, t)
		tr.Values = append(tr.Values, v)
		prevLine = line
	}
	if len(tr.Times) == 0 {
		return nil, &TraceError{File: name, Msg: "empty trace: no data lines"}
	}
	if err := tr.Validate(); err != nil {
		return nil, err
	}
	return tr, nil
}

// ReadCSVFile opens path and parses it with ParseCSV.
func ReadCSVFile(path string) (*Trace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("workload: read trace: %w", err)
	}
	defer f.Close()
	return ParseCSV(path, f)
}

func csvReadError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &TraceError{File: name, Line: pe.Line, Msg: "malformed CSV", Err: pe.Err}
	}
	return &TraceError{File: name, Msg: "read failed", Err: err}
}

func parseCSVRecord(rec []string) (time.Time, float64, error) {
	if len(rec) != 2 {
		return time.Time{}, 0, fmt.Errorf("want 2 fields (timestamp,value), got %d", len(rec))
	}
	t, err := parseTimestamp(rec[0])
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("timestamp: %v", err)
	}
	v, err := parseValue(rec[1])
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("value: %v", err)
	}
	return t, v, nil
}

func parseValue(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a number", s)
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("%q is not a finite number", s)
	case v < 0:
		return 0, fmt.Errorf("negative value %v", v)
	}
	return v, nil
}

func isHeader(rec []string) bool {
	_, terr := parseTimestamp(rec[0])
	_, verr := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
	return terr != nil && verr != nil
}

func orderMsg(t, prev time.Time, where string) string {
	if t.Equal(prev) {
		return fmt.Sprintf("duplicate timestamp %s (also on %s)", t.Format(time.RFC3339Nano), where)
	}
	return fmt.Sprintf("timestamp %s is before %s on %s: traces must be sorted by time",
		t.Format(time.RFC3339Nano), prev.Format(time.RFC3339Nano), where)
}
