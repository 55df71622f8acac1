package autoscale

import (
	"errors"
	"fmt"
)

// FieldError is a configuration problem: the field (a path in the
// snake_case spelling of the AWS field names, e.g. "step_adjustments[1]")
// and the rule it breaks. Validation functions return every FieldError they
// find, joined with errors.Join; callers prefix their own path with
// fmt.Errorf("services[2].scaling: %w", err).
type FieldError struct {
	Field string
	Rule  string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Rule }

// fieldErrors collects FieldErrors under a path prefix.
type fieldErrors struct {
	prefix string
	errs   []error
}

// addf records a problem with field (relative to the prefix).
func (f *fieldErrors) addf(field, format string, args ...any) {
	path := field
	if f.prefix != "" {
		path = f.prefix + "." + field
	}
	f.errs = append(f.errs, &FieldError{Field: path, Rule: fmt.Sprintf(format, args...)})
}

// nest records every error of err (a joined error or a single one) with the
// field path prefixed.
func (f *fieldErrors) nest(field string, err error) {
	if err == nil {
		return
	}
	var joined interface{ Unwrap() []error }
	list := []error{err}
	if errors.As(err, &joined) {
		list = joined.Unwrap()
	}
	for _, e := range list {
		var fe *FieldError
		if errors.As(e, &fe) {
			f.addf(field+"."+fe.Field, "%s", fe.Rule)
			continue
		}
		f.errs = append(f.errs, fmt.Errorf("%s: %w", field, e))
	}
}

func (f *fieldErrors) err() error { return errors.Join(f.errs...) }

// PrefixFieldErrors returns err with prefix prepended to the field path of
// every FieldError in it (joined errors are walked); other errors are
// wrapped as "prefix: err". It returns nil for a nil err. Use it to place a
// policy's errors in a scenario: PrefixFieldErrors("services[2].scaling", err).
func PrefixFieldErrors(prefix string, err error) error {
	var fe fieldErrors
	fe.nest(prefix, err)
	return fe.err()
}
