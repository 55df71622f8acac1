package scenarios

// Service is an ECS service.
type Service struct {
	TaskDefinition     string `toml:"task_definition,omitempty" doc:"Task definition as family (its highest revision) or family:revision; or give task_definition_file."`
	TaskDefinitionFile string `toml:"task_definition_file,omitempty" doc:"An ECS task definition JSON (register-task-definition input or describe-task-definition output), relative to the scenario; it is added to the task definitions."`
	SchedulingStrategy string `toml:"scheduling_strategy" default:"REPLICA" enum:"REPLICA,DAEMON" doc:"REPLICA keeps desired_count tasks; DAEMON one task per eligible instance."`
	DesiredCount       int    `toml:"desired_count" default:"1" min:"0" max:"100000" doc:"Initial desired count (REPLICA)."`

	LaunchType               string              `toml:"launch_type,omitempty" enum:"EC2,FARGATE" doc:"Launch type instead of a capacity provider strategy (EC2 uses the first EC2 provider's instances)."`
	CapacityProviderStrategy []StrategyItem      `toml:"capacity_provider_strategy,omitempty" defaultdoc:"default_capacity_provider_strategy" doc:"Where the tasks run, by weight and base."`
	PlacementStrategy        []PlacementStrategy `toml:"placement_strategy,omitempty" defaultdoc:"spread by AZ, then by instance (ECS's default for services)" doc:"Placement strategies on EC2, applied in order (at most 5)."`
	PlacementConstraints     []Constraint        `toml:"placement_constraints,omitempty" doc:"Placement constraints on EC2 (with the task definition's, at most 10)."`

	Deployment Deployment `toml:"deployment" doc:"Rolling deployment configuration."`
	// AvailabilityZoneRebalancing is a string, not a bool, to keep ECS's
	// spelling and an unset value (the CreateService default).
	AvailabilityZoneRebalancing string        `toml:"availability_zone_rebalancing,omitempty" enum:"ENABLED,DISABLED" defaultdoc:"ENABLED, but DISABLED for DAEMON services and services with a binpack strategy (CreateService's default)" doc:"AZ rebalancing (ref §1.10): in steady state, tasks move one at a time from the AZ with the most to the AZ with the fewest until the counts differ by at most one."`
	HealthCheckGracePeriod      Duration      `toml:"health_check_grace_period" default:"0s" min:"0s" doc:"Health results are ignored this long after RUNNING (ref §3.4)."`
	LoadBalancer                *LoadBalancer `toml:"load_balancer,omitempty" doc:"A target group in front of the service (health checks, deregistration delay)."`

	Workload *Workload `toml:"workload,omitempty" doc:"Request demand served by the service: drives CPU, memory and latency."`
	Worker   *Worker   `toml:"worker,omitempty" doc:"Makes the service a queue-driven worker instead (backlog metrics)."`
	SLO      *SLO      `toml:"slo,omitempty" doc:"Latency objective of a workload; minutes over it are counted."`
	Scaling  *Scaling  `toml:"scaling,omitempty" doc:"Application Auto Scaling of the desired count."`

	Deployments             []DeploymentAt `toml:"deployments,omitempty" doc:"Deployments of other task definition revisions at given times."`
	FailureRatePerHour      float64        `toml:"failure_rate_per_hour" default:"0" min:"0" max:"100" unit:"1/h" doc:"Running tasks fail at random at this rate per task-hour (exercises replacement)."`
	StartFailureProbability float64        `toml:"start_failure_probability" default:"0" min:"0" max:"1" doc:"Chance a starting task fails before RUNNING (exercises throttling and the circuit breaker)."`
}

// ServiceGroup is count services alike, named <group>-0001 and so on.
type ServiceGroup struct {
	Service     `toml:",inline"`
	Count       int       `toml:"count" required:"true" min:"1" max:"100000" doc:"How many services the group stands for."`
	DemandScale []float64 `toml:"demand_scale,omitempty" doc:"Factors applied in turn to the members' demand (member i uses demand_scale[i mod len]), so a group need not be uniform."`
}

