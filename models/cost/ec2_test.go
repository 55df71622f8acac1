package cost

import (
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

func TestEC2Billing(t *testing.T) {
	tests := []struct {
		name   string
		run    time.Duration
		billed float64 // seconds
	}{
		{"under the minimum", 30 * time.Second, 60},
		{"exactly the minimum", 60 * time.Second, 60},
		{"rounds up to the second", 61200 * time.Millisecond, 62},
		{"a nanosecond over rounds up", 120*time.Second + 1, 121},
		{"one hour", time.Hour, 3600},
		{"zero length", 0, 60},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newMeter(t, noEBS())
			m.InstanceStarted(3, m6i("asg", OnDemand), sec(10))
			m.InstanceStopped(3, sec(10).Add(tc.run))
			r := finish(t, m, sec(10).Add(tc.run))
			assertUSD(t, "total", r.TotalUSD, m6iLarge*tc.billed/hour)
			u := r.Instances[0]
			if u.Instances != 1 || !near(u.BilledHours, tc.billed/hour) || !near(u.RunHours, tc.run.Hours()) {
				t.Errorf("usage %+v, want 1 instance, %v s billed, %v s run", u, tc.billed, tc.run)
			}
			assertUSD(t, "unused", r.UnusedUSD, r.TotalUSD)
		})
	}
}

func TestEC2Config(t *testing.T) {
	tests := []struct {
		name string
		cfg  func(*Config)
		want float64
	}{
		{"no minimum", func(c *Config) { c.EC2Minimum = 0 }, m6iLarge * 30 / hour},
		{"default root volume", func(c *Config) { c.RootVolumeGiB = 30 }, (m6iLarge/hour + 30*gp3/gbMonthSecs) * 60},
		{"per-provider volume", func(c *Config) {
			c.RootVolumeGiB = 30
			c.RootVolumeGiBByProvider = map[string]int{"asg": 100}
		}, (m6iLarge/hour + 100*gp3/gbMonthSecs) * 60},
		{"provider without volume", func(c *Config) {
			c.RootVolumeGiB = 30
			c.RootVolumeGiBByProvider = map[string]int{"asg": 0}
		}, m6iLarge * 60 / hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := noEBS()
			tc.cfg(&cfg)
			m := newMeter(t, cfg)
			m.InstanceStarted(0, m6i("asg", OnDemand), 0)
			m.InstanceStopped(0, sec(30))
			assertUSD(t, "total", finish(t, m, sec(30)).TotalUSD, tc.want)
		})
	}
}

func TestEBSLine(t *testing.T) {
	m := newMeter(t, DefaultConfig())
	m.InstanceStarted(0, m6i("asg", OnDemand), 0)
	m.InstanceStarted(1, m6i("asg", Spot), 0)
	r := finish(t, m, sec(3600))
	assertUSD(t, "EBS", r.Kind(EBS), 2*30*gp3*3600/gbMonthSecs)
	assertUSD(t, "EC2 On-Demand", r.Kind(EC2OnDemand), m6iLarge)
	assertUSD(t, "EC2 Spot", r.Kind(EC2Spot), m6iLargeSpot)
	var ebs []Line
	for _, l := range r.Lines {
		if l.Kind == EBS {
			ebs = append(ebs, l)
		}
	}
	if len(ebs) != 1 || ebs[0].Unit != "GB-months" || !near(ebs[0].Quantity, 60.0/730) || ebs[0].Rate != gp3 {
		t.Fatalf("EBS lines %+v, want one line of 60/730 GB-months at 0.08", ebs)
	}
}

func TestSpotInterruption(t *testing.T) {
	tests := []struct {
		name      string
		free      bool
		run       float64
		instSec   float64
		uncharged int
	}{
		{"within the first hour is free", true, 1800, 0, 1},
		{"after the first hour is charged", true, 3700, 3700, 0},
		{"rule switched off", false, 1800, 1800, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.FreeSpotInterruptionFirstHour = tc.free
			m := newMeter(t, cfg)
			svc := m.Service("web")
			m.InstanceStarted(0, m6i("spot", Spot), 0)
			m.Reserve(0, svc, 2048, 8000, 0)
			m.InstanceInterrupted(0, sec(tc.run))
			r := finish(t, m, sec(tc.run))
			ebs := 30 * gp3 * tc.run / gbMonthSecs
			assertUSD(t, "Spot", r.Kind(EC2Spot), m6iLargeSpot*tc.instSec/hour)
			assertUSD(t, "EBS", r.Kind(EBS), ebs)
			// Fully reserved for the whole run: the service pays everything.
			s, _ := r.Service("web")
			assertUSD(t, "web", s.EC2USD, r.TotalUSD)
			if r.Instances[0].Uncharged != tc.uncharged {
				t.Errorf("uncharged %d, want %d", r.Instances[0].Uncharged, tc.uncharged)
			}
		})
	}
}

