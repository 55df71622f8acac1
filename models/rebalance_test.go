package models

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// rebalanceConfig is three plain instances, one per AZ, and six idle web
// tasks that binpack puts on a single instance: the most uneven start.
func rebalanceConfig(t *testing.T, on *bool, minPct, maxPct int) Config {
	t.Helper()
	cfg := baseConfig(t)
	cfg.Duration = 3 * time.Hour
	p := &cfg.Providers[0]
	p.ManagedScaling, p.ManagedTerminationProtection, p.DesiredSize, p.MinSize, p.MaxSize = nil, false, 3, 3, 3
	s := &cfg.Services[0]
	s.Scaling, s.Workload, s.DesiredCount = nil, nil, 6
	s.PlacementStrategy = []PlacementStrategy{{Type: "binpack", Field: "memory"}}
	s.Deployment = DeploymentConfig{MinimumHealthyPercent: minPct, MaximumPercent: maxPct}
	s.AZRebalancing = on
	return cfg
}

// runRebalance runs cfg and returns the world, the event log and the
// lowest healthy count seen after the start.
func runRebalance(t *testing.T, cfg Config) (*World, []LogEvent, int) {
	t.Helper()
	w, log := newLogged(t, cfg)
	minHealthy := 1 << 30
	w.probe = func() {
		if w.now() > 0 {
			minHealthy = min(minHealthy, w.census(w.services[0]).healthy)
		}
	}
	if _, err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return w, log.events, minHealthy
}

func rebalanceEvents(events []LogEvent, substr string) int {
	n := 0
	for _, e := range events {
		if e.Kind == "rebalance" && strings.Contains(e.Message, substr) {
			n++
		}
	}
	return n
}

func spread(counts []int) int { return slices.Max(counts) - slices.Min(counts) }

// TestAZRebalancing: with rebalancing on, six tasks binpacked into one AZ
// end two per AZ, one move at a time, never below minimumHealthyPercent,
// with ECS's STARTED and COMPLETED events; off, they stay where they are.
func TestAZRebalancing(t *testing.T) {
	on, off := true, false
	for _, tc := range []struct {
		name             string
		on               *bool
		minPct, maxPct   int
		wantSpread       int
		wantMoves        int
		wantStartedFirst bool
	}{
		{"enabled, room for an extra task", &on, 100, 200, 0, 4, true},
		{"enabled, no room: stop first", &on, 50, 100, 0, 4, false},
		{"enabled, neither allowed", &on, 100, 100, 6, 0, false},
		{"disabled", &off, 100, 200, 6, 0, false},
		{"default with binpack: disabled", nil, 100, 200, 6, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, events, minHealthy := runRebalance(t, rebalanceConfig(t, tc.on, tc.minPct, tc.maxPct))
			s := w.services[0]
			counts := w.serviceAZCounts(s)
			if got := spread(counts); got != tc.wantSpread {
				t.Fatalf("AZ counts at the end %v: spread %d, want %d", counts, got, tc.wantSpread)
			}
			if s.rebal.moves != tc.wantMoves {
				t.Errorf("%d moves, want %d", s.rebal.moves, tc.wantMoves)
			}
			if floor := (6*tc.minPct + 99) / 100; minHealthy < floor {
				t.Errorf("healthy fell to %d, minimum is %d", minHealthy, floor)
			}
			started := rebalanceEvents(events, "AZ Rebalancing in progress")
			completed := rebalanceEvents(events, "is AZ balanced")
			if tc.wantMoves > 0 && (started != 1 || completed != 1) {
				t.Errorf("STARTED logged %d times and COMPLETED %d times, want once each", started, completed)
			}
			if tc.wantMoves == 0 && started+completed > 0 {
				t.Errorf("rebalancing events without a move: %d started, %d completed", started, completed)
			}
			if tc.wantMoves > 0 {
				// The first move's order: start then stop, or stop then start.
				var first string
				for _, e := range events {
					if e.Kind == "rebalance" && (strings.Contains(e.Message, "has started") || strings.Contains(e.Message, "has stopped")) {
						first = e.Message
						break
					}
				}
				if got := strings.Contains(first, "has started"); got != tc.wantStartedFirst {
					t.Errorf("first move event %q, want start first = %v", first, tc.wantStartedFirst)
				}
			}
			if len(s.tasks) != 6 {
				t.Errorf("%d tasks at the end, want 6", len(s.tasks))
			}
		})
	}
}

