package models

import (
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// provider is a capacity provider: an Auto Scaling group with its
// instances, or FARGATE / FARGATE_SPOT.
type provider struct {
	idx   int32
	name  string
	kind  ProviderKind
	cfg   *ProviderConfig
	azs   []int16 // AZ indexes it launches into
	types []catalog.InstanceType
	regs  []catalog.Registration // what each type registers with ECS

	// ASG state.
	desired   int
	instances []int32 // live instance IDs, launch order
	placer    *placer
	// waiting are tasks in PROVISIONING waiting for this provider's
	// capacity, in arrival order.
	waiting      []int32
	managed      *autoscale.ManagedScaling
	lastLaunch   sim.Time
	ranFor       time.Duration // run time of terminated instances
	maxInstances int
	launchedOD   int // On-Demand instances alive (mixed instances policy)
	retryQueued  bool
	maintaining  bool // maintainDesired is running
	// pool holds the warm pool's instances, in launch order; poolStarts
	// counts those taken into the group.
	pool       []int32
	poolStarts int
	// replaceQ holds instances Capacity Rebalancing replaces, oldest first.
	replaceQ []int32

	// Fargate launch token bucket (ref §2.4).
	tokens     float64
	tokensAt   sim.Time
	launchQ    []int32 // tasks waiting for a launch token
	launchNext sim.EventID
}

// liveCount is the instances that count toward the ASG's capacity: every
// instance not already chosen for termination.
func (p *provider) liveCount(w *World) int {
	n := 0
	for _, id := range p.instances {
		if in := &w.inst[id]; !in.terminating && !in.replacing {
			n++
		}
	}
	return n
}

func (p *provider) removeInstance(id int32) {
	for i, x := range p.instances {
		if x == id {
			p.instances = append(p.instances[:i], p.instances[i+1:]...)
			return
		}
	}
	for i, x := range p.pool {
		if x == id {
			p.pool = append(p.pool[:i], p.pool[i+1:]...)
			return
		}
	}
}

// runTime is the time the provider's instances have run in EC2 so far:
// finished lifetimes plus the live ones up to now.
func (p *provider) runTime(w *World) time.Duration {
	d := p.ranFor
	for _, ids := range [2][]int32{p.instances, p.pool} {
		for _, id := range ids {
			if in := &w.inst[id]; in.billed {
				d += w.now().Sub(in.upAt)
			}
		}
	}
	return d
}
