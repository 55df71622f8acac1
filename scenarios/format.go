package scenarios

import "time"

// File is a scenario file as written, after decoding and defaults. Its
// struct tags are the format's single source of truth: key names (toml),
// descriptions (doc), defaults (default, applied by the decoder; defaultdoc,
// a default that depends on other keys and is applied in code), allowed
// values (enum), ranges (min, max) and units (unit). The reference page
// docs/scenario-format.md and Schema are generated from them.
type File struct {
	Name        string    `toml:"name" required:"true" doc:"Scenario name, carried into every result."`
	Description string    `toml:"description,omitempty" doc:"What the scenario asks, for people and for ecsim examples."`
	Region      string    `toml:"region" default:"us-east-1" doc:"AWS Region whose prices apply (it must be in the catalogue)."`
	AZs         []string  `toml:"azs,omitempty" defaultdoc:"the region's a, b and c zones" doc:"Availability Zones the cluster uses; instances and tasks spread over them."`
	Start       time.Time `toml:"start" default:"2026-03-02T00:00:00Z" doc:"Wall-clock time of the start (a TOML date-time; without an offset it is UTC). Diurnal and weekly demand and cron schedules follow it."`
	Duration    Duration  `toml:"duration" required:"true" min:"1s" doc:"How long the run simulates."`
	Seed        int64     `toml:"seed" default:"1" min:"0" doc:"Seed of every random stream; the same seed gives the same result."`
	Resolution  Duration  `toml:"resolution" default:"1m" min:"1s" doc:"Step of metrics and time series; must divide or be a multiple of one minute."`
	// MaxSeriesPoints bounds series memory for long runs.
	MaxSeriesPoints int `toml:"max_series_points" default:"10080" min:"10" doc:"Most points kept per time series; longer runs are downsampled."`
	// ServiceSeriesLimit bounds series memory for many services.
	ServiceSeriesLimit int  `toml:"service_series_limit" default:"20" min:"1" doc:"Most services with time series of their own: [services] in file order, then the members of [service_groups]. With more services, cluster-wide totals (total_desired_tasks, total_running_tasks, total_pending_tasks, total_demand, total_capacity, total_dropped_requests) are recorded too. Summary figures cover every service."`
	ColdStart          bool `toml:"cold_start" default:"false" doc:"Launch the initial instances and tasks at time zero instead of starting with them registered and RUNNING."`

	Catalog         *CatalogSpec               `toml:"catalog,omitempty" doc:"Changes to the embedded catalogue of instance types and prices."`
	DefaultStrategy []StrategyItem             `toml:"default_capacity_provider_strategy,omitempty" doc:"The cluster's default capacity provider strategy, used by services and streams with neither launch_type nor capacity_provider_strategy."`
	Providers       map[string]*Provider       `toml:"providers" doc:"Capacity providers by name."`
	TaskDefinitions map[string]*TaskDefinition `toml:"task_definitions,omitempty" doc:"Task definitions by key; the key is the family unless family is given."`
	Services        map[string]*Service        `toml:"services,omitempty" doc:"ECS services by name."`
	ServiceGroups   map[string]*ServiceGroup   `toml:"service_groups,omitempty" doc:"Many alike services written once: count copies named <group>-0001, <group>-0002, …"`
	Streams         map[string]*Stream         `toml:"streams,omitempty" doc:"Streams of standalone tasks (RunTask): batch jobs and scheduled tasks, by name."`
	Timing          Timing                     `toml:"timing" doc:"Task lifecycle durations and the scheduler's pacing."`
	Quotas          Quotas                     `toml:"quotas" doc:"ECS quotas and rates that shape timing."`

	Variants []Variant `toml:"variants,omitempty" doc:"Variants of the scenario to compare, each a name and overrides of any key."`
	Sweep    *Sweep    `toml:"sweep,omitempty" doc:"Parameter ranges and seeds, expanded into one run per combination."`
}

// CatalogSpec changes the catalogue a scenario prices with.
type CatalogSpec struct {
	File              string         `toml:"file,omitempty" doc:"A catalogue overlay file (the embedded catalogue's format; path relative to the scenario) whose rows replace or add to the embedded ones."`
	Data              map[string]any `toml:"data,omitempty" doc:"An inline overlay in the same format as file (e.g. [[catalog.data.ec2.prices]] rows), applied after file."`
	FargateSpotFactor float64        `toml:"fargate_spot_factor,omitempty" min:"0" max:"1" defaultdoc:"the catalogue's (0.30)" doc:"Fargate Spot price as a fraction of On-Demand."`
}

// StrategyItem is one entry of a capacity provider strategy.
type StrategyItem struct {
	CapacityProvider string `toml:"capacity_provider" required:"true" doc:"Name of a provider in [providers]."`
	Base             int    `toml:"base" default:"0" min:"0" max:"100000" doc:"Tasks placed on this provider before weights apply (only one item may set it)."`
	Weight           int    `toml:"weight" default:"1" min:"0" max:"1000" doc:"Relative share of tasks beyond the base. The default is the console's 1 (the API's is 0)."`
}