func TestApportioning(t *testing.T) {
	m := newMeter(t, noEBS())
	a, b := m.Service("a"), m.Service("b")
	idle := m.Service("idle")
	m.InstanceStarted(7, m6i("asg", OnDemand), 0)
	// a: two tasks of 512 CPU / 1000 MiB for the hour: ½(1024/2048 + 2000/8000) = 0.375.
	m.Reserve(7, a, 512, 1000, 0)
	m.Reserve(7, a, 512, 1000, 0)
	// idle reserves and releases at the same instant: no share.
	m.Reserve(7, idle, 100, 100, sec(900))
	m.Release(7, idle, 100, 100, sec(900))
	// b: 512 CPU / 4000 MiB for the second half hour: ½(0.25 + 0.5) × ½ h.
	m.Reserve(7, b, 512, 4000, sec(1800))
	m.InstanceStopped(7, sec(3600))
	r := finish(t, m, sec(3600))
	sa, _ := r.Service("a")
	sb, _ := r.Service("b")
	si, _ := r.Service("idle")
	assertUSD(t, "a", sa.EC2USD, 0.375*m6iLarge)
	assertUSD(t, "b", sb.EC2USD, 0.375*m6iLarge/2)
	assertUSD(t, "idle", si.USD, 0)
	assertUSD(t, "unused", r.UnusedUSD, m6iLarge*(1-0.375-0.1875))
	p, _ := r.Provider("asg")
	assertUSD(t, "provider unused", p.UnusedUSD, r.UnusedUSD)
}

func TestMinimumTopUpIsUnused(t *testing.T) {
	m := newMeter(t, noEBS())
	svc := m.Service("web")
	m.InstanceStarted(0, m6i("asg", OnDemand), 0)
	m.Reserve(0, svc, 2048, 8000, 0) // the whole instance
	m.InstanceStopped(0, sec(20))
	r := finish(t, m, sec(20))
	s, _ := r.Service("web")
	assertUSD(t, "web", s.USD, m6iLarge*20/hour)
	assertUSD(t, "unused", r.UnusedUSD, m6iLarge*40/hour)
	assertUSD(t, "total", r.TotalUSD, m6iLarge*60/hour)
}

func TestRunningAtFinish(t *testing.T) {
	m := newMeter(t, noEBS())
	svc := m.Service("web")
	m.InstanceStarted(0, m6i("asg", OnDemand), 0)
	m.Reserve(0, svc, 1024, 4000, sec(1800))
	m.InstanceStarted(1, m6i("asg", OnDemand), sec(3590))
	// Finish does not change the meter: bill at two times, then go on.
	mid := finish(t, m, sec(3600))
	assertUSD(t, "at 1 h", mid.TotalUSD, m6iLarge*(3600+60)/hour)
	assertUSD(t, "web at 1 h", mid.ByService[0].USD, m6iLarge*0.5*0.5)
	m.Release(0, svc, 1024, 4000, sec(5400))
	m.InstanceStopped(1, sec(5400))
	end := finish(t, m, sec(7200))
	assertUSD(t, "at 2 h", end.TotalUSD, m6iLarge*(7200+1810)/hour)
	assertUSD(t, "web at 2 h", end.ByService[0].USD, m6iLarge*0.5*1)
	if end.Instances[0].Instances != 2 {
		t.Fatalf("instances %d, want 2", end.Instances[0].Instances)
	}
}

func TestIDReuse(t *testing.T) {
	m := newMeter(t, noEBS())
	m.InstanceStarted(0, m6i("asg", OnDemand), 0)
	m.InstanceStopped(0, sec(100))
	m.InstanceStarted(0, m6i("asg", Spot), sec(100))
	m.InstanceStopped(0, sec(200))
	r := finish(t, m, sec(200))
	assertUSD(t, "total", r.TotalUSD, (m6iLarge+m6iLargeSpot)*100/hour)
}

func TestQuantisedIntegralsStayWithinCapacity(t *testing.T) {
	// Sub-millisecond event times: the integrals are taken on a millisecond
	// grid and must never exceed capacity × lifetime, so shares stay ≤ 1.
	m := newMeter(t, noEBS())
	svc := m.Service("web")
	m.InstanceStarted(0, m6i("asg", OnDemand), sim.Time(999_999))
	m.Reserve(0, svc, 2048, 8000, sim.Time(999_999))
	m.InstanceStopped(0, sim.Time(61*time.Second+1))
	r := finish(t, m, sim.Time(61*time.Second+1))
	if r.UnusedUSD < 0 || r.ByService[0].USD > r.TotalUSD {
		t.Fatalf("service %v, unused %v of total %v", r.ByService[0].USD, r.UnusedUSD, r.TotalUSD)
	}
}
