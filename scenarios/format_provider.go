package scenarios

// Provider kinds as the format writes them.
const (
	KindEC2         = "EC2"
	KindFargate     = "FARGATE"
	KindFargateSpot = "FARGATE_SPOT"
)

// Provider is a capacity provider: an Auto Scaling group (EC2) or the
// built-in FARGATE and FARGATE_SPOT. EC2-only keys on a Fargate provider
// are an error.
type Provider struct {
	Kind string `toml:"kind,omitempty" enum:"EC2,FARGATE,FARGATE_SPOT" defaultdoc:"FARGATE or FARGATE_SPOT for providers so named, else EC2" doc:"What kind of capacity the provider gives."`

	InstanceTypes  []string        `toml:"instance_types,omitempty" doc:"EC2: the Auto Scaling group's instance types; instances launch as the first."`
	Purchase       string          `toml:"purchase" default:"on-demand" enum:"on-demand,spot" doc:"EC2: how instances are bought when mixed_instances is not given."`
	MixedInstances *MixedInstances `toml:"mixed_instances,omitempty" doc:"EC2: split launches between On-Demand and Spot like an ASG mixed instances policy (ref §7.3)."`
	MinSize        int             `toml:"min_size" default:"0" min:"0" doc:"EC2: the group's minimum size."`
	MaxSize        int             `toml:"max_size" default:"0" min:"0" doc:"EC2: the group's maximum size (required for EC2, > 0 with managed scaling)."`
	DesiredSize    *int            `toml:"desired_size,omitempty" min:"0" defaultdoc:"min_size" doc:"EC2: the group's initial desired capacity."`
	ManagedScaling *ManagedScaling `toml:"managed_scaling,omitempty" doc:"EC2: cluster auto scaling of the group (ref §5.2)."`

	ManagedTerminationProtection bool  `toml:"managed_termination_protection" default:"false" doc:"EC2: the group may terminate only instances without non-daemon tasks (needs managed_scaling; ref §5.5)."`
	ManagedDraining              bool  `toml:"managed_draining" default:"true" doc:"EC2: drain instances before the group terminates them (on by default at provider creation; ref §5.5)."`
	ScaleInProtectedAtLaunch     *bool `toml:"scale_in_protected_at_launch,omitempty" defaultdoc:"managed_termination_protection" doc:"EC2: new instances start protected from scale-in."`
	// DaemonOnlyProtectionBug reproduces a reported ECS bug, off by default.
	DaemonOnlyProtectionBug float64 `toml:"daemon_only_protection_bug" default:"0" min:"0" max:"1" doc:"EC2, with managed termination protection: chance that ECS leaves an instance protected for good when only daemon tasks remain on it (containers-roadmap #2814, pain point 7); 0 is the documented behaviour."`

	LaunchLatency       Dist              `toml:"launch_latency" default:"lognormal(45s, 90s)" doc:"EC2: RunInstances to instance running (ref §7.1 modelling choice)."`
	RegistrationLatency Dist              `toml:"registration_latency" default:"15s" doc:"EC2: agent start to ACTIVE in the cluster (ref §7.1)."`
	ENITrunking         bool              `toml:"eni_trunking" default:"false" doc:"EC2: awsvpc tasks get the trunk ENI limits (ref §1.9)."`
	ReservedMemory      Memory            `toml:"reserved_memory" default:"0" doc:"EC2: ECS_RESERVED_MEMORY, memory the agent keeps from tasks."`
	SpotDraining        bool              `toml:"spot_draining" default:"false" doc:"EC2: ECS_ENABLE_SPOT_INSTANCE_DRAINING (drain at the interruption notice)."`
	RootVolumeGiB       int               `toml:"root_volume_gib" default:"30" min:"0" max:"16384" unit:"GiB" doc:"EC2: gp3 root volume per instance, billed per second (30 GiB is the ECS-optimised AMI's common size; 0 = none)."`
	Attributes          map[string]string `toml:"attributes,omitempty" doc:"EC2: custom container-instance attributes, for memberOf constraints."`

	SpotInterruptions *SpotInterruptions `toml:"spot_interruptions,omitempty" doc:"EC2 Spot instances and FARGATE_SPOT tasks: when capacity is reclaimed."`
	CapacityRebalance bool               `toml:"capacity_rebalance" default:"false" doc:"EC2: Capacity Rebalancing: a Spot instance's rebalance recommendation makes the group launch a replacement and then terminate the instance (ref §7.3)."`
	WarmPool          *WarmPool          `toml:"warm_pool,omitempty" doc:"EC2: the group's warm pool of pre-initialised instances (On-Demand groups only; ECS allows no reuse on scale-in)."`

	FargateStartLatency Dist `toml:"fargate_start_latency" default:"lognormal(40s, 80s)" doc:"FARGATE, FARGATE_SPOT: PROVISIONING and PENDING before ACTIVATING (ref §2.4 modelling choice)."`
}

