package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const userFile = `
[registration]
memory_overhead = 0.025
source = "my measurements"

[ec2]
spot_family_factors = { m6i = 0.40 }
instances = [
  { name = "m6i.24xlarge", arch = "x86_64", vcpu = 96, memory_mib = 393216, max_enis = 15, trunk_tasks = 120, source = "AWS docs" },
  { name = "m5.large", arch = "x86_64", vcpu = 2, memory_mib = 8192, max_enis = 3, trunk_tasks = 10, registered_memory_mib = 7680, source = "describe-container-instances" },
]
prices = [
  { instance = "m6i.large", region = "us-east-1", on_demand_usd_per_hour = 0.1, source = "quote", date = 2026-11-01 },
  { instance = "m6i.large", region = "eu-west-1", on_demand_usd_per_hour = 0.107, spot_usd_per_hour = 0.04, source = "quote", date = 2026-11-01 },
  { instance = "m6i.24xlarge", region = "us-east-1", on_demand_usd_per_hour = 4.608, source = "S40", date = 2026-01-19 },
]

[fargate]
rates = [
  { region = "us-west-2", os = "linux", arch = "x86_64", usd_per_vcpu_hour = 0.05, usd_per_gb_hour = 0.005,
    spot_usd_per_vcpu_hour = 0.015, spot_usd_per_gb_hour = 0.0015, source = "quote", date = 2026-11-01 },
]
sizes = [
  { cpu = 16384, min_memory_mib = 32768, max_memory_mib = 131072, step_mib = 8192, os = ["linux"], source = "hypothetical" },
]
`

func TestOverlayMerges(t *testing.T) {
	base := Default()
	c, err := base.Overlay("user.toml", []byte(userFile))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Files(); !slices.Equal(got, []string{embeddedName, "user.toml"}) {
		t.Errorf("Files() = %v", got)
	}
	if got := c.Regions(); !slices.Equal(got, []string{"eu-west-1", "us-east-1", "us-west-2"}) {
		t.Errorf("Regions() = %v", got)
	}
	p, _ := c.Price("m6i.large", "us-east-1")
	if p.OnDemand != 0.1 || p.SpotFactor != 0.40 || !near(float64(p.Spot), 0.04) || p.Source != "quote" {
		t.Errorf("replaced price = %+v", p)
	}
	eu, err := c.Price("m6i.large", "eu-west-1")
	if err != nil || eu.Spot != 0.04 || eu.SpotFactor != 0 {
		t.Errorf("added eu-west-1 price with explicit spot = %+v, %v", eu, err)
	}
	if big, err := c.Lookup("m6i.24xlarge"); err != nil || big.CPUUnits() != 96*1024 {
		t.Errorf("added type = %+v, %v", big, err)
	}
	m5, _ := c.Lookup("m5.large")
	if reg, _ := m5.Register(0); reg.Memory != 7680 {
		t.Errorf("measured m5.large registers %v", reg.Memory)
	}
	m6i, _ := c.Lookup("m6i.large")
	if m6i.MemoryOverhead != 0.025 || c.MemoryOverhead() != 0.025 {
		t.Errorf("overhead %v / %v, want the overlay's 0.025", m6i.MemoryOverhead, c.MemoryOverhead())
	}
	if s, _ := c.FargateRate("us-west-2", LinuxX86_64, true); s.VCPU != 0.015 || s.Memory != 0.0015 {
		t.Errorf("explicit Fargate Spot rate = %+v", s)
	}
	if err := c.ValidateFargateSize(16384, 131072); err != nil {
		t.Errorf("overlaid size row: %v", err)
	}
	// The base is untouched.
	if bp, _ := base.Price("m6i.large", "us-east-1"); bp.OnDemand != 0.096 || base.MemoryOverhead() != 0.022 {
		t.Errorf("overlay changed the base: %+v", bp)
	}
	if _, err := base.Lookup("m6i.24xlarge"); err == nil {
		t.Error("overlay added a type to the base")
	}
}

func TestOverlayFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	if err := os.WriteFile(path, []byte(userFile), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Default().OverlayFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Lookup("m6i.24xlarge"); err != nil {
		t.Error(err)
	}
	_, err = Default().OverlayFile(filepath.Join(t.TempDir(), "missing.toml"))
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestOverlayErrors(t *testing.T) {
	row := `{ name = "x1.large", arch = "x86_64", vcpu = 2, memory_mib = 8192, max_enis = 3, trunk_tasks = 10, source = "s" }`
	tests := []struct {
		name, file string
		want       []string
		line       int
	}{
		{"syntax error has a line", "[ec2]\ninstances = [\n  { name = \"a.b\" \n", []string{"user.toml:"}, 3},
		{"unknown key with hint", "[ec2]\ninstances = [{ name = \"x.large\", vcpus = 2 }]",
			[]string{`unknown key "ec2.instances.vcpus" (did you mean "vcpu"?)`}, 0},
		{"unknown section", "[fargat]\nspot_factor = 0.3", []string{`unknown key "fargat.spot_factor"`}, 0},
		{"duplicate rows", "[ec2]\ninstances = [" + row + ", " + row + "]",
			[]string{"ec2.instances[1]: duplicate of ec2.instances[0] (x1.large)"}, 0},
		{"price for unknown type", `[ec2]
prices = [{ instance = "m6i.larg", region = "us-east-1", on_demand_usd_per_hour = 1, source = "s", date = 2026-01-01 }]`,
			[]string{`ec2.prices "m6i.larg" in us-east-1: instance: no instances row with this name (did you mean "m6i.large"?)`}, 0},
		{"price without source, date, region", `[ec2]
prices = [{ instance = "m6i.large", region = "Virginia", on_demand_usd_per_hour = 0 }]`,
			[]string{".region: \"Virginia\" is not a region name", "on_demand_usd_per_hour: must be > 0",
				".source: required", ".date: required"}, 0},
		{"bad instance row", `[ec2]
instances = [{ name = "big", arch = "sparc", vcpu = 0, memory_mib = 1, max_enis = 0, source = "" , memory_overhead = 1.0}]`,
			[]string{".name: want family.size", `.arch: "sparc"`, ".vcpu: 0 is outside 1..65536", ".max_enis: 0 is outside",
				".trunk_tasks: required", ".memory_overhead: 1 is outside [0, 1)", ".source: required"}, 0},
		{"overflowing figures", `[ec2]
instances = [{ name = "a.b", arch = "arm64", vcpu = 9007199254740993, memory_mib = 9007199254740993, max_enis = 1, gpus = -1, trunk_tasks = 1, source = "s" }]`,
			[]string{".vcpu: 9007199254740993 is outside", ".memory_mib: 9007199254740993 is outside", ".gpus: -1 is outside"}, 0},
		{"bad trunk word", "[ec2]\ninstances = [{ name = \"a.b\", trunk_tasks = \"maybe\" }]",
			[]string{`"maybe" is neither a task count`}, 2},
		{"spot factor out of range", "[ec2]\nspot_factor = 1.5\nspot_family_factors = { zz = 0.3 }",
			[]string{"ec2.spot_factor: 1.5 is outside [0, 1]", `ec2.spot_family_factors.zz: no instance type of family "zz"`}, 0},
		{"windows arm and windows spot", `[fargate]
rates = [{ region = "us-east-1", os = "windows", arch = "arm64", usd_per_vcpu_hour = 1, usd_per_gb_hour = 1,
  spot_usd_per_vcpu_hour = 0.1, spot_usd_per_gb_hour = 0.1, source = "s", date = 2026-01-01 }]`,
			[]string{"Windows on x86_64 only", "Fargate Spot does not run Windows"}, 0},
		{"bad size row", `[fargate]
sizes = [{ cpu = 512, memory_mib = [2048, 1024], min_memory_mib = 1, os = ["beos"] }]`,
			[]string{"not both", `.os: "beos"`}, 0},
		{"wrong type", "[registration]\nmemory_overhead = \"two percent\"", []string{"memory_overhead"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Default().Overlay("user.toml", []byte(tt.file))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *FileError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if tt.line != 0 && fe.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", fe.Line, tt.line, err)
			}
		})
	}
}

func TestParseNeedsSettings(t *testing.T) {
	_, err := Parse("empty.toml", nil)
	for _, w := range []string{"registration.memory_overhead: required", "ec2.spot_factor: required",
		"fargate.spot_factor: required"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Parse(empty) error %v lacks %q", err, w)
		}
	}
}

func TestParseEmbeddedCopyEqualsDefault(t *testing.T) {
	c, err := Parse("copy.toml", EmbeddedData())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.InstanceTypes(), Default().InstanceTypes()) {
		t.Error("parsing EmbeddedData gave different instance types")
	}
	if a, b := Default(), Default(); a != b {
		t.Error("Default parsed the embedded data twice")
	}
}

func TestWithSpotFactor(t *testing.T) {
	c, err := Default().WithSpotFactor("c7g", 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := c.Price("c7g.large", "us-east-1"); !near(float64(p.Spot), 0.03625) {
		t.Errorf("c7g spot = %v", p.Spot)
	}
	if p, _ := c.Price("m5.large", "us-east-1"); p.SpotFactor != 0.35 {
		t.Errorf("m5 factor changed to %v", p.SpotFactor)
	}
	d, err := c.WithSpotFactor("", 0.2)
	if err != nil || d.SpotFactor("c7g") != 0.5 {
		t.Fatalf("family factor lost: %v", err)
	}
	if _, err := c.WithSpotFactor("zz9", 0.5); err == nil {
		t.Error("factor for an unknown family accepted")
	}
	e, err := Default().WithMemoryOverhead(0)
	if err != nil {
		t.Fatal(err)
	}
	it, _ := e.Lookup("m6i.large")
	if reg, _ := it.Register(0); reg.Memory != 8192 {
		t.Errorf("overhead 0 registers %v", reg.Memory)
	}
}