// Timing holds the task lifecycle durations (ref §10b).
type Timing struct {
	SchedulerDelay      Duration `toml:"scheduler_delay" default:"10s" min:"0s" doc:"How soon the service scheduler acts on a change (modelling choice)."`
	PlacementRetryMax   Duration `toml:"placement_retry_max" default:"5m" min:"1s" doc:"Cap of the doubling retry interval for tasks that cannot be placed (ref §3.3)."`
	ProvisioningTimeout Dist     `toml:"provisioning_timeout" default:"uniform(10m, 30m)" doc:"How long a task waits in PROVISIONING for capacity before it is stopped (ref §3.2)."`
	ENIAttach           Dist     `toml:"eni_attach" default:"5s" doc:"PROVISIONING of an awsvpc task on EC2 (ENI attachment)."`
	ImagePull           Dist     `toml:"image_pull" default:"10s" doc:"Image pull on EC2 without a cached image, and on Fargate (modelling choice: a ~200 MB image from ECR)."`
	ContainerStart      Dist     `toml:"container_start" default:"2s" doc:"The rest of PENDING after the pull."`
	Activating          Dist     `toml:"activating" default:"uniform(0s, 5s)" doc:"ACTIVATING: service discovery and target registration (ref §3.1)."`
	HealthyAfter        Duration `toml:"healthy_after" default:"40s" min:"0s" doc:"When a task without health checks or load balancer counts as healthy, after RUNNING (ref §3.4)."`
	Shutdown            Dist     `toml:"shutdown" default:"5s" doc:"The application's own shutdown after SIGTERM; a stop takes min(shutdown, stop_timeout)."`
	ENIDetach           Dist     `toml:"eni_detach" default:"uniform(3s, 10s)" doc:"DEPROVISIONING of awsvpc tasks."`
	SpotNotice          Duration `toml:"spot_notice" default:"2m" min:"0s" doc:"Spot interruption warning, EC2 and Fargate Spot (ref §2.3, §7.3)."`
	ThrottleBase        Duration `toml:"throttle_base" default:"30s" min:"1s" doc:"First back-off after tasks fail to start; it doubles per failure (ref §3.3)."`
	ThrottleMax         Duration `toml:"throttle_max" default:"15m" min:"1s" doc:"Cap of the failed-start back-off (ref §3.3)."`
	StopUnstartedFirst  bool     `toml:"stop_unstarted_first" default:"true" doc:"On scale-in, stop tasks that are not yet RUNNING first (ref §1.7 modelling choice)."`
}

// Quotas are the ECS quotas and rates that shape timing (ref §10).
type Quotas struct {
	ProvisioningTasksPerCluster     int     `toml:"provisioning_tasks_per_cluster" default:"100" min:"1" doc:"Tasks that may wait in PROVISIONING per cluster (2020 figure; current value unverified)."`
	FargateBurst                    int     `toml:"fargate_burst" default:"100" min:"1" doc:"Fargate task launch token bucket size (ref §2.4)."`
	FargateRefillPerSecond          float64 `toml:"fargate_refill_per_second" default:"20" min:"0.001" unit:"tasks/s" doc:"Fargate launch tokens refilled per second."`
	ServiceLaunchesPerMinuteEC2     int     `toml:"service_launches_per_minute_ec2" default:"250" min:"1" unit:"tasks/min" doc:"Launch rate cap per service on EC2."`
	ServiceLaunchesPerMinuteFargate int     `toml:"service_launches_per_minute_fargate" default:"500" min:"1" unit:"tasks/min" doc:"Launch rate cap per service on Fargate."`
}

// Variant is one variant: the scenario with some keys overridden.
type Variant struct {
	Name        string         `toml:"name" required:"true" doc:"Variant name, used in run names and reports."`
	Description string         `toml:"description,omitempty" doc:"What the variant changes."`
	Overrides   map[string]any `toml:"overrides,omitempty" doc:"Keys to set, as a table mirroring the scenario (services.web.launch_type = \"FARGATE\"); tables merge, other values replace, and a table of numbered keys patches list elements (target_tracking.0.target_value = 50)."`
	Unset       []string       `toml:"unset,omitempty" doc:"Dotted keys to remove before the overrides apply (e.g. \"services.web.scaling\")."`
}

// Sweep expands a scenario into runs: every combination of parameter
// values, each with every seed.
type Sweep struct {
	Seeds      int              `toml:"seeds" default:"1" min:"1" max:"100000" doc:"Runs per combination, with seeds seed, seed+1, …"`
	Parameters []SweepParameter `toml:"parameters,omitempty" doc:"The swept keys."`
}

// SweepParameter is one swept key with its values.
type SweepParameter struct {
	Name   string   `toml:"name,omitempty" defaultdoc:"the last key of path" doc:"Short name used in run names (target=40/seed=3)."`
	Path   string   `toml:"path" required:"true" doc:"Dotted key to set, list indexes as numbers: services.web.scaling.target_tracking.0.target_value."`
	Values []any    `toml:"values,omitempty" doc:"The values, any TOML type the key accepts."`
	From   *float64 `toml:"from,omitempty" doc:"Start of a numeric range (with to and step), instead of values."`
	To     *float64 `toml:"to,omitempty" doc:"End of the range, included when reached exactly."`
	Step   *float64 `toml:"step,omitempty" doc:"Step of the range, > 0."`
}
