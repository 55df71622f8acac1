package models

import (
	"time"

	"github.com/ecsim/ecsim/autoscale"

	"github.com/ecsim/ecsim/models/catalog"
)

// Config describes one simulated cluster and what runs on it. It is plain
// data: the scenarios package fills it from TOML, tests build it in Go.
// New checks it and fills defaults; nothing runs on a bad config.
type Config struct {
	Name    string // scenario name, carried into the Result
	Variant string // variant name, carried into the Result

	Region string    // prices come from this region
	AZs    []string  // availability zones the cluster uses
	Start  time.Time // wall-clock time of the run's start
	// Duration is how long the run simulates.
	Duration time.Duration
	Seed     uint64
	// Resolution of metrics and time series (default 1 minute).
	Resolution time.Duration
	// MaxSeriesPoints bounds each time series (default 10080, a week of
	// minutes); longer runs are downsampled.
	MaxSeriesPoints int
	// ExactLatency works out every step's M/M/c latency (Erlang C, p95 and
	// p99 by a Newton solve) exactly instead of interpolating it in a table
	// shared by the services (workload.QuantileTable, within 1e-4 relative,
	// a fraction of the cost per service and step).
	ExactLatency bool
	// ServiceSeriesLimit bounds how many services get per-service time
	// series (desired/running/pending tasks, CPU, memory, demand,
	// capacity, p95, dropped requests): the first ones in config order
	// (default DefaultServiceSeriesLimit). When services are left out, the
	// run also records cluster-wide totals over every service
	// (total_desired_tasks, total_running_tasks, total_pending_tasks,
	// total_demand, total_capacity, total_dropped_requests). Summary
	// figures cover every service either way. It keeps memory bounded: a
	// thousand services × nine series × 10,080 points would be 700 MB.
	ServiceSeriesLimit int

	// Catalog prices and shapes instances; nil means catalog.Default().
	Catalog *catalog.Catalog

	Providers []ProviderConfig
	// DefaultStrategy is the cluster's default capacity provider strategy,
	// used by services and streams that give neither a launch type nor a
	// strategy (ref §5.1).
	DefaultStrategy []StrategyItem
	TaskDefs        []TaskDef
	Services        []ServiceConfig
	Streams         []TaskStreamConfig

	Timing Timing
	Quotas Quotas

	// ColdStart launches the initial instances and tasks at time zero
	// instead of starting with them registered and RUNNING.
	ColdStart bool

	// Check enables continuous invariant checks (always on in tests).
	Check bool
	// MaxEvents bounds the events of the run (0 = a generous default
	// derived from the config), so a runaway model ends with an error.
	MaxEvents uint64
	// EventLog, when set, receives state changes and scaling actions.
	EventLog EventSink
}

// ProviderKind distinguishes capacity providers.
type ProviderKind uint8

const (
	// ProviderEC2 is an Auto Scaling group capacity provider.
	ProviderEC2 ProviderKind = iota
	// ProviderFargate is the built-in FARGATE provider.
	ProviderFargate
	// ProviderFargateSpot is the built-in FARGATE_SPOT provider.
	ProviderFargateSpot
)

func (k ProviderKind) String() string {
	switch k {
	case ProviderEC2:
		return "EC2"
	case ProviderFargate:
		return "FARGATE"
	case ProviderFargateSpot:
		return "FARGATE_SPOT"
	}
	return "unknown"
}

// IsFargate reports whether k is FARGATE or FARGATE_SPOT.
func (k ProviderKind) IsFargate() bool { return k == ProviderFargate || k == ProviderFargateSpot }

// Purchase is how EC2 capacity is bought.
type Purchase uint8

const (
	OnDemand Purchase = iota
	Spot
)

func (p Purchase) String() string {
	if p == Spot {
		return "spot"
	}
	return "on-demand"
}

