package scenarios

import (
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/scenarios/internal/units"
)

// tomlValue is implemented by format types that accept a TOML value the
// generic decoder does not map by kind (a number or a string with a unit).
// The error says what was expected.
type tomlValue interface {
	decodeTOML(v any) error
}

// describedType is implemented by format types to name themselves in the
// reference page and the JSON Schema.
type describedType interface {
	docType() string
	jsonSchema() map[string]any
}

// Duration is a length of time written with units: "90s", "15m", "1h30m",
// "7d" (days of 24 h), "2w". Offsets from the scenario start use it too.
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

func (d *Duration) decodeTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%w, got %s", units.ErrDurationSyntax, got(v))
	}
	x, err := units.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(x)
	return nil
}

// UnmarshalText parses a duration with units, so the type also decodes
// with encoding.TextUnmarshaler users (BurntSushi/toml, encoding/json).
func (d *Duration) UnmarshalText(b []byte) error { return d.decodeTOML(string(b)) }

// MarshalText writes the duration as the format reads it ("7d", "1h30m").
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(units.FormatDuration(time.Duration(d))), nil
}

func (Duration) docType() string { return "duration" }
func (Duration) jsonSchema() map[string]any {
	return map[string]any{"type": "string", "pattern": `^-?([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h|d|w))+$|^0$`,
		"description": `a duration such as "90s", "15m", "1h30m" or "7d"`}
}

// Memory is an amount of memory in MiB, written as a number of MiB (512)
// or with a unit ("512 MiB", "2 GiB"; "GB" means GiB, as in ECS).
type Memory int64

// MiB returns the amount in the catalogue's unit.
func (m Memory) MiB() catalog.MiB { return catalog.MiB(m) }

func (m *Memory) decodeTOML(v any) error {
	x, err := sizeValue(v, units.ParseMemoryMiB, units.ErrMemorySyntax)
	*m = Memory(x)
	return err
}

// UnmarshalText parses memory written as text ("512", "2 GiB").
func (m *Memory) UnmarshalText(b []byte) error { return m.decodeTOML(string(b)) }

// MarshalText writes "2 GiB" or "500 MiB".
func (m Memory) MarshalText() ([]byte, error) { return []byte(units.FormatMemory(int64(m))), nil }

func (Memory) docType() string { return "memory" }
func (Memory) jsonSchema() map[string]any {
	return map[string]any{"oneOf": []any{
		map[string]any{"type": "integer", "minimum": 0},
		map[string]any{"type": "string", "pattern": `^\s*[0-9]+(\.[0-9]+)?\s*([MmGg][Ii]?[Bb])?\s*$`},
	}, "description": `MiB (512) or with a unit ("512 MiB", "2 GiB")`}
}

// CPU is an amount of CPU in ECS CPU units (1 vCPU = 1,024), written as a
// number of units (256) or in vCPUs ("0.25 vCPU", "1 vcpu").
type CPU int64

// Units returns the amount in the catalogue's unit.
func (c CPU) Units() catalog.CPUUnits { return catalog.CPUUnits(c) }

func (c *CPU) decodeTOML(v any) error {
	x, err := sizeValue(v, units.ParseCPUUnits, units.ErrCPUSyntax)
	*c = CPU(x)
	return err
}

// UnmarshalText parses CPU written as text ("256", "0.25 vCPU").
func (c *CPU) UnmarshalText(b []byte) error { return c.decodeTOML(string(b)) }

// MarshalText writes "0.25 vCPU", or the bare units when not a round
// fraction of a vCPU.
func (c CPU) MarshalText() ([]byte, error) { return []byte(units.FormatCPU(int64(c))), nil }

func (CPU) docType() string { return "cpu" }
func (CPU) jsonSchema() map[string]any {
	return map[string]any{"oneOf": []any{
		map[string]any{"type": "integer", "minimum": 0},
		map[string]any{"type": "string", "pattern": `^\s*[0-9]+(\.[0-9]+)?\s*([vV][cC][pP][uU][sS]?)?\s*$`},
	}, "description": `CPU units (256) or vCPUs ("0.25 vCPU")`}
}