// Deployment is a service's deploymentConfiguration (ref §4.2, §4.3).
type Deployment struct {
	MinimumHealthyPercent      *int `toml:"minimum_healthy_percent,omitempty" min:"0" max:"100" unit:"%" defaultdoc:"100 (REPLICA), 0 (DAEMON)" doc:"Lowest share of desired tasks kept healthy during a deployment."`
	MaximumPercent             *int `toml:"maximum_percent,omitempty" min:"100" max:"1000" unit:"%" defaultdoc:"200 (REPLICA), 100 (DAEMON)" doc:"Highest share of desired tasks running during a deployment."`
	CircuitBreaker             bool `toml:"circuit_breaker" default:"false" doc:"Stop a deployment whose tasks keep failing to start."`
	Rollback                   bool `toml:"rollback" default:"false" doc:"Roll back to the last good revision when the circuit breaker trips."`
	CircuitBreakerMinThreshold int  `toml:"circuit_breaker_min_threshold" default:"3" min:"1" max:"200" doc:"Least failures that trip the breaker (3 in current docs, 10 in 2023's)."`
}

// LoadBalancer is the target group in front of a service (ref §3.4, §10b).
type LoadBalancer struct {
	DeregistrationDelay Duration `toml:"deregistration_delay" default:"300s" min:"0s" max:"3600s" doc:"Time spent in DEACTIVATING while connections drain."`
	HealthCheckInterval Duration `toml:"health_check_interval" default:"30s" min:"5s" max:"300s" doc:"Target group health check interval."`
	HealthyThreshold    int      `toml:"healthy_threshold" default:"5" min:"2" max:"10" doc:"Passing checks before a target is healthy."`
}

// DeploymentAt rolls a service to another task definition at a time.
type DeploymentAt struct {
	At             Duration `toml:"at" required:"true" min:"0s" doc:"Offset from the start."`
	TaskDefinition string   `toml:"task_definition" required:"true" doc:"The revision deployed, family:revision."`
}

// SLO is a response-time objective.
type SLO struct {
	Latency    Duration `toml:"latency" required:"true" min:"1ms" doc:"Response time objective."`
	Percentile float64  `toml:"percentile" default:"0.95" min:"0.5" max:"0.9999" doc:"Fraction of requests that must meet it."`
}

// Stream is a stream of standalone tasks: batch jobs arriving at random or
// at listed times, or a scheduled task on a cron/rate expression.
type Stream struct {
	RatePerHour     float64    `toml:"rate_per_hour,omitempty" min:"0" unit:"1/h" doc:"Poisson arrivals per hour (give exactly one of rate_per_hour, at and schedule)."`
	At              []Duration `toml:"at,omitempty" doc:"Arrival offsets from the start."`
	Schedule        string     `toml:"schedule,omitempty" doc:"EventBridge schedule: cron(Minutes Hours Day-of-month Month Day-of-week Year) or rate(…)."`
	TimeZone        string     `toml:"time_zone" default:"UTC" doc:"IANA time zone of schedule."`
	TasksPerArrival int        `toml:"tasks_per_arrival" default:"1" min:"1" max:"10" doc:"Tasks each arrival starts (RunTask count)."`
	Mix             []JobMix   `toml:"mix" required:"true" doc:"The jobs, by weight."`

	LaunchType               string              `toml:"launch_type,omitempty" enum:"EC2,FARGATE" doc:"Launch type instead of a capacity provider strategy."`
	CapacityProviderStrategy []StrategyItem      `toml:"capacity_provider_strategy,omitempty" defaultdoc:"default_capacity_provider_strategy" doc:"Where the tasks run."`
	PlacementStrategy        []PlacementStrategy `toml:"placement_strategy,omitempty" defaultdoc:"random (RunTask's default)" doc:"Placement strategies on EC2."`
	PlacementConstraints     []Constraint        `toml:"placement_constraints,omitempty" doc:"Placement constraints on EC2."`
	Group                    string              `toml:"group,omitempty" defaultdoc:"family:<family>" doc:"Task group, for spread and constraints."`
}

// JobMix is one kind of job in a stream.
type JobMix struct {
	TaskDefinition     string  `toml:"task_definition,omitempty" doc:"family or family:revision (or task_definition_file)."`
	TaskDefinitionFile string  `toml:"task_definition_file,omitempty" doc:"An ECS task definition JSON, relative to the scenario."`
	Weight             float64 `toml:"weight" default:"1" min:"0.000001" doc:"Relative frequency."`
	Duration           Dist    `toml:"duration" required:"true" doc:"How long one job runs."`
}