// ProviderConfig is one capacity provider. FARGATE and FARGATE_SPOT need
// only a name and kind; EC2 providers describe their Auto Scaling group.
type ProviderConfig struct {
	Name string
	Kind ProviderKind

	// EC2 (Auto Scaling group) settings.
	InstanceTypes []string // the group's types; instances launch as the first
	// Purchase is how instances are bought when Mixed is nil.
	Purchase Purchase
	// Mixed splits launches between On-Demand and Spot like an ASG mixed
	// instances policy (ref §7.3).
	Mixed            *MixedInstances
	MinSize, MaxSize int
	DesiredSize      int // initial desired capacity
	ManagedScaling   *ManagedScalingConfig
	// ManagedTerminationProtection lets the ASG terminate only instances
	// without non-daemon tasks (ref §5.5).
	ManagedTerminationProtection bool
	// ManagedDraining drains instances before the ASG terminates them
	// (ref §5.5; default on at provider creation).
	ManagedDraining bool
	// LaunchLatency is RunInstances to instance running; Registration is
	// agent start to ACTIVE in the cluster (ref §7.1, §10b).
	LaunchLatency       Dist
	RegistrationLatency Dist
	// ENITrunking gives awsvpc tasks the trunk ENI limits (ref §1.9).
	ENITrunking bool
	// ReservedMemory is ECS_RESERVED_MEMORY.
	ReservedMemory catalog.MiB
	// SpotDraining is ECS_ENABLE_SPOT_INSTANCE_DRAINING (default false).
	SpotDraining bool
	// SpotInterruptions of this provider's Spot instances.
	SpotInterruptions SpotInterruptions
	// Attributes are custom container-instance attributes for constraints.
	Attributes map[string]string
	// RootVolumeGiB of gp3 per instance, billed per second (0 = none;
	// 30 GiB is the ECS-optimised AMI's common default, ref §8.2).
	RootVolumeGiB int
	// ScaleInProtectedAtLaunch marks new instances protected from scale-in
	// (required by managed termination protection).
	ScaleInProtectedAtLaunch bool
	// DaemonOnlyProtectionBug is the chance that, under managed termination
	// protection, ECS leaves an instance protected when its last non-daemon
	// task leaves while daemon tasks still run there, so the group can
	// never scale it in (containers-roadmap #2814, ref §9 pain point 7).
	// 0, the default, is the documented behaviour.
	DaemonOnlyProtectionBug float64

	// CapacityRebalance replaces Spot instances at their rebalance
	// recommendation (EC2 Auto Scaling Capacity Rebalancing; default off,
	// as for a new group).
	CapacityRebalance bool
	// WarmPool is the group's warm pool of pre-initialised instances.
	WarmPool *WarmPoolConfig

	// Fargate settings: PROVISIONING+PENDING latency before ACTIVATING.
	FargateStartLatency Dist
}

// MixedInstances is an ASG's InstancesDistribution (ref §7.3): the first
// OnDemandBase instances are On-Demand; above the base,
// OnDemandPercentAboveBase percent are, rounding up in favour of On-Demand.
type MixedInstances struct {
	OnDemandBase             int
	OnDemandPercentAboveBase int
}

// ManagedScalingConfig is a capacity provider's managed scaling (ref §5.2).
// Zero fields take the AWS defaults.
type ManagedScalingConfig struct {
	TargetCapacity         int // percent, 1–100 (default 100)
	MinimumScalingStepSize int // default 1
	MaximumScalingStepSize int // default 10000
	// InstanceWarmupPeriod: nil means 300 s.
	InstanceWarmupPeriod *time.Duration
	// Model holds cluster auto scaling's modelling choices (alarm periods,
	// scale-in hold and pacing, the initial two-instance scale-out).
	Model autoscale.ManagedScalingModel
}

// SpotInterruptions describes when Spot capacity is reclaimed.
type SpotInterruptions struct {
	// RatePerHour is the chance per instance-hour (or task-hour on Fargate
	// Spot) of an interruption, as a Poisson rate.
	RatePerHour float64
	// At lists interruption times (offsets from the start); each interrupts
	// one running instance (or task) chosen at random, or all of them when
	// All is set.
	At  []time.Duration
	All bool
	// RebalanceLead is how long before the interruption notice the
	// instance rebalance recommendation arrives (EC2 Spot only; used with
	// CapacityRebalance). AWS gives no figure: "sooner than the notice, or
	// with it"; the default, uniform(0, 10 min), is a modelling choice.
	RebalanceLead Dist
}

// StrategyItem is one entry of a capacity provider strategy (ref §5.1).
type StrategyItem struct {
	Provider string
	Base     int
	Weight   int
}

// PlacementStrategy is one placement strategy rule, as ECS writes it
// ("binpack"/"cpu", "spread"/"attribute:ecs.availability-zone", "random").
type PlacementStrategy struct {
	Type  string
	Field string
}

// PlacementConstraint is "distinctInstance" or "memberOf" with an
// expression in the cluster query language.
type PlacementConstraint struct {
	Type       string
	Expression string
}
