package models

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// funcHandler lets a test act on the world at a virtual time.
type funcHandler func()

func (f funcHandler) Handle(sim.Time, int64) { f() }

// poolConfig is a two-hour run of one plain group (desired 2, max 6) with
// fixed latencies: launch 60 s, registration 15 s, warm start 10 s.
func poolConfig(t *testing.T, pool *WarmPoolConfig) Config {
	t.Helper()
	cfg := baseConfig(t)
	cfg.Duration = 2 * time.Hour
	cfg.Services = nil
	p := &cfg.Providers[0]
	p.ManagedScaling, p.ManagedTerminationProtection = nil, false
	p.MinSize, p.MaxSize, p.DesiredSize = 0, 6, 2
	p.LaunchLatency, p.RegistrationLatency = Fixed(60*time.Second), Fixed(15*time.Second)
	if pool != nil {
		pool.StartLatency = Fixed(10 * time.Second)
	}
	p.WarmPool = pool
	return cfg
}

// desiredAt sets the group's desired capacity to n at offset at.
type desiredAt struct {
	at time.Duration
	n  int
}

// runPool runs cfg, setting the group's desired capacity at the given
// times, and returns the world and its event log.
func runPool(t *testing.T, cfg Config, desired ...desiredAt) (*World, *Result, []LogEvent) {
	t.Helper()
	w, log := newLogged(t, cfg)
	for _, d := range desired {
		w.eng.At(sim.Time(d.at), funcHandler(func() { w.setDesired(w.providers[0], d.n, "test") }), 0)
	}
	r, err := w.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return w, r, log.events
}

// registrations returns the offsets at which instances registered after
// the start.
func registrations(events []LogEvent) []time.Duration {
	var out []time.Duration
	for _, e := range events {
		if e.Kind == "instance" && e.Message == "registered ACTIVE" && e.At > 0 {
			out = append(out, e.At)
		}
	}
	return out
}

