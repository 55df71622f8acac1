package main

import (
	"fmt"
	"slices"
	"strings"
)

// enumFlag is a string flag that accepts only listed values, so a bad value
// fails flag parsing (exit 2) and --help shows the choices (cli/cli's
// StringEnumFlag).
type enumFlag struct {
	value   *string
	allowed []string
}

func newEnumFlag(value *string, def string, allowed ...string) *enumFlag {
	*value = def
	return &enumFlag{value: value, allowed: allowed}
}

func (e *enumFlag) String() string { return *e.value }

func (e *enumFlag) Set(s string) error {
	if !slices.Contains(e.allowed, s) {
		return fmt.Errorf("valid values are %s", strings.Join(e.allowed, ", "))
	}
	*e.value = s
	return nil
}

// Type is shown in --help in place of "string".
func (e *enumFlag) Type() string { return strings.Join(e.allowed, "|") }
