package scenarios

// TaskDefinition is a task definition revision, reduced to what placement,
// timing and cost depend on. Without containers it has one essential
// container named "app" holding no resources of its own.
type TaskDefinition struct {
	Family              string   `toml:"family,omitempty" defaultdoc:"the table key" doc:"Task definition family."`
	Revision            int      `toml:"revision" default:"1" min:"1" doc:"Revision number; services name family:revision or the family's highest."`
	CPU                 CPU      `toml:"cpu,omitempty" defaultdoc:"unset: the containers' sum is reserved (EC2 only)" doc:"Task-level CPU; Fargate needs it, with a valid Fargate size."`
	Memory              Memory   `toml:"memory,omitempty" defaultdoc:"unset: the containers' sum is reserved (EC2 only)" doc:"Task-level memory; Fargate needs it."`
	NetworkMode         string   `toml:"network_mode,omitempty" enum:"awsvpc,bridge,host,none" defaultdoc:"bridge on EC2, awsvpc on Fargate" doc:"networkMode."`
	OS                  string   `toml:"os" default:"linux" enum:"linux,windows" doc:"runtimePlatform operating system family."`
	Arch                string   `toml:"arch,omitempty" enum:"x86_64,arm64" defaultdoc:"unset: any instance; x86_64 prices on Fargate" doc:"runtimePlatform CPU architecture; on EC2 it restricts instances to that architecture."`
	EphemeralStorageGiB int      `toml:"ephemeral_storage_gib" default:"20" min:"20" max:"200" unit:"GiB" doc:"Fargate ephemeral storage; above 20 GiB is billed."`
	StopTimeout         Duration `toml:"stop_timeout" default:"30s" min:"0s" max:"1h" doc:"Longest STOPPING (Fargate allows up to 120 s)."`
	ImagePull           *Dist    `toml:"image_pull,omitempty" defaultdoc:"timing.image_pull" doc:"Image pull time of this task definition."`
	ImageCached         bool     `toml:"image_cached" default:"false" doc:"EC2 pulls are free after the first task of this family on an instance (ECS_IMAGE_PULL_BEHAVIOR=prefer-cached)."`

	HealthCheck          *HealthCheck `toml:"health_check,omitempty" doc:"The essential containers' health check: a task is healthy when it passes, not 40 s after RUNNING."`
	PlacementConstraints []Constraint `toml:"placement_constraints,omitempty" doc:"Task definition constraints (memberOf only)."`
	Containers           []Container  `toml:"containers,omitempty" doc:"Container definitions."`
}

// Container is one container definition.
type Container struct {
	Name              string        `toml:"name" required:"true" doc:"Container name, unique in the task definition."`
	CPU               CPU           `toml:"cpu" default:"0" doc:"Container CPU (a share; reserved on EC2 when the task has no cpu)."`
	Memory            Memory        `toml:"memory" default:"0" doc:"Hard memory limit (0 = none)."`
	MemoryReservation Memory        `toml:"memory_reservation" default:"0" doc:"Soft memory limit, reserved instead of memory when set."`
	GPUs              int           `toml:"gpus" default:"0" min:"0" max:"16" doc:"GPUs (resourceRequirements type GPU)."`
	Essential         bool          `toml:"essential" default:"true" doc:"The task stops when this container stops."`
	PortMappings      []PortMapping `toml:"port_mappings,omitempty" doc:"Port mappings; static host ports conflict on an instance."`
}

// PortMapping is a container port mapping.
type PortMapping struct {
	ContainerPort int    `toml:"container_port" required:"true" min:"1" max:"65535" doc:"Port in the container."`
	HostPort      int    `toml:"host_port" default:"0" min:"0" max:"65535" doc:"Port on the instance: 0 is dynamic in bridge mode; host mode uses the container port."`
	Protocol      string `toml:"protocol" default:"tcp" enum:"tcp,udp" doc:"Protocol."`
}

// HealthCheck is a container health check (ref §3.4 defaults).
type HealthCheck struct {
	Interval    Duration `toml:"interval" default:"30s" min:"5s" max:"300s" doc:"Time between checks."`
	Retries     int      `toml:"retries" default:"3" min:"1" max:"10" doc:"Failures before unhealthy; also passes needed after start."`
	StartPeriod Duration `toml:"start_period" default:"0s" min:"0s" max:"300s" doc:"Grace before failures count."`
}

// Constraint is a placement constraint: distinctInstance, or memberOf
// with an expression in the cluster query language.
type Constraint struct {
	Type       string `toml:"type" required:"true" enum:"distinctInstance,memberOf" doc:"Constraint type."`
	Expression string `toml:"expression,omitempty" doc:"memberOf: a cluster query expression, e.g. attribute:ecs.instance-type =~ m6i.*"`
}

// PlacementStrategy is one placement strategy rule.
type PlacementStrategy struct {
	Type  string `toml:"type" required:"true" enum:"binpack,spread,random" doc:"Strategy type."`
	Field string `toml:"field,omitempty" doc:"binpack: cpu or memory; spread: instanceId, host or attribute:<name> (e.g. attribute:ecs.availability-zone)."`
}