// TestWarmPoolScaleOut: a scale-out from 2 to 4 at 1 h takes two Warmed
// instances, ACTIVE 25 s later (start 10 s + registration 15 s) instead of
// 75 s for cold launches; Warmed:Stopped instances cost no instance-hours
// until they start, Warmed:Running ones cost them all along.
func TestWarmPoolScaleOut(t *testing.T) {
	hour := time.Hour
	for _, tc := range []struct {
		name      string
		pool      *WarmPoolConfig
		ready     time.Duration
		instHours float64
		starts    int
	}{
		{"no pool: cold launches", nil, hour + 75*time.Second, 4 + 2*(3600-60)/3600.0, 0},
		{"Warmed:Stopped", &WarmPoolConfig{}, hour + 25*time.Second, 4 + 2*(3600-10)/3600.0, 2},
		{"Warmed:Running", &WarmPoolConfig{PoolState: "Running"}, hour + 15*time.Second, 12, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, r, events := runPool(t, poolConfig(t, tc.pool), desiredAt{hour, 4})
			regs := registrations(events)
			if len(regs) != 2 || regs[0] != tc.ready || regs[1] != tc.ready {
				t.Fatalf("registrations at %v, want two at %v", regs, tc.ready)
			}
			pr := r.Providers[0]
			if math.Abs(pr.InstanceHours-tc.instHours) > 1e-9 {
				t.Errorf("instance hours %.6f, want %.6f", pr.InstanceHours, tc.instHours)
			}
			if pr.WarmPoolStarts != tc.starts {
				t.Errorf("%d warm pool starts, want %d", pr.WarmPoolStarts, tc.starts)
			}
			// The pool shrinks to max group prepared capacity − desired = 2.
			if tc.pool != nil && len(w.providers[0].pool) != 2 {
				t.Errorf("pool holds %d instances at the end, want 2", len(w.providers[0].pool))
			}
			if r.InstancesLaunched != 2*boolInt(tc.pool == nil) {
				t.Errorf("%d EC2 launches, want %d", r.InstancesLaunched, 2*boolInt(tc.pool == nil))
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestWarmPoolRefillsAfterScaleIn: instances the group scales in are
// terminated, not returned (ECS allows no ReuseOnScaleIn), so the pool
// launches new ones to get back to its size, which costs their
// initialisation (launch and registration time, billed) and volumes.
func TestWarmPoolRefillsAfterScaleIn(t *testing.T) {
	w, r, events := runPool(t, poolConfig(t, &WarmPoolConfig{}), desiredAt{time.Hour, 4}, desiredAt{90 * time.Minute, 2})
	if got := len(w.providers[0].pool); got != 4 {
		t.Errorf("pool holds %d at the end, want 4", got)
	}
	if r.InstancesLaunched != 2 {
		t.Errorf("%d launches, want the 2 that refill the pool", r.InstancesLaunched)
	}
	warmed := 0
	for _, e := range events {
		if e.Kind == "instance" && e.Message == "Warmed:Stopped" && e.At == 90*time.Minute+75*time.Second {
			warmed++
		}
	}
	if warmed != 2 {
		t.Errorf("%d instances warmed 75 s after the scale-in, want 2", warmed)
	}
	// Two group instances for 2 h, two for 30 min − 10 s up to the
	// scale-in at 1.5 h, and the two refills running their 15 s of
	// initialisation (EC2 bills from running, after the 60 s launch).
	want := 4 + 2*(1800-10)/3600.0 + 2*15/3600.0
	if pr := r.Providers[0]; math.Abs(pr.InstanceHours-want) > 1e-9 {
		t.Errorf("instance hours %.6f, want %.6f", pr.InstanceHours, want)
	}
}

// TestWarmPoolSize follows max(MinSize, MaxGroupPreparedCapacity − desired).
func TestWarmPoolSize(t *testing.T) {
	three := 3
	for _, tc := range []struct {
		name string
		pool WarmPoolConfig
		want int
	}{
		{"max size − desired", WarmPoolConfig{}, 4},
		{"prepared capacity − desired", WarmPoolConfig{MaxGroupPreparedCapacity: &three}, 1},
		{"min size wins", WarmPoolConfig{MaxGroupPreparedCapacity: &three, MinSize: 2}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pool := tc.pool
			w, _, _ := runPool(t, poolConfig(t, &pool))
			if got := len(w.providers[0].pool); got != tc.want {
				t.Errorf("pool of %d, want %d", got, tc.want)
			}
		})
	}
}

func TestWarmPoolRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *ProviderConfig)
		want string
	}{
		{"Spot group", func(p *ProviderConfig) { p.Purchase = Spot }, "Spot"},
		{"mixed instances", func(p *ProviderConfig) { p.Mixed = &MixedInstances{OnDemandBase: 1} }, "mixed instances"},
		{"hibernated", func(p *ProviderConfig) { p.WarmPool.PoolState = "Hibernated" }, "Hibernated is not modelled"},
		{"negative min", func(p *ProviderConfig) { p.WarmPool.MinSize = -1 }, "min_size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := poolConfig(t, &WarmPoolConfig{})
			tc.edit(&cfg.Providers[0])
			if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestASGScaleInTerminatesExactly: lowering the desired capacity by two
// terminates two instances and launches none (a termination re-enters
// maintainDesired, which once terminated a third and relaunched one).
func TestASGScaleInTerminatesExactly(t *testing.T) {
	cfg := poolConfig(t, nil)
	cfg.Providers[0].DesiredSize = 4
	_, r, events := runPool(t, cfg, desiredAt{time.Hour, 2})
	terminated := 0
	for _, e := range events {
		if e.Kind == "instance" && strings.HasPrefix(e.Message, "TERMINATED") {
			terminated++
		}
	}
	if terminated != 2 || r.InstancesLaunched != 0 {
		t.Errorf("%d terminated and %d launched, want 2 and 0", terminated, r.InstancesLaunched)
	}
}

// TestWarmPoolShrinksWhileInitialising: on a cold start the pool's four
// instances are still initialising when the group grows to 5; none is
// Warmed, so three cold launches serve the group, and the pool, now sized
// 6 − 5 = 1, terminates three of its initialising instances.
func TestWarmPoolShrinksWhileInitialising(t *testing.T) {
	cfg := poolConfig(t, &WarmPoolConfig{})
	cfg.ColdStart = true
	w, r, events := runPool(t, cfg, desiredAt{30 * time.Second, 5})
	shrunk := 0
	for _, e := range events {
		if e.Kind == "instance" && strings.Contains(e.Message, "warm pool shrinks") {
			shrunk++
		}
	}
	p := w.providers[0]
	if shrunk != 3 || len(p.pool) != 1 || r.Providers[0].WarmPoolStarts != 0 || r.InstancesLaunched != 2+4+3 {
		t.Errorf("%d pool terminations, pool of %d, %d warm starts, %d launches; want 3, 1, 0, 9",
			shrunk, len(p.pool), r.Providers[0].WarmPoolStarts, r.InstancesLaunched)
	}
	if !w.inst[p.pool[0]].parked {
		t.Error("the pool's remaining instance is not Warmed:Stopped at the end")
	}
}
