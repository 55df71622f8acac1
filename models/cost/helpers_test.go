package cost

import (
	"math"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

const region = "us-east-1"

// Default catalogue figures used by the hand-computed expectations
// (us-east-1, reference §8.1/§8.2).
const (
	m6iLarge     = 0.096        // USD/h On-Demand
	m6iLargeSpot = 0.096 * 0.35 // Spot factor 0.35
	gp3          = 0.08         // USD/GB-month
	fgVCPU       = 0.04048      // USD/vCPU-h, linux/x86_64
	fgGB         = 0.004445     // USD/GB-h
	fgStorage    = 0.000111     // USD/GB-h above 20 GiB
	fgSpot       = 0.30         // Fargate Spot factor
	gbMonthSecs  = 730 * 3600.0 // seconds in a billing month
	hour         = 3600.0       // seconds
)

// sec converts seconds (possibly fractional) to a sim.Time.
func sec(s float64) sim.Time { return sim.Time(s * float64(time.Second)) }

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

func newMeter(t tb, cfg Config) *Meter {
	t.Helper()
	m, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m
}

// noEBS is the default configuration without root volumes.
func noEBS() Config {
	c := DefaultConfig()
	c.RootVolumeGiB = 0
	return c
}

func m6i(provider string, p Purchase) Instance {
	return Instance{Type: "m6i.large", Purchase: p, AZ: "us-east-1a", Provider: provider,
		RegisteredCPU: 2048, RegisteredMiB: 8000}
}

func linuxTask(service string, cpu catalog.CPUUnits, mem catalog.MiB) FargateTask {
	return FargateTask{Platform: catalog.LinuxX86_64, CPU: cpu, Memory: mem, Provider: "FARGATE", Service: service}
}

func finish(t tb, m *Meter, at sim.Time) Report {
	t.Helper()
	r, err := m.Finish(at, catalog.Default(), region)
	if err != nil {
		t.Fatalf("Finish: %v", err)
	}
	if err := r.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if err := m.Check(); err != nil {
		t.Fatalf("meter Check: %v", err)
	}
	return r
}

func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want))
}

func assertUSD(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %.12g USD, want %.12g", what, got, want)
	}
}
