package models

import (
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models/workload"
)

// ServiceConfig is one ECS service.
type ServiceConfig struct {
	Name    string
	TaskDef string // "family" (its only or highest revision) or "family:revision"
	// Daemon makes it a DAEMON service: one task per eligible instance.
	Daemon       bool
	DesiredCount int
	// LaunchType "FARGATE" or "EC2", or empty to use CapacityProviderStrategy
	// (or, when that is empty too, the cluster default strategy).
	LaunchType               string
	CapacityProviderStrategy []StrategyItem
	PlacementStrategy        []PlacementStrategy
	PlacementConstraints     []PlacementConstraint

	Deployment DeploymentConfig
	// HealthCheckGracePeriod: health results are ignored this long after
	// RUNNING (ref §3.4).
	HealthCheckGracePeriod time.Duration
	LoadBalancer           *LoadBalancerConfig

	// Workload drives utilisation and latency; nil means idle tasks.
	Workload *workload.ServiceConfig
	// Worker makes it a queue-driven worker service instead.
	Worker *workload.WorkerConfig
	// Scaling is the service's Application Auto Scaling setup.
	Scaling *ServiceScalingConfig

	// Deployments of new task definition revisions at given times.
	Deployments []DeploymentAt
	// FailureRatePerHour makes running tasks fail (exit) at random, per
	// task-hour, to exercise replacement.
	FailureRatePerHour float64
	// StartFailureProbability makes a starting task fail before RUNNING,
	// to exercise the scheduler's throttle and the circuit breaker.
	StartFailureProbability float64
	// ProtectWhileBusy makes a worker service's tasks hold task scale-in
	// protection while they process messages (ref §1.7; see protection.go).
	ProtectWhileBusy bool
	// AZRebalancing is availabilityZoneRebalancing (ref §1.10); nil means
	// the CreateService default: on, except for DAEMON services and
	// services placed with binpack.
	AZRebalancing *bool
}

// DeploymentConfig is a rolling deployment's configuration (ref §4.2, §4.3).
// Both percents zero means the defaults: 100/200 for replica services,
// 0/100 for daemons.
type DeploymentConfig struct {
	MinimumHealthyPercent int
	MaximumPercent        int
	CircuitBreaker        bool
	Rollback              bool
	// CircuitBreakerMinThreshold is 3 (current docs) or 10 (2023 docs).
	CircuitBreakerMinThreshold int
}

// DeploymentAt rolls the service to TaskDef at At (an offset from start).
type DeploymentAt struct {
	At      time.Duration
	TaskDef string
}

// LoadBalancerConfig is the target group in front of a service (ref §3.4, §10b).
type LoadBalancerConfig struct {
	// DeregistrationDelay is spent in DEACTIVATING (default 300 s).
	DeregistrationDelay time.Duration
	// HealthCheckInterval × HealthyThreshold is the time from registration
	// to healthy (defaults 30 s × 5).
	HealthCheckInterval time.Duration
	HealthyThreshold    int
	// HealthCheckFailuresPerHour makes healthy targets fail their health
	// checks at random, per task-hour; after the grace period such a task
	// is deregistered, stopped and replaced (ref §3.4).
	HealthCheckFailuresPerHour float64
}

// TaskStreamConfig is a stream of standalone tasks (RunTask): batch jobs
// arriving at random, at listed times, or on a schedule (an EventBridge
// scheduled task).
type TaskStreamConfig struct {
	Name string
	// RatePerHour gives Poisson arrivals; At lists arrival offsets; Cron is
	// an AWS cron(...)/rate(...) expression in TimeZone. Exactly one is set.
	RatePerHour float64
	At          []time.Duration
	Cron        string
	TimeZone    string
	// TasksPerArrival is the RunTask count (default 1).
	TasksPerArrival int
	// Mix is the weighted set of task definitions with their run times.
	Mix []JobMix

	LaunchType               string
	CapacityProviderStrategy []StrategyItem
	PlacementStrategy        []PlacementStrategy
	PlacementConstraints     []PlacementConstraint
	// Group is the task group; default "family:<family>" (ref §1.6).
	Group string
}

// JobMix is one kind of job in a stream.
type JobMix struct {
	TaskDef  string
	Weight   float64
	Duration Dist
}

