package cost

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
)

func TestFargateBilling(t *testing.T) {
	tests := []struct {
		name   string
		task   FargateTask
		run    time.Duration
		kind   Kind
		perSec float64 // USD per billed second
		billed float64 // seconds
	}{
		{"1 vCPU 2 GB ten minutes", linuxTask("web", 1024, 2048), 10 * time.Minute, Fargate,
			(fgVCPU + 2*fgGB) / hour, 600},
		{"quarter vCPU under the minimum", linuxTask("web", 256, 512), 20 * time.Second, Fargate,
			(0.25*fgVCPU + 0.5*fgGB) / hour, 60},
		{"rounds up to the second", linuxTask("web", 1024, 2048), 90*time.Second + time.Millisecond, Fargate,
			(fgVCPU + 2*fgGB) / hour, 91},
		{"spot", func() FargateTask { f := linuxTask("web", 2048, 4096); f.Spot = true; return f }(), time.Hour,
			FargateSpot, fgSpot * (2*fgVCPU + 4*fgGB) / hour, 3600},
		{"arm64", func() FargateTask { f := linuxTask("web", 1024, 2048); f.Platform = catalog.LinuxARM64; return f }(),
			time.Hour, Fargate, (0.03238 + 2*0.00356) / hour, 3600},
		{"windows pays its licence", func() FargateTask {
			f := linuxTask("web", 1024, 2048)
			f.Platform = catalog.WindowsX86_64
			return f
		}(), time.Hour, Fargate, (0.09148 + 0.046 + 2*0.01005) / hour, 3600},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newMeter(t, DefaultConfig())
			m.FargateStarted(5, tc.task, sec(1))
			m.FargateStopped(5, sec(1).Add(tc.run))
			r := finish(t, m, sec(1).Add(tc.run))
			want := tc.perSec * tc.billed
			assertUSD(t, "total", r.TotalUSD, want)
			assertUSD(t, tc.kind.String(), r.Kind(tc.kind), want)
			s, _ := r.Service("web")
			assertUSD(t, "service", s.FargateUSD, want)
			assertUSD(t, "unused", r.UnusedUSD, 0)
			u := r.Fargate[0]
			if u.Tasks != 1 || !near(u.TaskHours, tc.billed/hour) || !near(u.VCPUHours, tc.task.CPU.VCPUs()*tc.billed/hour) {
				t.Errorf("usage %+v", u)
			}
		})
	}
}

func TestFargateEphemeralStorage(t *testing.T) {
	m := newMeter(t, DefaultConfig())
	for i, gib := range []int{0, 20, 50, 200} {
		task := linuxTask("batch", 1024, 2048)
		task.EphemeralGiB = gib
		task.Spot = gib == 200 // storage is not discounted on Spot
		m.FargateStarted(TaskID(i), task, 0)
	}
	r := finish(t, m, sec(3600))
	assertUSD(t, "storage", r.Kind(FargateStorage), (30+180)*fgStorage)
	assertUSD(t, "Fargate", r.Kind(Fargate), 3*(fgVCPU+2*fgGB))
	assertUSD(t, "Fargate Spot", r.Kind(FargateSpot), fgSpot*(fgVCPU+2*fgGB))
	s, _ := r.Service("batch")
	assertUSD(t, "service", s.USD, r.TotalUSD)
	var extra float64
	for _, u := range r.Fargate {
		extra += u.ExtraStorageGBHours
	}
	if !near(extra, 210) {
		t.Fatalf("extra storage %v GB-hours, want 210", extra)
	}
}

func TestFargateLinesMergeSizes(t *testing.T) {
	m := newMeter(t, DefaultConfig())
	m.FargateStarted(0, linuxTask("a", 256, 512), 0)
	m.FargateStarted(1, linuxTask("b", 4096, 8192), 0)
	m.FargateStopped(0, sec(1800))
	r := finish(t, m, sec(3600))
	if len(r.Lines) != 2 {
		t.Fatalf("lines %+v, want one vCPU and one memory line", r.Lines)
	}
	for _, l := range r.Lines {
		switch l.Unit {
		case "vCPU-hours":
			if !near(l.Quantity, 0.25*0.5+4) || l.Item != "linux/x86_64 vCPU" {
				t.Errorf("vCPU line %+v", l)
			}
		case "GB-hours":
			if !near(l.Quantity, 0.5*0.5+8) || l.Item != "linux/x86_64 memory" {
				t.Errorf("memory line %+v", l)
			}
		default:
			t.Errorf("unexpected line %+v", l)
		}
	}
}

func TestTaskIDReuse(t *testing.T) {
	m := newMeter(t, DefaultConfig())
	m.FargateStarted(0, linuxTask("a", 1024, 2048), 0)
	m.FargateStopped(0, sec(600))
	m.FargateStarted(0, linuxTask("b", 1024, 2048), sec(600))
	r := finish(t, m, sec(1200))
	a, _ := r.Service("a")
	b, _ := r.Service("b")
	assertUSD(t, "a", a.USD, (fgVCPU+2*fgGB)/6)
	assertUSD(t, "b", b.USD, (fgVCPU+2*fgGB)/6)
	if r.Fargate[0].Tasks != 2 {
		t.Fatalf("tasks %d, want 2", r.Fargate[0].Tasks)
	}
}
