package models

import (
	"strings"
	"testing"
	"time"
)

// spotGroup is a plain Spot group of 3 instances (max 6) under six web
// tasks, interrupted at 0.5 per instance-hour for 6 hours, with a rebalance
// recommendation 10 minutes before each notice.
func spotGroup(t *testing.T, capacityRebalance bool) Config {
	t.Helper()
	cfg := baseConfig(t)
	cfg.Duration = 6 * time.Hour
	p := &cfg.Providers[0]
	p.ManagedScaling, p.ManagedTerminationProtection = nil, false
	p.Purchase, p.MinSize, p.DesiredSize, p.MaxSize = Spot, 3, 3, 6
	p.SpotInterruptions = SpotInterruptions{RatePerHour: 0.5, RebalanceLead: Fixed(10 * time.Minute)}
	p.CapacityRebalance = capacityRebalance
	s := &cfg.Services[0]
	s.Scaling, s.Workload, s.DesiredCount = nil, nil, 6
	return cfg
}

// TestCapacityRebalancing: without it, Spot interruptions (no Spot
// draining) kill the tasks on the reclaimed instances; with it, each
// recommended instance is replaced, drained (managed draining) and
// terminated before its notice, so no task dies with its host.
func TestCapacityRebalancing(t *testing.T) {
	killed := map[bool]int{}
	for _, on := range []bool{false, true} {
		w, log := newLogged(t, spotGroup(t, on))
		r, err := w.Run(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		replaced := 0
		for _, e := range log.events {
			switch {
			case strings.Contains(e.Message, "Host EC2 instance terminated"):
				killed[on]++
			case strings.Contains(e.Message, "replaced by Capacity Rebalancing"):
				replaced++
			}
		}
		if on != (replaced > 0) {
			t.Errorf("capacity rebalancing %v: %d instances replaced", on, replaced)
		}
		if r.Services[0].FinalDesired != 6 || len(w.services[0].tasks) < 6 {
			t.Errorf("capacity rebalancing %v: %d tasks at the end", on, len(w.services[0].tasks))
		}
	}
	if killed[false] == 0 || killed[true] != 0 {
		t.Errorf("tasks killed with their host: %d without capacity rebalancing, %d with it; want some and none", killed[false], killed[true])
	}
}

// TestCapacityRebalancingAtListedInterruption: a listed interruption of
// every instance gives each its recommendation with the notice; the group
// launches three replacements at once and the service ends whole.
func TestCapacityRebalancingAtListedInterruption(t *testing.T) {
	cfg := spotGroup(t, true)
	cfg.Providers[0].SpotInterruptions = SpotInterruptions{At: []time.Duration{time.Hour}, All: true}
	w, log := newLogged(t, cfg)
	r, err := w.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	notices, recs := 0, 0
	for _, e := range log.events {
		switch {
		case e.Message == "Spot interruption notice":
			notices++
		case strings.HasPrefix(e.Message, "rebalance recommendation"):
			recs++
		}
	}
	if notices != 3 || recs != 3 || r.SpotInterruptions != 3 || r.InstancesLaunched != 3 {
		t.Errorf("%d notices, %d recommendations, %d interruptions counted, %d launches; want 3 each", notices, recs, r.SpotInterruptions, r.InstancesLaunched)
	}
	if c := w.census(w.services[0]); c.current != 6 || w.providers[0].liveCount(w) != 3 {
		t.Errorf("%d tasks on %d instances at the end, want 6 on 3", c.current, w.providers[0].liveCount(w))
	}
}
