package importer

import (
	"strings"
)

// Warning is a field of an imported file that ecsim does not use, or
// whose value was adjusted: Field is the JSON path ("containerDefinitions[0].image").
type Warning struct {
	File  string
	Field string
	Msg   string
}

func (w Warning) String() string {
	if w.Field == "" {
		return w.File + ": " + w.Msg
	}
	return w.File + ": " + w.Field + ": " + w.Msg
}

// Issue is one reason a file cannot be imported.
type Issue struct {
	Field string
	Msg   string
}

// Error refuses a file: it is not valid JSON, not one of the shapes this
// package reads, or not valid for ECS. Every reason found is listed.
type Error struct {
	File   string
	Issues []Issue
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, is := range e.Issues {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.File)
		b.WriteString(": ")
		if is.Field != "" {
			b.WriteString(is.Field)
			b.WriteString(": ")
		}
		b.WriteString(is.Msg)
	}
	return b.String()
}

// report collects the warnings and refusal reasons of one file.
type report struct {
	file     string
	warnings []Warning
	issues   []Issue
}

func (r *report) warn(field, msg string) {
	r.warnings = append(r.warnings, Warning{File: r.file, Field: field, Msg: msg})
}

func (r *report) refuse(field, msg string) {
	r.issues = append(r.issues, Issue{Field: field, Msg: msg})
}

func (r *report) err() error {
	if len(r.issues) == 0 {
		return nil
	}
	return &Error{File: r.file, Issues: r.issues}
}