// TestAZRebalancingUnplaceableAZ: when the service's constraint keeps it
// out of one AZ, the start there fails once, that AZ stops counting, and the
// other two end balanced; no task is lost.
func TestAZRebalancingUnplaceableAZ(t *testing.T) {
	on := true
	cfg := rebalanceConfig(t, &on, 100, 200)
	s := &cfg.Services[0]
	s.PlacementConstraints = []PlacementConstraint{{Type: "memberOf", Expression: "attribute:ecs.availability-zone != us-east-1c"}}
	w, events, _ := runRebalance(t, cfg)
	counts := w.serviceAZCounts(w.services[0])
	if counts[2] != 0 || counts[0] != 3 || counts[1] != 3 {
		t.Errorf("AZ counts %v, want [3 3 0]", counts)
	}
	if n := rebalanceEvents(events, "unable to place a task in Availability Zone us-east-1c"); n != 1 {
		t.Errorf("%d placement failures in us-east-1c, want 1 (the AZ stops counting after it)", n)
	}
	if n := len(w.services[0].tasks); n != 6 {
		t.Errorf("%d tasks, want 6", n)
	}
}

// TestAZRebalancingFargate: a FARGATE base with FARGATE_SPOT weights under
// target tracking drifts out of balance, because scale-in keeps each
// provider's tasks balanced but not the service's; rebalancing moves tasks
// back (a start that missed its AZ would leave an operation unfinished) and
// every operation completes. Without it nothing moves.
func TestAZRebalancingFargate(t *testing.T) {
	for _, on := range []bool{false, true} {
		cfg := baseConfig(t)
		cfg.Providers = append(cfg.Providers, ProviderConfig{Name: "FARGATE_SPOT", Kind: ProviderFargateSpot})
		s := &cfg.Services[0]
		s.AZRebalancing = &on
		s.CapacityProviderStrategy = []StrategyItem{{Provider: "FARGATE", Base: 1, Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 3}}
		w, events, _ := runRebalance(t, cfg)
		moves, started, completed := w.services[0].rebal.moves, rebalanceEvents(events, "in progress"), rebalanceEvents(events, "is AZ balanced")
		switch {
		case !on && moves+started+completed > 0:
			t.Errorf("disabled: %d moves, %d started, %d completed", moves, started, completed)
		case on && (moves == 0 || completed != started):
			t.Errorf("enabled: %d moves, %d operations started, %d completed", moves, started, completed)
		}
	}
}

func TestRebalanceDefault(t *testing.T) {
	for _, tc := range []struct {
		c    ServiceConfig
		want bool
	}{
		{ServiceConfig{}, true},
		{ServiceConfig{PlacementStrategy: []PlacementStrategy{{Type: "spread", Field: "attribute:ecs.availability-zone"}}}, true},
		{ServiceConfig{PlacementStrategy: []PlacementStrategy{{Type: "spread", Field: "instanceId"}, {Type: "binpack", Field: "cpu"}}}, false},
		{ServiceConfig{Daemon: true}, false},
	} {
		if got := rebalanceDefault(&tc.c); got != tc.want {
			t.Errorf("%+v: default %v, want %v", tc.c, got, tc.want)
		}
	}
}

// TestAZRebalancingDaemonRefused: a DAEMON service cannot turn it on.
func TestAZRebalancingDaemonRefused(t *testing.T) {
	on := true
	cfg := baseConfig(t)
	s := &cfg.Services[0]
	s.Daemon, s.Scaling, s.Workload, s.DesiredCount, s.AZRebalancing = true, nil, nil, 0, &on
	s.Deployment = DeploymentConfig{MaximumPercent: 100}
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "rebalanc") {
		t.Fatalf("error %v, want one about rebalancing", err)
	}
}

// TestAZRebalancingUnderChangingDesired: desired counts that change at
// random during moves (a scale-in can leave a due start unwanted) never
// leave a move stuck: after a quiet hour every service runs its desired
// count, no task is still marked for a move, and the AZs are balanced.
func TestAZRebalancingUnderChangingDesired(t *testing.T) {
	on := true
	for seed := range uint64(12) {
		cfg := rebalanceConfig(t, &on, 100, 200)
		cfg.Seed, cfg.Duration = seed+1, 5*time.Hour
		cfg.Providers[0].DesiredSize, cfg.Providers[0].MaxSize = 6, 6
		w, _ := newLogged(t, cfg)
		s := w.services[0]
		rng := w.eng.Stream("test/desired")
		for at := time.Duration(0); at < 4*time.Hour; at += time.Duration(1+rng.IntN(120)) * time.Second {
			n := 2 + rng.IntN(9)
			w.eng.At(sim.Time(at), funcHandler(func() { w.setServiceDesired(s, n, "test") }), 0)
		}
		if _, err := w.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		c := w.census(s)
		counts := w.serviceAZCounts(s)
		if c.current != s.desired || c.replace != 0 || s.rebal.moving || s.rebal.toAZ >= 0 || spread(counts) > 1 {
			t.Errorf("seed %d: desired %d, current %d, replace %d, moving %v, due start in AZ %d, AZ counts %v",
				seed, s.desired, c.current, c.replace, s.rebal.moving, s.rebal.toAZ, counts)
		}
		for _, id := range s.tasks {
			if tk := &w.tasks[id]; tk.rebalanceIn || tk.rebalanceOut {
				t.Errorf("seed %d: task %d still marked for a move", seed, id)
			}
		}
	}
}

