package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ecsim/ecsim/scenarios"
)

// defaultExample is what `ecsim run` runs without an argument.
const defaultExample = "web-ec2-vs-fargate"

// maxScenarioBytes bounds a scenario file: a bigger one is a mistake (a
// trace or a binary passed by accident), refused before parsing.
const maxScenarioBytes = 8 << 20

// loadedScenario is a scenario with the text it was read from (the report
// shows it).
type loadedScenario struct {
	sc   *scenarios.Scenario
	text []byte
	src  string // the file path or "example:<name>"
}

// loadScenario resolves a command-line argument: an existing file path, or
// the name of an embedded example. An argument that is neither is bad
// input, with the example names listed.
func loadScenario(arg string) (*loadedScenario, error) {
	if arg == "" {
		arg = defaultExample
	}
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		if st.Size() > maxScenarioBytes {
			return nil, &inputError{fmt.Errorf("%s: %.1f MiB; scenario files are limited to %d MiB (traces are referenced, not inlined)",
				arg, float64(st.Size())/(1<<20), maxScenarioBytes>>20)}
		}
		text, err := os.ReadFile(arg)
		if err != nil {
			return nil, &inputError{err}
		}
		sc, err := scenarios.Load(arg)
		if err != nil {
			return nil, err
		}
		return &loadedScenario{sc: sc, text: text, src: arg}, nil
	}
	if strings.HasSuffix(arg, ".toml") || strings.ContainsRune(arg, os.PathSeparator) {
		return nil, &inputError{fmt.Errorf("scenario file %s: %w", arg, os.ErrNotExist)}
	}
	sc, err := scenarios.Get(arg)
	if err != nil {
		var names []string
		for _, e := range scenarios.List() {
			names = append(names, e.Name)
		}
		return nil, &inputError{fmt.Errorf("%q is neither a scenario file nor an example (examples: %s)", arg, strings.Join(names, ", "))}
	}
	text, err := scenarios.ExampleSource(arg)
	if err != nil {
		return nil, err
	}
	return &loadedScenario{sc: sc, text: text, src: "example:" + arg}, nil
}

// inputError marks bad input that is not a flag or scenario problem (a
// missing file, an unknown example): exit code 2.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// isInputError reports errors that are the user's input, not a failure.
func isInputError(err error) bool {
	var ie *inputError
	var se *scenarios.Error
	return errors.As(err, &ie) || errors.As(err, &se)
}
