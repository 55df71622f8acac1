package catalog

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestFargateRates(t *testing.T) {
	c := Default()
	tests := []struct {
		region    string
		p         Platform
		vcpu, gb  float64
		licence   float64
		verified  bool
		noteWords string
	}{
		{"us-east-1", LinuxX86_64, 0.04048, 0.004445, 0, true, ""},
		{"us-east-1", LinuxARM64, 0.03238, 0.00356, 0, true, ""},
		{"us-east-1", WindowsX86_64, 0.09148, 0.01005, 0.046, true, ""},
		{"eu-west-1", LinuxX86_64, 0.04048, 0.004445, 0, true, ""},
		{"eu-west-1", LinuxARM64, 0.03238, 0.00356, 0, false, "ARM64 rate not verified"},
		{"eu-west-1", WindowsX86_64, 0.09148, 0.01005, 0.046, false, "Windows rate not verified"},
	}
	for _, tt := range tests {
		t.Run(tt.region+"/"+tt.p.String(), func(t *testing.T) {
			r, err := c.FargateRate(tt.region, tt.p, false)
			if err != nil {
				t.Fatal(err)
			}
			if float64(r.VCPU) != tt.vcpu || float64(r.Memory) != tt.gb || float64(r.OSLicence) != tt.licence {
				t.Errorf("rate = %v, %v, licence %v", r.VCPU, r.Memory, r.OSLicence)
			}
			if r.Verified != tt.verified || !strings.Contains(r.Note, tt.noteWords) {
				t.Errorf("verified %v note %q", r.Verified, r.Note)
			}
			if r.Spot || r.SpotFactor != 0 || r.Region != tt.region || r.Platform != tt.p {
				t.Errorf("identity fields %+v", r)
			}
		})
	}
	rates, err := c.FargateRates("us-east-1")
	if err != nil || len(rates) != 3 || rates[0].Platform != LinuxX86_64 || rates[2].Platform != WindowsX86_64 {
		t.Errorf("FargateRates = %+v, %v", rates, err)
	}
}

func TestFargateSpot(t *testing.T) {
	c := Default()
	od, _ := c.FargateRate("us-east-1", LinuxARM64, false)
	spot, err := c.FargateRate("us-east-1", LinuxARM64, true)
	if err != nil {
		t.Fatal(err)
	}
	if !spot.Spot || spot.SpotFactor != 0.30 || !near(float64(spot.VCPU), 0.3*float64(od.VCPU)) ||
		!near(float64(spot.Memory), 0.3*float64(od.Memory)) {
		t.Errorf("spot = %+v", spot)
	}
	_, err = c.FargateRate("us-east-1", WindowsX86_64, true)
	var ne *NoFargateRateError
	if !errors.As(err, &ne) || !strings.Contains(err.Error(), "does not run Windows") {
		t.Errorf("Windows Spot: %v", err)
	}
	if _, err := c.FargateRate("us-east-1", Platform{OSWindows, ArchARM64}, false); !errors.As(err, &ne) {
		t.Errorf("Windows ARM64: %v", err)
	}
	c2, err := c.WithFargateSpotFactor(0.5)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := c2.FargateRate("us-east-1", LinuxX86_64, true); !near(float64(s.VCPU), 0.02024) {
		t.Errorf("factor 0.5: %v", s.VCPU)
	}
	if _, err := c.WithFargateSpotFactor(1.5); err == nil {
		t.Error("factor 1.5 accepted")
	}
}

func TestFargateHourly(t *testing.T) {
	c := Default()
	linux, _ := c.FargateRate("us-east-1", LinuxX86_64, false)
	windows, _ := c.FargateRate("us-east-1", WindowsX86_64, false)
	tests := []struct {
		name string
		r    FargateRate
		cpu  CPUUnits
		mem  MiB
		want float64
	}{
		{"linux 1 vCPU 2 GB", linux, 1024, 2048, 0.04048 + 2*0.004445},
		{"linux 0.25 vCPU 0.5 GB", linux, 256, 512, 0.25*0.04048 + 0.5*0.004445},
		{"windows 1 vCPU 2 GB with licence", windows, 1024, 2048, 0.09148 + 0.046 + 2*0.01005},
	}
	for _, tt := range tests {
		if got := tt.r.Hourly(tt.cpu, tt.mem); !near(float64(got), tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// Cross-check with infracost's golden output (fixtures/real-world/terraform):
	// 1 vCPU for 730 h = $29.55 and 2 GB for 730 h = $6.49.
	if v := math.Round(float64(linux.Hourly(1024, 0))*730*100) / 100; v != 29.55 {
		t.Errorf("1 vCPU-month = %v, infracost says 29.55", v)
	}
	if v := math.Round(float64(linux.Hourly(0, 2048))*730*100) / 100; v != 6.49 {
		t.Errorf("2 GB-month = %v, infracost says 6.49", v)
	}
}

func TestFargateStorage(t *testing.T) {
	c := Default()
	s, err := c.FargateStorage("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Free != 20 || s.Max != 200 || !s.Verified {
		t.Errorf("storage = %+v", s)
	}
	if got := s.Hourly(20); got != 0 {
		t.Errorf("20 GiB costs %v, want 0 (included)", got)
	}
	if got := s.Hourly(50); !near(float64(got), 30*0.000111) {
		t.Errorf("50 GiB costs %v", got)
	}
	if eu, _ := c.FargateStorage("eu-west-1"); eu.Verified {
		t.Error("eu-west-1 storage should be flagged unverified")
	}
}

func TestEBSPrice(t *testing.T) {
	c := Default()
	p, err := c.EBSPrice("us-east-1", "gp3")
	if err != nil || p.Rate != 0.08 {
		t.Fatalf("gp3 = %+v, %v", p, err)
	}
	if !near(float64(p.Rate.PerHour()), 0.08/730) {
		t.Errorf("per hour %v", p.Rate.PerHour())
	}
	if _, err := c.EBSPrice("us-east-1", "io2"); err == nil {
		t.Error("io2 has no price")
	}
}
