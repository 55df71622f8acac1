package catalog

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// catalogFile is the decoded form of one catalogue file (the embedded one or
// a user's). Optional scalars are pointers so that an overlay can tell "not
// given" from "zero"; merging happens on this form, before defaults are
// applied (decode → merge → default → validate → build).
type catalogFile struct {
	Meta         fileMeta          `toml:"meta"`
	Sources      map[string]string `toml:"sources"`
	Registration fileRegistration  `toml:"registration"`
	EC2          fileEC2           `toml:"ec2"`
	Fargate      fileFargate       `toml:"fargate"`
	EBS          fileEBS           `toml:"ebs"`
}

type fileEC2 struct {
	SpotFactor        *float64           `toml:"spot_factor"`
	SpotFamilyFactors map[string]float64 `toml:"spot_family_factors"`
	SpotSource        string             `toml:"spot_source"`
	Instances         []fileInstance     `toml:"instances"`
	Prices            []filePrice        `toml:"prices"`
}

type fileFargate struct {
	SpotFactor *float64             `toml:"spot_factor"`
	SpotSource string               `toml:"spot_source"`
	Rates      []fileFargateRate    `toml:"rates"`
	Storage    []fileFargateStorage `toml:"storage"`
	Sizes      []fileFargateSize    `toml:"sizes"`
}

type fileEBS struct {
	Prices []fileEBSPrice `toml:"prices"`
}

type fileMeta struct {
	Name        string `toml:"name"`
	Description string `toml:"description"`
	Date        string `toml:"date"`
}

type fileRegistration struct {
	MemoryOverhead *float64 `toml:"memory_overhead"`
	Source         string   `toml:"source"`
}

type fileInstance struct {
	Name                string     `toml:"name"`
	Arch                string     `toml:"arch"`
	VCPU                int64      `toml:"vcpu"`
	MemoryMiB           int64      `toml:"memory_mib"`
	MaxENIs             int64      `toml:"max_enis"`
	TrunkTasks          trunkField `toml:"trunk_tasks"`
	GPUs                int64      `toml:"gpus"`
	MemoryOverhead      *float64   `toml:"memory_overhead"`
	RegisteredMemoryMiB *int64     `toml:"registered_memory_mib"`
	Source              string     `toml:"source"`
}

type filePrice struct {
	Instance string    `toml:"instance"`
	Region   string    `toml:"region"`
	OnDemand float64   `toml:"on_demand_usd_per_hour"`
	Spot     *float64  `toml:"spot_usd_per_hour"`
	Source   string    `toml:"source"`
	Date     time.Time `toml:"date"`
}

type fileFargateRate struct {
	Region    string    `toml:"region"`
	OS        string    `toml:"os"`
	Arch      string    `toml:"arch"`
	VCPU      float64   `toml:"usd_per_vcpu_hour"`
	GB        float64   `toml:"usd_per_gb_hour"`
	OSLicence float64   `toml:"os_licence_usd_per_vcpu_hour"`
	SpotVCPU  *float64  `toml:"spot_usd_per_vcpu_hour"`
	SpotGB    *float64  `toml:"spot_usd_per_gb_hour"`
	Verified  *bool     `toml:"verified"`
	Note      string    `toml:"note"`
	Source    string    `toml:"source"`
	Date      time.Time `toml:"date"`
}

type fileFargateStorage struct {
	Region   string    `toml:"region"`
	GBHour   float64   `toml:"usd_per_gb_hour"`
	FreeGiB  *float64  `toml:"free_gib"`
	MaxGiB   *float64  `toml:"max_gib"`
	Verified *bool     `toml:"verified"`
	Note     string    `toml:"note"`
	Source   string    `toml:"source"`
	Date     time.Time `toml:"date"`
}

type fileFargateSize struct {
	CPU          int64    `toml:"cpu"`
	MemoryMiB    []int64  `toml:"memory_mib"`
	MinMemoryMiB int64    `toml:"min_memory_mib"`
	MaxMemoryMiB int64    `toml:"max_memory_mib"`
	StepMiB      int64    `toml:"step_mib"`
	OS           []string `toml:"os"`
	Note         string   `toml:"note"`
	Source       string   `toml:"source"`
}

type fileEBSPrice struct {
	Region     string    `toml:"region"`
	VolumeType string    `toml:"volume_type"`
	GBMonth    float64   `toml:"usd_per_gb_month"`
	Source     string    `toml:"source"`
	Date       time.Time `toml:"date"`
}

// trunkField decodes trunk_tasks, which is either a task count or one of the
// words "unsupported" and "unknown".
type trunkField struct {
	set   bool
	limit TrunkLimit
}

// UnmarshalTOML implements toml.Unmarshaler.
func (t *trunkField) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		if v < 1 {
			return fmt.Errorf("trunk_tasks: %d is not a positive task count", v)
		}
		t.set, t.limit = true, TrunkTasks(int(min(v, 1<<30)))
	case string:
		switch v {
		case "unsupported":
			t.set, t.limit = true, TrunkUnsupported()
		case "unknown":
			t.set, t.limit = true, TrunkUnknown()
		default:
			return fmt.Errorf(`trunk_tasks: %q is neither a task count nor "unsupported" or "unknown"`, v)
		}
	default:
		return fmt.Errorf(`trunk_tasks: want a task count, "unsupported" or "unknown", got %T`, v)
	}
	return nil
}

// decodeFile decodes one catalogue file strictly: syntax errors carry their
// line, and unknown keys are errors with a "did you mean" hint.
func decodeFile(name string, data []byte) (*catalogFile, error) {
	var f catalogFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &FileError{File: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		return nil, &FileError{File: name, Err: err}
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		problems := make([]error, 0, len(undecoded))
		for _, k := range undecoded {
			problems = append(problems, unknownKeyError(k))
		}
		return nil, &FileError{File: name, Err: errors.Join(problems...)}
	}
	return &f, nil
}

// unknownKeyError names an unknown key and suggests the closest known key of
// the same table, using the toml tags of catalogFile as the schema.
func unknownKeyError(k toml.Key) error {
	known := knownKeys(reflect.TypeFor[catalogFile](), k[:len(k)-1])
	last := k[len(k)-1]
	if s := nearest(last, known, 1); len(s) > 0 && editDistance(last, s[0]) <= max(2, len(last)/3) {
		return fmt.Errorf("unknown key %q (did you mean %q?)", k.String(), s[0])
	}
	return fmt.Errorf("unknown key %q", k.String())
}

// knownKeys follows path through the struct type and returns the toml keys
// allowed at its end (sorted), or nil where any key is allowed.
func knownKeys(t reflect.Type, path toml.Key) []string {
	for _, piece := range path {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		field, ok := fieldByTag(t, piece)
		if !ok {
			return nil
		}
		t = field.Type
	}
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		if tag := tomlTag(t.Field(i)); tag != "" {
			keys = append(keys, tag)
		}
	}
	sort.Strings(keys)
	return keys
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if tomlTag(t.Field(i)) == tag {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func tomlTag(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return tag
}
