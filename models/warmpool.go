package models

import (
	"errors"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/sim"
)

// Warm pools (EC2 Auto Scaling; ref §5.5: ECS supports them with
// ECS_WARM_POOLS_CHECK, but not ReuseOnScaleIn). A warm pool holds
// pre-initialised instances beside the group: they boot and initialise as
// a cold instance does (LaunchLatency then RegistrationLatency, the agent
// holding back its registration), then wait Warmed:Stopped (billed for
// their EBS volumes only) or Warmed:Running (billed in full). A scale-out
// takes Warmed instances first, each starting in StartLatency (Stopped) and
// registering in RegistrationLatency; only when none is left are instances
// launched cold. The pool's size follows AWS's rule, max(MinSize,
// MaxGroupPreparedCapacity − desired capacity), with MaxGroupPreparedCapacity
// defaulting to the group's MaxSize; instances the group scales in are
// terminated, and the pool refills with new ones.

// WarmPoolConfig is an Auto Scaling group's warm pool.
type WarmPoolConfig struct {
	// MinSize is the least number of instances kept in the pool.
	MinSize int
	// MaxGroupPreparedCapacity caps the group and its pool together; nil
	// means the group's MaxSize.
	MaxGroupPreparedCapacity *int
	// PoolState is "Stopped" (the default) or "Running". Hibernated is not
	// modelled.
	PoolState string
	// StartLatency is a Warmed:Stopped instance's start until it runs.
	StartLatency Dist
}

const (
	poolStopped = "Stopped"
	poolRunning = "Running"
)

func (c WarmPoolConfig) withDefaults() WarmPoolConfig {
	if c.PoolState == "" {
		c.PoolState = poolStopped
	}
	if c.StartLatency == (Dist{}) {
		// Modelling choice: AWS says pre-initialised instances can serve
		// in as little as 30 s (EC2 Auto Scaling warm pools launch, 2021);
		// with the 15 s registration that leaves ~20 s to start.
		c.StartLatency = LogNormal(20*time.Second, 40*time.Second)
	}
	return c
}

// validate checks a warm pool against its group.
func (c *WarmPoolConfig) validate(g *ProviderConfig) error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf("warm_pool: "+format, args...)) }
	if c.MinSize < 0 {
		add("min_size: %d is negative", c.MinSize)
	}
	if m := c.MaxGroupPreparedCapacity; m != nil && *m < 0 {
		add("max_group_prepared_capacity: %d is negative", *m)
	}
	switch c.PoolState {
	case poolStopped, poolRunning:
	case "Hibernated":
		add("pool_state: Hibernated is not modelled; use Stopped or Running")
	default:
		add("pool_state: %q: want Stopped or Running", c.PoolState)
	}
	if g.Mixed != nil || g.Purchase == Spot {
		add("a warm pool cannot serve a group with a mixed instances policy or Spot instances (EC2 Auto Scaling)")
	}
	if err := c.StartLatency.Validate(); err != nil {
		add("start_latency: %w", err)
	}
	return errors.Join(errs...)
}

// poolTarget is the warm pool's size for the group's desired capacity.
func (p *provider) poolTarget() int {
	wp := p.cfg.WarmPool
	prepared := p.cfg.MaxSize
	if wp.MaxGroupPreparedCapacity != nil {
		prepared = *wp.MaxGroupPreparedCapacity
	}
	return max(wp.MinSize, prepared-p.desired)
}

// maintainPool launches instances into the warm pool or terminates pool
// instances until it holds its target.
func (w *World) maintainPool(p *provider) {
	if p.cfg.WarmPool == nil {
		return
	}
	target := p.poolTarget()
	for len(p.pool) < target {
		w.launchInstance(p, true)
	}
	for len(p.pool) > target {
		// Pool instances still initialising go first, then the newest.
		victim := p.pool[len(p.pool)-1]
		for _, id := range p.pool {
			if !w.inst[id].warmed {
				victim = id
				break
			}
		}
		w.terminateInstance(victim, "warm pool shrinks")
	}
}

// poolReady marks a pool instance initialised: Warmed:Stopped instances stop
// here and keep only their volumes.
func (w *World) poolReady(id int32) {
	in := &w.inst[id]
	p := w.providers[in.prov]
	in.warmed = true
	if p.cfg.WarmPool.PoolState == poolRunning {
		w.logf("instance", w.instanceName(id), "Warmed:Running")
		return
	}
	w.stopBilling(id)
	w.meter.InstanceParked(cost.InstanceID(id), w.costInstance(id), w.now())
	in.parked = true
	w.logf("instance", w.instanceName(id), "Warmed:Stopped")
}

// stopBilling ends an instance's EC2 usage.
func (w *World) stopBilling(id int32) {
	in := &w.inst[id]
	if !in.billed {
		return
	}
	w.meterInstanceStop(id)
	w.providers[in.prov].ranFor += w.now().Sub(in.upAt)
	in.billed = false
}

// takeWarm moves a Warmed instance into the group, from the AZ with the
// fewest of the group's instances that has one (earliest in the pool on
// ties), and reports whether there was one.
func (w *World) takeWarm(p *provider) bool {
	counts := w.azCounts(p)
	best := -1
	for i, id := range p.pool {
		in := &w.inst[id]
		if in.warmed && (best < 0 || counts[in.az] < counts[w.inst[p.pool[best]].az]) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	id := p.pool[best]
	p.pool = append(p.pool[:best], p.pool[best+1:]...)
	p.instances = append(p.instances, id)
	in := &w.inst[id]
	in.pooled, in.launched = false, w.now()
	p.lastLaunch = w.now()
	p.poolStarts++
	w.logf("instance", w.instanceName(id), "leaving the warm pool for the group")
	if in.parked {
		w.meter.InstanceUnparked(cost.InstanceID(id), w.now())
		in.parked = false
		in.timer = w.eng.After(w.sample("asg/"+p.name+"/warm-start", p.cfg.WarmPool.StartLatency), &w.h.instanceUp, int64(id))
		return true
	}
	in.timer = w.eng.After(w.sample("asg/"+p.name+"/registration", p.cfg.RegistrationLatency), &w.h.instanceReg, int64(id))
	return true
}

// warmPoolAtStart fills the pool at time zero with instances that are
// already Warmed (a warm start), as the group's own instances are.
func (w *World) warmPoolAtStart(p *provider) {
	if p.cfg.WarmPool == nil {
		return
	}
	for len(p.pool) < p.poolTarget() {
		id := w.launchInstance(p, true)
		in := &w.inst[id]
		w.eng.Cancel(in.timer)
		in.timer = sim.EventID{}
		w.counters.instancesLaunched-- // it was there before the run
		if p.cfg.WarmPool.PoolState == poolRunning {
			in.billed, in.upAt = true, 0
			w.meterInstanceStart(id)
		}
		w.poolReady(id) // a Stopped one is parked from the start, never billed as running
	}
}
