package workload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cwExport is the shape of `aws cloudwatch get-metric-data` output.
type cwExport struct {
	MetricDataResults []cwResult
}

type cwResult struct {
	ID         string `json:"Id"`
	Label      string
	Timestamps []cwTime
	Values     []float64
	StatusCode string
}

// cwTime is a timestamp as the AWS CLI prints it (an RFC 3339 string) or as
// some SDK serialisations do (epoch seconds as a JSON number).
type cwTime string

func (c *cwTime) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '"' {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*c = cwTime(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*c = cwTime(s)
	return nil
}

// ParseCloudWatch reads the JSON output of `aws cloudwatch get-metric-data`
// and returns the series of the MetricDataResults entry with the given Id;
// id may be empty when the export holds exactly one result. AWS returns
// datapoints newest first by default (ScanBy TimestampDescending), so they
// are sorted here; a duplicate timestamp, a negative value, an empty result
// or a StatusCode other than Complete/PartialData is an error naming the
// field (e.g. "MetricDataResults[0].Timestamps[3]").
func ParseCloudWatch(name string, r io.Reader, id string) (*Trace, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &TraceError{File: name, Msg: "read failed", Err: err}
	}
	var exp cwExport
	if err := json.Unmarshal(data, &exp); err != nil {
		return nil, jsonError(name, data, err)
	}
	idx, err := pickResult(name, exp.MetricDataResults, id)
	if err != nil {
		return nil, err
	}
	return cwTrace(name, idx, exp.MetricDataResults[idx])
}

// ReadCloudWatchFile opens path and parses it with ParseCloudWatch.
func ReadCloudWatchFile(path, id string) (*Trace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("workload: read trace: %w", err)
	}
	defer f.Close()
	return ParseCloudWatch(path, f, id)
}

func pickResult(name string, results []cwResult, id string) (int, error) {
	if len(results) == 0 {
		return 0, &TraceError{File: name, Field: "MetricDataResults", Msg: "no results"}
	}
	ids := make([]string, len(results))
	for i, res := range results {
		ids[i] = res.ID
		if id != "" && res.ID == id {
			return i, nil
		}
	}
	switch {
	case id != "":
		return 0, &TraceError{File: name, Field: "MetricDataResults", Msg: fmt.Sprintf("no result with Id %q (have %s)", id, strings.Join(ids, ", "))}
	case len(results) > 1:
		return 0, &TraceError{File: name, Field: "MetricDataResults", Msg: fmt.Sprintf("%d results (%s): choose one by Id", len(results), strings.Join(ids, ", "))}
	}
	return 0, nil
}

func cwTrace(name string, idx int, res cwResult) (*Trace, error) {
	field := "MetricDataResults[" + strconv.Itoa(idx) + "]"
	tr := &Trace{Source: name}
	switch res.StatusCode {
	case "Complete", "":
	case "PartialData":
		tr.Partial = true
	default:
		return nil, &TraceError{File: name, Field: field + ".StatusCode", Msg: fmt.Sprintf("status %q: the export holds no usable data", res.StatusCode)}
	}
	if len(res.Timestamps) != len(res.Values) {
		return nil, &TraceError{File: name, Field: field, Msg: fmt.Sprintf("%d Timestamps but %d Values", len(res.Timestamps), len(res.Values))}
	}
	if len(res.Timestamps) == 0 {
		return nil, &TraceError{File: name, Field: field, Msg: "empty trace: no datapoints"}
	}
	times := make([]time.Time, len(res.Timestamps))
	for i, s := range res.Timestamps {
		t, err := parseTimestamp(string(s))
		if err != nil {
			return nil, &TraceError{File: name, Field: indexField(field+".Timestamps", i), Msg: err.Error()}
		}
		times[i] = t
		if err := checkNonNegative("", res.Values[i]); err != nil {
			return nil, &TraceError{File: name, Field: indexField(field+".Values", i), Msg: err.(*FieldError).Msg}
		}
	}
	order := make([]int, len(times))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return times[a].Compare(times[b]) })
	for k, i := range order {
		if k > 0 && times[i].Equal(times[order[k-1]]) {
			return nil, &TraceError{File: name, Field: indexField(field+".Timestamps", i),
				Msg: fmt.Sprintf("duplicate timestamp %s (also Timestamps[%d])", times[i].Format(time.RFC3339Nano), order[k-1])}
		}
		tr.Times = append(tr.Times, times[i])
		tr.Values = append(tr.Values, res.Values[i])
	}
	if err := tr.Validate(); err != nil {
		return nil, err
	}
	return tr, nil
}

// jsonError turns a decoding error into a TraceError with a line number.
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return &TraceError{File: name, Line: lineOf(data, syn.Offset), Msg: "malformed JSON", Err: err}
	case errors.As(err, &typ):
		return &TraceError{File: name, Line: lineOf(data, typ.Offset), Field: typ.Field, Msg: "wrong JSON type", Err: err}
	}
	return &TraceError{File: name, Msg: "malformed JSON", Err: err}
}

func lineOf(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return 1 + bytes.Count(data[:offset], []byte{'\n'})
}
