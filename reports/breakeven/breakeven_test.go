package breakeven

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/models/catalog"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// TestHandComputed checks one row against figures worked out from the
// catalogue by hand: m6i.xlarge (4 vCPU, 16 GiB, 0.192 USD/h in
// us-east-1) and a 0.5 vCPU / 1 GiB task.
func TestHandComputed(t *testing.T) {
	cat := catalog.Default()
	a, err := Analyze(cat, Config{Region: "us-east-1", CPU: 512, Memory: 1024, InstanceTypes: []string{"m6i.xlarge"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rows) != 1 {
		t.Fatalf("%d rows, want 1", len(a.Rows))
	}
	r := a.Rows[0]
	it, _ := cat.Lookup("m6i.xlarge")
	reg, _ := it.Register(0)
	price, _ := cat.Price("m6i.xlarge", "us-east-1")
	rate, _ := cat.FargateRate("us-east-1", catalog.LinuxX86_64, false)
	// CPU binds: 4096/512 = 8 tasks; memory holds ⌊reg/1024⌋ ≥ 15.
	if r.TasksPerInstance != 8 || r.Limit != LimitCPU || reg.Memory/1024 < 8 {
		t.Fatalf("fit: %d tasks limited by %s (registered %v)", r.TasksPerInstance, r.Limit, reg)
	}
	fargate := 0.5*float64(rate.VCPU) + 1*float64(rate.Memory)
	if !near(r.FargateUSDPerTaskHour, fargate) {
		t.Errorf("Fargate task-hour %v, want %v", r.FargateUSDPerTaskHour, fargate)
	}
	want := float64(price.OnDemand) / (8 * fargate)
	if !near(r.OnDemandVsFargate, want) {
		t.Errorf("break-even %v, want %v", r.OnDemandVsFargate, want)
	}
	// At the break-even utilisation both cost the same per task-hour.
	if got := r.EC2USDPerTaskHour(r.OnDemandVsFargate, false); !near(got, fargate) {
		t.Errorf("EC2 task-hour at break-even %v, want %v", got, fargate)
	}
	if !near(r.ReservedCPUPct, 100*want*8*512/4096) {
		t.Errorf("reserved CPU at break-even %v", r.ReservedCPUPct)
	}
	if !(r.SpotVsFargateSpot < r.OnDemandVsFargateSpot && r.SpotVsFargate < r.OnDemandVsFargate && r.OnDemandVsFargate < r.OnDemandVsFargateSpot) {
		t.Errorf("break-evens out of order: %+v", r)
	}
}

func TestENILimitAndTrunking(t *testing.T) {
	cat := catalog.Default()
	it, err := cat.Lookup("m5.large")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Region: "us-east-1", CPU: 256, Memory: 512, AWSVPC: true, InstanceTypes: []string{"m5.large"}}
	a, err := Analyze(cat, cfg)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := it.AwsvpcTasks(false)
	if r := a.Rows[0]; r.TasksPerInstance != plain || r.Limit != LimitENI {
		t.Errorf("without trunking: %d tasks (%s), want %d (eni)", r.TasksPerInstance, r.Limit, plain)
	}
	cfg.ENITrunking = true
	b, err := Analyze(cat, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if b.Rows[0].TasksPerInstance <= plain || b.Rows[0].OnDemandVsFargate >= a.Rows[0].OnDemandVsFargate {
		t.Errorf("trunking should fit more tasks and lower the break-even: %+v vs %+v", b.Rows[0], a.Rows[0])
	}
}

func TestUnfitAndFamilies(t *testing.T) {
	cat := catalog.Default()
	a, err := Analyze(cat, Config{Region: "us-east-1", CPU: 4096, Memory: 30720, Families: []string{"m6i"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Unfit) == 0 || a.Unfit[0].InstanceType != "m6i.large" {
		t.Errorf("unfit %+v, want m6i.large first", a.Unfit)
	}
	for _, r := range a.Rows {
		if !strings.HasPrefix(r.InstanceType, "m6i.") || r.TasksPerInstance < 1 {
			t.Errorf("row %+v", r)
		}
	}
	if a.FargateCPU != 4096 || a.FargateMemory != 30720 {
		t.Errorf("Fargate size %d/%d", a.FargateCPU, a.FargateMemory)
	}
}

func TestGravitonComparesWithFargateARM(t *testing.T) {
	cat := catalog.Default()
	a, err := Analyze(cat, Config{Region: "us-east-1", CPU: 1024, Memory: 2048, InstanceTypes: []string{"m7g.large", "m7i.large"}})
	if err != nil {
		t.Fatal(err)
	}
	arm, _ := cat.FargateRate("us-east-1", catalog.LinuxARM64, false)
	if got, want := a.Rows[0].FargateUSDPerTaskHour, float64(arm.Hourly(1024, 2048)); !near(got, want) {
		t.Errorf("m7g compared with %v per task-hour, want Fargate ARM %v", got, want)
	}
	if a.Rows[0].FargateUSDPerTaskHour >= a.Rows[1].FargateUSDPerTaskHour {
		t.Errorf("Fargate ARM should be cheaper than x86: %+v", a.Rows)
	}
}

func TestFargateSize(t *testing.T) {
	cat := catalog.Default()
	tests := []struct {
		cpu     catalog.CPUUnits
		mem     catalog.MiB
		wantCPU catalog.CPUUnits
		wantMem catalog.MiB
	}{
		{256, 512, 256, 512},
		{300, 600, 512, 1024},
		{256, 4096, 512, 4096},
		{1024, 1000, 1024, 2048},
		{4096, 30000, 4096, 30720},
	}
	for _, tt := range tests {
		c, m, err := FargateSize(cat, tt.cpu, tt.mem)
		if err != nil || c != tt.wantCPU || m != tt.wantMem {
			t.Errorf("FargateSize(%d, %d) = %d, %d, %v; want %d, %d", tt.cpu, tt.mem, c, m, err, tt.wantCPU, tt.wantMem)
		}
	}
	if _, _, err := FargateSize(cat, 16384, 200000); err == nil {
		t.Error("no error for a task larger than Fargate's largest size")
	}
}

func TestConfigErrors(t *testing.T) {
	cat := catalog.Default()
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no cpu", Config{Region: "us-east-1", Memory: 512, InstanceTypes: []string{"m6i.large"}}, "CPU:"},
		{"no types", Config{Region: "us-east-1", CPU: 256, Memory: 512}, "Families, InstanceTypes"},
		{"bad region", Config{Region: "mars-1", CPU: 256, Memory: 512, InstanceTypes: []string{"m6i.large"}}, "Region:"},
		{"bad type", Config{Region: "us-east-1", CPU: 256, Memory: 512, InstanceTypes: []string{"m6i.lrge"}}, "InstanceTypes[0]"},
		{"bad family", Config{Region: "us-east-1", CPU: 256, Memory: 512, Families: []string{"zz9"}}, "Families:"},
		{"negative volume", Config{Region: "us-east-1", CPU: 256, Memory: 512, RootVolumeGiB: -1, InstanceTypes: []string{"m6i.large"}}, "RootVolumeGiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Analyze(cat, tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "breakeven: ") {
				t.Errorf("error %v, want one naming %q", err, tt.want)
			}
		})
	}
	var unknown *catalog.UnknownInstanceTypeError
	_, err := Analyze(cat, tests[3].cfg)
	if !errors.As(err, &unknown) {
		t.Errorf("error %v does not wrap *catalog.UnknownInstanceTypeError", err)
	}
}

// TestBreakEvenProperties checks, over many sizes and types, that at u*
// the EC2 and Fargate task-hours cost the same, that EC2 is cheaper above
// it and dearer below, and that Spot never needs more utilisation than
// On-Demand.
func TestBreakEvenProperties(t *testing.T) {
	cat := catalog.Default()
	for _, cpu := range []catalog.CPUUnits{256, 512, 1024, 2048, 4096} {
		for _, mult := range []catalog.MiB{2, 4, 8} {
			a, err := Analyze(cat, Config{Region: "us-east-1", CPU: cpu, Memory: catalog.MiB(cpu) * mult / 2,
				AWSVPC: true, ENITrunking: true, RootVolumeGiB: 30, Families: []string{"m6i", "c7g", "r6i"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range a.Rows {
				u := r.OnDemandVsFargate
				f := r.FargateUSDPerTaskHour
				if !near(r.EC2USDPerTaskHour(u, false), f) || r.EC2USDPerTaskHour(u*1.01, false) >= f || r.EC2USDPerTaskHour(u*0.99, false) <= f {
					t.Errorf("%d/%d on %s: not a crossing at %v", cpu, mult, r.InstanceType, u)
				}
				if r.SpotVsFargate > r.OnDemandVsFargate || r.EBSUSDPerHour <= 0 {
					t.Errorf("%s: %+v", r.InstanceType, r)
				}
			}
		}
	}
}
