package main

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/models/catalog"
)

func TestCatalogGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"catalog-m6i.txt", []string{"catalog", "--family", "m6i", "--region", "us-east-1"}},
		{"catalog-m6i.json", []string{"catalog", "--family", "m6i", "--region", "us-east-1", "--output", "json"}},
		{"catalog-m6i.csv", []string{"catalog", "--family", "m6i", "--output", "csv"}},
		{"catalog-all.txt", []string{"catalog"}},
		{"catalog-eu-west-1-arm64.txt", []string{"catalog", "--region", "eu-west-1", "--arch", "arm64", "--family", "m7g,t4g"}},
		{"catalog-reserved-memory.txt", []string{"catalog", "--family", "c7g", "--reserved-memory", "256"}},
		{"catalog-overlay.txt", []string{"catalog", "--catalog-file", "testdata/user-catalog.toml",
			"--region", "eu-west-1", "--family", "m6i"}},
		{"catalog-help.txt", []string{"catalog", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			checkGolden(t, tt.golden, out)
		})
	}
}

func TestCatalogJSONIsValid(t *testing.T) {
	out, _, code := runCLI(t, "catalog", "--output", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var v catalogView
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if len(v.InstanceTypes) != len(catalog.Default().InstanceTypes()) || len(v.Fargate.Rates) != 3 {
		t.Errorf("%d types, %d Fargate rates", len(v.InstanceTypes), len(v.Fargate.Rates))
	}
	for _, r := range v.InstanceTypes {
		if r.OnDemand == nil || r.Spot == nil || *r.Spot >= *r.OnDemand {
			t.Errorf("%s: prices %v / %v", r.Name, r.OnDemand, r.Spot)
		}
	}
	if w := v.Fargate.Rates[2]; w.Platform != "windows/x86_64" || w.SpotVCPU != nil || w.OSLicence != 0.046 {
		t.Errorf("windows rate %+v", w)
	}
}

func TestCatalogExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"bad region lists known regions", []string{"catalog", "--region", "mars-north-1"}, exitBadInput,
			[]string{`unknown region "mars-north-1"; known regions: eu-west-1, us-east-1`}},
		{"bad output", []string{"catalog", "--output", "yaml"}, exitBadInput,
			[]string{"valid values are text, json, csv", "Run 'ecsim catalog --help' for usage."}},
		// An unknown family is an error listing the known ones, not an empty table.
		{"bad family", []string{"catalog", "--family", "m6i,m6"}, exitBadInput,
			[]string{`unknown instance family "m6"; known families: c5, c6g`}},
		{"bad arch", []string{"catalog", "--arch", "amd64"}, exitBadInput, []string{"valid values are x86_64, arm64"}},
		{"stray argument", []string{"catalog", "m6i"}, exitBadInput, []string{"takes no arguments"}},
		{"unknown command", []string{"catalgo"}, exitBadInput, []string{"did you mean catalog?"}},
		{"unknown flag", []string{"catalog", "--families", "m6i"}, exitBadInput, []string{"unknown flag: --families"}},
		{"missing catalogue file", []string{"catalog", "--catalog-file", "testdata/missing.toml"}, exitBadInput,
			[]string{"no such file"}},
		{"invalid catalogue file", []string{"catalog", "--catalog-file", "testdata/bad-catalog.toml"}, exitBadInput,
			[]string{`unknown key "ec2.instances.vcpus" (did you mean "vcpu"?)`}},
		{"negative reserved memory", []string{"catalog", "--reserved-memory", "-5"}, exitBadInput, []string{">= 0"}},
		{"reserved memory too large", []string{"catalog", "--reserved-memory", "1500"}, exitBadInput,
			[]string{"leaves no memory on t3.micro"}},
		{"no match is not an error", []string{"catalog", "--family", "t3", "--arch", "arm64"}, exitOK, nil},
		{"no arguments prints help", []string{}, exitOK, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
}

// TestCatalogFlags checks flag parsing alone through runF (the cli/cli
// pattern): no catalogue work happens.
func TestCatalogFlags(t *testing.T) {
	var got *catalogOptions
	f := newFactory(context.Background(), &IOStreams{Out: &strings.Builder{}, ErrOut: &strings.Builder{}})
	cmd := newCmdCatalog(f, func(o *catalogOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--family", "m6i,c6i", "--family", "r6i", "--arch", "arm64", "--output", "csv",
		"--reserved-memory", "128", "--catalog-file", "x.toml"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Families, []string{"m6i", "c6i", "r6i"}) || got.Arch != "arm64" || got.Output != "csv" ||
		got.Region != "us-east-1" || got.ReservedMemory != 128 || got.CatalogFile != "x.toml" {
		t.Errorf("options %+v", got)
	}
}

func TestCatalogRunWriteFailureExits1(t *testing.T) {
	opts := &catalogOptions{IO: &IOStreams{Out: failingWriter{}, ErrOut: failingWriter{}},
		Catalog: catalog.Default, Region: "us-east-1", Output: "text"}
	err := catalogRun(opts)
	if err == nil || exitCode(err) != exitFailed {
		t.Fatalf("err %v, exit %d", err, exitCode(err))
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