// Timing holds the durations of the task lifecycle and the scheduler's
// pacing. Zero fields take the reference defaults (ref §10b).
type Timing struct {
	// SchedulerDelay is how soon the service scheduler acts on a change.
	SchedulerDelay time.Duration
	// PlacementRetryMax caps the doubling retry interval of a service whose
	// tasks cannot be placed (ref §3.3; 5 min).
	PlacementRetryMax time.Duration
	// ProvisioningTimeout is how long a task waits in PROVISIONING for
	// capacity before it is stopped (ref §3.2: 10–30 min).
	ProvisioningTimeout Dist
	// ENIAttach is PROVISIONING of an awsvpc task on EC2 (5 s).
	ENIAttach Dist
	// ImagePull on EC2 when not cached (default 10 s).
	ImagePull Dist
	// ContainerStart is the rest of PENDING after the pull (2 s).
	ContainerStart Dist
	// Activating covers service discovery / target registration (0–5 s).
	Activating Dist
	// HealthyAfter is when a task without health checks or load balancer
	// counts healthy (40 s after RUNNING).
	HealthyAfter time.Duration
	// Shutdown is the application's own shutdown time after SIGTERM; the
	// stop takes min(Shutdown, stopTimeout).
	Shutdown Dist
	// ENIDetach is DEPROVISIONING of awsvpc tasks (3–10 s).
	ENIDetach Dist
	// SpotNotice is the Spot interruption warning (2 min).
	SpotNotice time.Duration
	// ThrottleBase and ThrottleMax shape the back-off after tasks fail to
	// start: base × 2^(k−1), capped (ref §3.3: 30 s, 15 min).
	ThrottleBase, ThrottleMax time.Duration
	// StopNotRunningFirst removes not-yet-RUNNING tasks first on scale-in
	// (ref §1.7 modelling choice; default true, set KeepUnstartedOnScaleIn
	// to disable).
	KeepUnstartedOnScaleIn bool
}

// Quotas are the ECS quotas and rates that shape timing (ref §10).
type Quotas struct {
	// ProvisioningTasksPerCluster caps tasks waiting in PROVISIONING for
	// capacity (100 in the 2020 blog; current value unverified).
	ProvisioningTasksPerCluster int
	// FargateBurst and FargateRefillPerSecond are the Fargate task launch
	// token bucket (100, 20/s).
	FargateBurst           int
	FargateRefillPerSecond float64
	// ServiceLaunchesPerMinuteEC2/Fargate cap each service's launches
	// (250 / 500 per minute).
	ServiceLaunchesPerMinuteEC2     int
	ServiceLaunchesPerMinuteFargate int
}

// EventSink receives the optional event log.
type EventSink interface {
	Log(e LogEvent)
}

// LogEvent is one line of the event log.
type LogEvent struct {
	At      time.Duration // offset from the start
	Kind    string        // "task", "instance", "scaling", "deployment", "placement", "rebalance"
	Subject string        // e.g. "service:web/task-17"
	Message string
}

// ServiceScalingConfig is a service's Application Auto Scaling setup: the
// scalable target with its policies and scheduled actions (ref §6).
type ServiceScalingConfig struct {
	MinCapacity, MaxCapacity int
	Suspended                autoscale.SuspendedState
	// TargetTracking policies. Their Metric field is filled by the world
	// from the predefined or customized metric specification.
	TargetTracking []autoscale.TargetTrackingConfig
	// Step policies, each with its alarm; MetricName names the metric the
	// alarm watches (see MetricSource).
	Step []StepPolicyConfig
	// Scheduled actions change min/max capacity at times (ref §6.5).
	Scheduled []autoscale.ScheduledActionConfig
	// MetricPublishDelay is how late a 1-minute datapoint becomes visible
	// to alarms (ref §6.2: 60–120 s; default 60 s).
	MetricPublishDelay *time.Duration
	// CustomMetrics are replayed custom metrics by name (a trace or any
	// Demand: its value at each minute is the datapoint).
	CustomMetrics map[string]workload.Demand
}

// StepPolicyConfig is a step scaling policy and the metric of its alarm.
type StepPolicyConfig struct {
	MetricName string
	Policy     autoscale.StepScalingConfig
}

// Metric names the world publishes for a service. The predefined ones are
// AWS's; the ecsim ones are derived series a custom metric can name
// (namespace "ecsim").
const (
	MetricCPU            = "ECSServiceAverageCPUUtilization"
	MetricMemory         = "ECSServiceAverageMemoryUtilization"
	MetricALBRequests    = "ALBRequestCountPerTarget"
	MetricBacklogPerTask = "BacklogPerTask"
	MetricBacklog        = "ApproximateNumberOfMessagesVisible"
	MetricQueueDelay     = "QueueDelaySeconds"
	MetricRequestsPerSec = "RequestsPerSecond"
	MetricRunningTasks   = "RunningTaskCount"
	NamespaceECSim       = "ecsim"
)
