package workload

import (
	"fmt"
	"strconv"
)

// FieldError reports an invalid configuration value. Field names the Go
// struct and field ("DiurnalConfig.PeakHour", "Steps[2].At") so that a caller
// decoding a scenario file can map it to its own key and position.
type FieldError struct {
	Field string // struct.field path of the offending value
	Msg   string // what is wrong, with the value
}

// Error returns "workload: Field: Msg".
func (e *FieldError) Error() string { return "workload: " + e.Field + ": " + e.Msg }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// TraceError reports a problem in a trace file: a CSV line or a field of a
// CloudWatch export.
type TraceError struct {
	File  string // file name as given by the caller
	Line  int    // 1-based line number; 0 when unknown or not applicable
	Field string // CSV column or JSON path ("MetricDataResults[0].Values[3]"); may be empty
	Msg   string // what is wrong
	Err   error  // underlying error, if any
}

// Error returns "file:line: field: msg: cause", leaving out empty parts.
func (e *TraceError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	s += ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *TraceError) Unwrap() error { return e.Err }

func indexField(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
