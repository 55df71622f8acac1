package catalog

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestEmbeddedCoverage checks the families and sizes the catalogue must
// carry (issue #2 item 5).
func TestEmbeddedCoverage(t *testing.T) {
	c := Default()
	sizes := []string{"large", "xlarge", "2xlarge", "4xlarge"}
	burstable := []string{"micro", "small", "medium", "large", "xlarge", "2xlarge"} // t3/t4g end at 2xlarge
	for _, fam := range []string{"t3", "t4g", "m5", "m6i", "m6g", "m7g", "c5", "c6i", "c6g", "c7g", "r5", "r6i", "r6g",
		"m7i", "c7i", "r7i", "r7g"} {
		want := sizes
		if fam[0] == 't' {
			want = burstable
		}
		for _, size := range want {
			name := fam + "." + size
			if _, err := c.Price(name, "us-east-1"); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	for _, fam := range []string{"m6i", "c6i", "r6i"} {
		for _, size := range []string{"8xlarge", "12xlarge", "16xlarge"} {
			if _, err := c.Price(fam+"."+size, "us-east-1"); err != nil {
				t.Errorf("%s.%s: %v", fam, size, err)
			}
		}
	}
}

// TestEmbeddedFigures spot-checks rows against the reference tables (§8.3)
// and the ECS trunking table [S10], and the large sizes' linear prices.
func TestEmbeddedFigures(t *testing.T) {
	c := Default()
	tests := []struct {
		name           string
		arch           Arch
		vcpu           int
		gib            int
		enis, awsvpc   int
		trunk          string
		onDemand, spot float64
	}{
		{"t3.micro", ArchX86_64, 2, 1, 2, 1, "unsupported", 0.0104, 0.00364},
		{"t4g.2xlarge", ArchARM64, 8, 32, 4, 3, "unsupported", 0.2688, 0.09408},
		{"m5.large", ArchX86_64, 2, 8, 3, 2, "10", 0.096, 0.0336},
		{"m5.4xlarge", ArchX86_64, 16, 64, 8, 7, "60", 0.768, 0.2688},
		{"m6g.medium", ArchARM64, 1, 4, 2, 1, "4", 0.0385, 0.013475},
		{"c7i.large", ArchX86_64, 2, 4, 3, 2, "unknown", 0.08925, 0.0312375},
		{"r7g.4xlarge", ArchARM64, 16, 128, 8, 7, "60", 0.8568, 0.29988},
		{"m6i.8xlarge", ArchX86_64, 32, 128, 8, 7, "90", 1.536, 0.5376},
		{"m6i.12xlarge", ArchX86_64, 48, 192, 8, 7, "120", 2.304, 0.8064},
		{"m6i.16xlarge", ArchX86_64, 64, 256, 15, 14, "120", 3.072, 1.0752},
		{"c6i.8xlarge", ArchX86_64, 32, 64, 8, 7, "90", 1.36, 0.476},
		{"c6i.12xlarge", ArchX86_64, 48, 96, 8, 7, "120", 2.04, 0.714},
		{"c6i.16xlarge", ArchX86_64, 64, 128, 15, 14, "120", 2.72, 0.952},
		{"r6i.8xlarge", ArchX86_64, 32, 256, 8, 7, "90", 2.016, 0.7056},
		{"r6i.12xlarge", ArchX86_64, 48, 384, 8, 7, "120", 3.024, 1.0584},
		{"r6i.16xlarge", ArchX86_64, 64, 512, 15, 14, "120", 4.032, 1.4112},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := c.Lookup(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%v %v %v %v %v", it.Arch, it.VCPUs, it.Memory, it.MaxENIs, it.Trunk)
			want := fmt.Sprintf("%v %v %v %v %v", tt.arch, tt.vcpu, MiB(tt.gib*1024), tt.enis, tt.trunk)
			if got != want {
				t.Errorf("arch vcpu memory enis trunk = %s, want %s", got, want)
			}
			if n, exact := it.AwsvpcTasks(false); n != tt.awsvpc || !exact {
				t.Errorf("AwsvpcTasks(false) = %d, %v, want %d", n, exact, tt.awsvpc)
			}
			p, err := c.Price(tt.name, "us-east-1")
			if err != nil {
				t.Fatal(err)
			}
			if !near(float64(p.OnDemand), tt.onDemand) || !near(float64(p.Spot), tt.spot) {
				t.Errorf("price = %v / %v, want %v / %v", p.OnDemand, p.Spot, tt.onDemand, tt.spot)
			}
		})
	}
}

// TestEmbeddedShapes checks each family's memory-per-vCPU ratio and that
// prices within a non-burstable family are linear in vCPUs within 0.2% (AWS
// rounds medium sizes to four decimals: c7g.medium 0.0363 vs 0.0725 / 2).
func TestEmbeddedShapes(t *testing.T) {
	c := Default()
	gibPerVCPU := map[byte]int{'m': 4, 'c': 2, 'r': 8}
	for _, fam := range c.Families() {
		types, err := c.Family(fam)
		if err != nil {
			t.Fatal(err)
		}
		base, _ := c.Price(types[0].Name, "us-east-1")
		for _, it := range types {
			if ratio, ok := gibPerVCPU[fam[0]]; ok && it.Memory != MiB(it.VCPUs*ratio*1024) {
				t.Errorf("%s: %v for %d vCPUs, want %d GiB per vCPU", it.Name, it.Memory, it.VCPUs, ratio)
			}
			if it.Family != fam || it.Name != it.Family+"."+it.Size || it.GPUs != 0 {
				t.Errorf("%s: family %q size %q gpus %d", it.Name, it.Family, it.Size, it.GPUs)
			}
			p, _ := c.Price(it.Name, "us-east-1")
			perVCPU, basePerVCPU := float64(p.OnDemand)/float64(it.VCPUs), float64(base.OnDemand)/float64(types[0].VCPUs)
			if fam[0] != 't' && math.Abs(perVCPU/basePerVCPU-1) > 0.002 {
				t.Errorf("%s: %v per vCPU, family base %v", it.Name, perVCPU, basePerVCPU)
			}
		}
	}
}

// TestEmbeddedSourcesDefined checks every source tag used by a row is
// defined in [sources], and every price row has a date.
func TestEmbeddedSourcesDefined(t *testing.T) {
	c := Default()
	sources := c.Sources()
	check := func(what, tags string) {
		t.Helper()
		if tags == "" {
			t.Errorf("%s: no source", what)
		}
		for _, tag := range strings.Fields(tags) {
			if _, ok := sources[tag]; !ok {
				t.Errorf("%s: source tag %q is not defined in [sources]", what, tag)
			}
		}
	}
	for _, it := range c.InstanceTypes() {
		check(it.Name, it.Source)
		p, err := c.Price(it.Name, "us-east-1")
		if err != nil {
			t.Fatal(err)
		}
		check(it.Name+" price", p.Source)
		if len(p.Date) != 10 {
			t.Errorf("%s price date %q", it.Name, p.Date)
		}
	}
	for _, region := range c.Regions() {
		rates, _ := c.FargateRates(region)
		for _, r := range rates {
			check(region+" "+r.Platform.String(), r.Source)
		}
		s, _ := c.FargateStorage(region)
		check(region+" storage", s.Source)
	}
	for _, s := range c.FargateSizes(OSLinux) {
		check(fmt.Sprint("size ", s.CPU), s.Source)
	}
}

func TestLookupSuggestions(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		want []string
	}{
		{"m6i.larg", []string{"m6i.large", "c6i.large", "m6g.large"}},
		{"m6.large", []string{"m5.large", "m6g.large", "m6i.large"}},
		{"r6i.16xl", []string{"r6i.16xlarge", "c6i.16xlarge", "m6i.16xlarge"}},
		{"t3.nano", []string{"t3.large", "t3.micro", "t3.small"}}, // equal distances: by name
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Lookup(tt.name)
			var ue *UnknownInstanceTypeError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want *UnknownInstanceTypeError", err)
			}
			if !slices.Equal(ue.Suggestions, tt.want) {
				t.Errorf("suggestions %v, want %v", ue.Suggestions, tt.want)
			}
			if !strings.Contains(err.Error(), "did you mean "+tt.want[0]) {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestRegionErrors(t *testing.T) {
	c := Default()
	if got := c.Regions(); !slices.Equal(got, []string{"eu-west-1", "us-east-1"}) {
		t.Fatalf("Regions() = %v", got)
	}
	_, err := c.Price("m6i.large", "mars-north-1")
	var re *UnknownRegionError
	if !errors.As(err, &re) || !slices.Equal(re.Known, c.Regions()) {
		t.Fatalf("err = %v, want *UnknownRegionError listing the regions", err)
	}
	if !strings.Contains(err.Error(), "known regions: eu-west-1, us-east-1") {
		t.Errorf("message %q", err)
	}
	// eu-west-1 is known (Fargate) but has no EC2 prices in the embedded data.
	_, err = c.Price("m6i.large", "eu-west-1")
	var np *NoPriceError
	if !errors.As(err, &np) {
		t.Fatalf("err = %v, want *NoPriceError", err)
	}
	if _, err := c.FargateRate("us-west-2", LinuxX86_64, false); !errors.As(err, &re) {
		t.Errorf("FargateRate in unknown region: %v", err)
	}
	if _, err := c.InstanceTypesIn("nowhere-1"); !errors.As(err, &re) {
		t.Errorf("InstanceTypesIn: %v", err)
	}
}

func TestFamiliesAndFilters(t *testing.T) {
	c := Default()
	m6i, err := c.Family("m6i")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"m6i.large", "m6i.xlarge", "m6i.2xlarge", "m6i.4xlarge", "m6i.8xlarge", "m6i.12xlarge", "m6i.16xlarge"}
	if !slices.Equal(m6i.Names(), want) {
		t.Errorf("m6i = %v", m6i.Names())
	}
	var fe *UnknownFamilyError
	if _, err := c.Family("m6"); !errors.As(err, &fe) || !slices.Contains(fe.Known, "m6i") {
		t.Errorf("Family(m6) = %v", err)
	}
	arm := c.InstanceTypes().Arch(ArchARM64)
	for _, it := range arm {
		if !slices.Contains([]string{"t4g", "m6g", "m7g", "c6g", "c7g", "r6g", "r7g"}, it.Family) {
			t.Errorf("%s listed as arm64", it.Name)
		}
	}
	if len(arm) != 6+5*6 {
		t.Errorf("%d arm64 types, want 36", len(arm))
	}
	priced, _ := c.InstanceTypesIn("us-east-1")
	if len(priced) != len(c.InstanceTypes()) {
		t.Errorf("%d of %d types priced in us-east-1", len(priced), len(c.InstanceTypes()))
	}
	if eu, _ := c.InstanceTypesIn("eu-west-1"); len(eu) != 0 {
		t.Errorf("eu-west-1 has EC2 prices for %v; the embedded data has none", eu.Names())
	}
}

func TestInstanceTypesAreCopies(t *testing.T) {
	c := Default()
	types := c.InstanceTypes()
	types[0].Name = "changed"
	if c.InstanceTypes()[0].Name == "changed" {
		t.Fatal("InstanceTypes returned the catalogue's own slice")
	}
}

func TestAwsvpcTasksTrunking(t *testing.T) {
	c := Default()
	tests := []struct {
		name  string
		tasks int
		exact bool
	}{
		{"m5.large", 10, true},      // [S10]: 2 → 10
		{"m5.4xlarge", 60, true},    // [S10]: 7 → 60
		{"t3.large", 2, false},      // cannot trunk: the non-trunking count
		{"m7i.large", 2, false},     // limit unknown: the non-trunking count
		{"r6i.16xlarge", 120, true}, // [S10]
	}
	for _, tt := range tests {
		it, err := c.Lookup(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if n, exact := it.AwsvpcTasks(true); n != tt.tasks || exact != tt.exact {
			t.Errorf("%s: AwsvpcTasks(true) = %d, %v, want %d, %v", tt.name, n, exact, tt.tasks, tt.exact)
		}
	}
}

func TestParseArchAndOS(t *testing.T) {
	for in, want := range map[string]Arch{"x86_64": ArchX86_64, "X86_64": ArchX86_64, "arm64": ArchARM64, "ARM64": ArchARM64} {
		if got, err := ParseArch(in); err != nil || got != want {
			t.Errorf("ParseArch(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseArch("amd64"); err == nil {
		t.Error("ParseArch(amd64) accepted")
	}
	if got, err := ParseOS("WINDOWS"); err != nil || got != OSWindows {
		t.Errorf("ParseOS(WINDOWS) = %v, %v", got, err)
	}
}

func TestQuantityStrings(t *testing.T) {
	got := []string{CPUUnits(2048).String(), MiB(8192).String(), GiB(20).String(), USDPerHour(0.096).String(),
		USDPerVCPUHour(0.04048).String(), USDPerGBHour(0.004445).String(), USDPerGBMonth(0.08).String(),
		Fraction(0.35).String(), TrunkTasks(10).String(), TrunkUnsupported().String(), TrunkUnknown().String(),
		LinuxARM64.String()}
	want := []string{"2048 CPU units", "8192 MiB", "20 GiB", "0.096 USD/h", "0.04048 USD/vCPU-h", "0.004445 USD/GB-h",
		"0.08 USD/GB-month", "0.35", "10", "unsupported", "unknown", "linux/arm64"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if v := CPUUnits(256).VCPUs(); v != 0.25 {
		t.Errorf("256 units = %v vCPU", v)
	}
	if g := MiB(1536).GiB(); g != 1.5 {
		t.Errorf("1536 MiB = %v GiB", g)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