func sizeValue(v any, parse func(string) (int64, error), syntax error) (int64, error) {
	switch x := v.(type) {
	case int64:
		if x < 0 {
			return 0, fmt.Errorf("%d is negative", x)
		}
		return x, nil
	case string:
		return parse(x)
	}
	return 0, fmt.Errorf("%w, got %s", syntax, got(v))
}

// Dist is a distribution of durations, written as a string: "45s" (always
// 45 s), "uniform(10s, 30s)", "lognormal(45s, 90s)" (median, 95th
// percentile) or "exponential(30s)" (mean).
type Dist struct{ models.Dist }

const distSyntax = `expected "45s", "uniform(10s, 30s)", "lognormal(median, p95)" or "exponential(mean)"`

func (d *Dist) decodeTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%s, got %s", distSyntax, got(v))
	}
	x, err := parseDist(s)
	if err != nil {
		return err
	}
	d.Dist = x
	return nil
}

func parseDist(s string) (models.Dist, error) {
	name, args, ok := strings.Cut(strings.TrimSpace(s), "(")
	if !ok {
		v, err := units.ParseDuration(s)
		if err != nil {
			return models.Dist{}, fmt.Errorf("%q: %s", s, distSyntax)
		}
		return models.Fixed(v), nil
	}
	args, ok = strings.CutSuffix(strings.TrimSpace(args), ")")
	kind, err := models.ParseDistKind(strings.ToLower(strings.TrimSpace(name)))
	if !ok || err != nil {
		return models.Dist{}, fmt.Errorf("%q: %s", s, distSyntax)
	}
	var ds []time.Duration
	for _, a := range strings.Split(args, ",") {
		v, err := units.ParseDuration(a)
		if err != nil {
			return models.Dist{}, fmt.Errorf("%q: %v", s, err)
		}
		ds = append(ds, v)
	}
	want := map[models.DistKind]int{models.DistFixed: 1, models.DistExponential: 1, models.DistUniform: 2, models.DistLogNormal: 2}[kind]
	if len(ds) != want {
		return models.Dist{}, fmt.Errorf("%q: %s takes %d argument(s)", s, kind, want)
	}
	var d models.Dist
	switch kind {
	case models.DistFixed:
		d = models.Fixed(ds[0])
	case models.DistExponential:
		d = models.Dist{Kind: models.DistExponential, Value: ds[0]}
	case models.DistUniform:
		d = models.Uniform(ds[0], ds[1])
	case models.DistLogNormal:
		d = models.LogNormal(ds[0], ds[1])
	}
	if err := d.Validate(); err != nil {
		return models.Dist{}, fmt.Errorf("%q: %v", s, err)
	}
	return d, nil
}

// UnmarshalText parses a distribution ("45s", "uniform(10s, 30s)", …).
func (d *Dist) UnmarshalText(b []byte) error { return d.decodeTOML(string(b)) }

// MarshalText writes the distribution in the form parseDist reads.
func (d Dist) MarshalText() ([]byte, error) {
	f := units.FormatDuration
	switch d.Kind {
	case models.DistUniform:
		return []byte(fmt.Sprintf("uniform(%s, %s)", f(d.Min), f(d.Max))), nil
	case models.DistLogNormal:
		return []byte(fmt.Sprintf("lognormal(%s, %s)", f(d.Median), f(d.P95))), nil
	case models.DistExponential:
		return []byte(fmt.Sprintf("exponential(%s)", f(d.Value))), nil
	}
	return []byte(f(d.Value)), nil
}

func (Dist) docType() string { return "distribution" }
func (Dist) jsonSchema() map[string]any {
	return map[string]any{"type": "string", "description": distSyntax[len("expected "):]}
}

// describeValue names a decoded TOML value for messages.
func describeValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case int64, bool:
		return fmt.Sprint(x)
	case float64:
		return fmt.Sprint(x)
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("%T", v)
}

// tomlTypeName names the TOML type of v ("string", "integer", "table").
func tomlTypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("%T", v)
}
