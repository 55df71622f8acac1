package cost

import (
	"math"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/models/catalog"
)

// TestParkedInstanceBillsVolumesOnly: an instance that runs 10 minutes, is
// stopped for 50 (a warm pool's Warmed:Stopped), then runs 60 more pays
// 70 minutes of instance usage and 120 of EBS; the stopped period is unused
// capacity, and a period still open at Finish is billed up to then.
func TestParkedInstanceBillsVolumesOnly(t *testing.T) {
	m := newMeter(t, DefaultConfig())
	inst := m6i("asg", OnDemand)
	m.InstanceParked(1, inst, 0) // created stopped, still parked at the end
	m.InstanceStarted(0, inst, 0)
	m.InstanceStopped(0, sec(600))
	m.InstanceParked(0, inst, sec(600))
	m.InstanceUnparked(0, sec(3600))
	m.InstanceStarted(0, inst, sec(3600))
	r := finish(t, m, sec(7200))
	if acc, err := m.AccruedUSD(sec(7200), catalog.Default(), region); err != nil || math.Abs(acc-r.TotalUSD) > 1e-9 {
		t.Errorf("accrued %v (%v), want the bill's %v", acc, err, r.TotalUSD)
	}
	assertUSD(t, "EC2 On-Demand", r.Kind(EC2OnDemand), m6iLarge*(600+3600)/3600)
	assertUSD(t, "EBS", r.Kind(EBS), 30*gp3*(600+3000+3600+7200)/gbMonthSecs)
	assertUSD(t, "unused", r.UnusedUSD, r.TotalUSD)
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestParkedMisuse(t *testing.T) {
	inst := m6i("asg", OnDemand)
	for _, tc := range []struct {
		name, want string
		f          func(m *Meter)
	}{
		{"park a running instance", "is running", func(m *Meter) { m.InstanceStarted(0, inst, 0); m.InstanceParked(0, inst, 0) }},
		{"park twice", "already parked", func(m *Meter) { m.InstanceParked(0, inst, 0); m.InstanceParked(0, inst, 0) }},
		{"unpark what is not parked", "not parked", func(m *Meter) { m.InstanceUnparked(3, 0) }},
		{"start a parked instance", "is parked", func(m *Meter) { m.InstanceParked(0, inst, 0); m.InstanceStarted(0, inst, 0) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), tc.want) {
					t.Fatalf("panic %v, want one saying %q", r, tc.want)
				}
			}()
			tc.f(newMeter(t, DefaultConfig()))
		})
	}
}