// ec2OnlyKeys are the Provider keys that make no sense on Fargate.
var ec2OnlyKeys = []string{"instance_types", "purchase", "mixed_instances", "min_size", "max_size", "desired_size",
	"managed_scaling", "managed_termination_protection", "managed_draining", "scale_in_protected_at_launch", "daemon_only_protection_bug",
	"launch_latency", "registration_latency", "eni_trunking", "reserved_memory", "spot_draining", "root_volume_gib", "attributes",
	"warm_pool", "capacity_rebalance"}

// WarmPool is an Auto Scaling group's warm pool (PutWarmPool).
type WarmPool struct {
	MinSize                  int    `toml:"min_size" default:"0" min:"0" max:"5000" doc:"Fewest instances kept in the pool."`
	MaxGroupPreparedCapacity *int   `toml:"max_group_prepared_capacity,omitempty" min:"0" max:"5000" defaultdoc:"the group's max_size" doc:"Most instances in the group and pool together; the pool holds this minus the desired capacity (at least min_size)."`
	PoolState                string `toml:"pool_state" default:"Stopped" enum:"Stopped,Running" doc:"Warmed instances wait stopped (billed for EBS only) or running (billed in full). Hibernated is not modelled."`
	StartLatency             Dist   `toml:"start_latency" default:"lognormal(20s, 40s)" doc:"A Warmed:Stopped instance's start until running; registration follows (modelling choice: AWS quotes 30 s to serve)."`
}

// MixedInstances is an ASG InstancesDistribution (ref §7.3).
type MixedInstances struct {
	OnDemandBase             int `toml:"on_demand_base" default:"0" min:"0" doc:"The first instances that are On-Demand."`
	OnDemandPercentAboveBase int `toml:"on_demand_percent_above_base" default:"100" min:"0" max:"100" unit:"%" doc:"Share of On-Demand instances above the base, rounded up in favour of On-Demand."`
}

// ManagedScaling is a capacity provider's managedScaling block plus the
// modelling choices of cluster auto scaling (ref §5.2–§5.4).
type ManagedScaling struct {
	TargetCapacity         int      `toml:"target_capacity" default:"100" min:"1" max:"100" unit:"%" doc:"CapacityProviderReservation target."`
	MinimumScalingStepSize int      `toml:"minimum_scaling_step_size" default:"1" min:"1" max:"10000" doc:"Fewest instances added at once."`
	MaximumScalingStepSize int      `toml:"maximum_scaling_step_size" default:"10000" min:"1" max:"10000" doc:"Most instances added at once."`
	InstanceWarmupPeriod   Duration `toml:"instance_warmup_period" default:"300s" min:"0s" max:"10000s" doc:"A further scale-out waits until every instance is this old (ref §5.4)."`
	HighEvaluationPeriods  int      `toml:"high_evaluation_periods" default:"1" min:"1" max:"1440" doc:"Minutes of CPR above target before scale-out (AlarmHigh; ref §5.2)."`
	LowEvaluationPeriods   int      `toml:"low_evaluation_periods" default:"15" min:"1" max:"1440" doc:"Minutes of CPR below target before scale-in (AlarmLow; ref §5.2)."`
	PublishDelay           Duration `toml:"publish_delay" default:"0s" min:"0s" max:"1h" doc:"CloudWatch delay of the CPR metric."`
	ScaleInHold            Duration `toml:"scale_in_hold" default:"15m" min:"0s" doc:"No scale-in for this long after a scale-out (ref §5.4)."`
	ScaleInFraction        float64  `toml:"scale_in_fraction" default:"0.5" min:"0.001" max:"1" doc:"At most max(1, floor(fraction × instances)) removed per minute (ref §5.4 modelling choice)."`
	InitialScaleOut        int      `toml:"initial_scale_out" default:"2" min:"1" doc:"Instances of the first scale-out from zero (ref §5.3)."`
}

// SpotInterruptions says when Spot capacity is reclaimed.
type SpotInterruptions struct {
	RatePerHour float64    `toml:"rate_per_hour" default:"0" min:"0" max:"100" unit:"1/h" doc:"Poisson rate of interruptions per instance-hour (EC2) or task-hour (FARGATE_SPOT)."`
	At          []Duration `toml:"at,omitempty" doc:"Offsets from the start at which one running instance or task is interrupted (all of them with all)."`
	All         bool       `toml:"all" default:"false" doc:"An interruption in at reclaims every Spot instance or task of the provider."`
	// RebalanceLead has no AWS figure; see models.SpotInterruptions.
	RebalanceLead Dist `toml:"rebalance_lead" default:"uniform(0s, 10m)" doc:"EC2: how long before the interruption notice the rebalance recommendation arrives (used with capacity_rebalance; AWS only says sooner or with the notice, so this is a modelling choice)."`
}