// TestAZRebalancingAfterAZRecovers: an instance lost in one AZ takes its
// tasks with it; they are replaced in the other AZs; when the group's
// replacement instance registers there, rebalancing moves tasks back.
func TestAZRebalancingAfterAZRecovers(t *testing.T) {
	cfg := rebalanceConfig(t, nil, 100, 200)
	s := &cfg.Services[0]
	s.PlacementStrategy = nil // the service default: spread over AZs, then instances
	w, events := newLogged(t, cfg)
	w.eng.At(sim.Time(time.Hour), funcHandler(func() {
		for _, id := range w.providers[0].instances {
			if w.inst[id].az == 2 {
				w.terminateInstance(id, "test: AZ outage")
				return
			}
		}
	}), 0)
	if _, err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if counts := w.serviceAZCounts(w.services[0]); spread(counts) > 1 {
		t.Errorf("AZ counts %v at the end", counts)
	}
	if n := w.services[0].rebal.moves; n != 2 {
		t.Errorf("%d moves, want the 2 tasks that left us-east-1c", n)
	}
	if rebalanceEvents(events.events, "is AZ balanced") != 1 {
		t.Error("no COMPLETED event")
	}
}

// TestAZRebalancingScaleInDuringMove: a scale-in right after a move is
// planned leaves its start unwanted; the move is dropped, the surplus task
// stops, and the service goes on to balance.
func TestAZRebalancingScaleInDuringMove(t *testing.T) {
	on := true
	w, events := newLogged(t, rebalanceConfig(t, &on, 100, 200))
	s := w.services[0]
	done := false
	w.probe = func() {
		if !done && s.rebal.toAZ >= 0 {
			done = true
			w.setServiceDesired(s, s.desired-1, "test")
		}
	}
	if _, err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !done {
		t.Fatal("no move was ever planned")
	}
	c := w.census(s)
	if counts := w.serviceAZCounts(s); c.current != 5 || len(s.tasks) != 5 || s.rebal.moving || spread(counts) > 1 {
		t.Errorf("current %d of %d tasks for desired 5, moving %v, AZ counts %v", c.current, len(s.tasks), s.rebal.moving, counts)
	}
	if rebalanceEvents(events.events, "is AZ balanced") != 1 {
		t.Error("no COMPLETED event")
	}
}

// TestAZRebalancingDeploymentDuringMove: a deployment that starts while a
// move is under way (which cancels the move) replaces every task, and the
// service then balances with no task left marked for a move.
func TestAZRebalancingDeploymentDuringMove(t *testing.T) {
	on := true
	cfg := rebalanceConfig(t, &on, 100, 200)
	def2 := webDef()
	def2.Revision = 2
	cfg.TaskDefs = append(cfg.TaskDefs, def2)
	w, events := newLogged(t, cfg)
	s := w.services[0]
	deployed := false
	w.probe = func() {
		if !deployed && s.rebal.moving {
			deployed = true
			w.deploy(s, int32(len(w.defs)-1), "test deployment")
		}
	}
	if _, err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !deployed {
		t.Fatal("no move was ever under way")
	}
	c := w.census(s)
	if counts := w.serviceAZCounts(s); c.replace != 0 || c.current != 6 || s.rebal.moving || spread(counts) > 1 {
		t.Errorf("replace %d, current %d, moving %v, AZ counts %v", c.replace, c.current, s.rebal.moving, counts)
	}
	for _, id := range s.tasks {
		if tk := &w.tasks[id]; tk.rev != s.rev || tk.rebalanceIn || tk.rebalanceOut {
			t.Errorf("task %d: generation %d of %d, marked in %v out %v", id, tk.rev, s.rev, tk.rebalanceIn, tk.rebalanceOut)
		}
	}
	completed := false
	for _, e := range events.events {
		completed = completed || (e.Kind == "deployment" && e.Message == "deployment COMPLETED")
	}
	if !completed {
		t.Error("the deployment never completed")
	}
}
