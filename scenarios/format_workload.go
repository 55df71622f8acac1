package scenarios

// Workload is the request demand a service serves.
type Workload struct {
	Demand Demand      `toml:"demand" required:"true" doc:"Requests per second over time."`
	Task   TaskProfile `toml:"task" required:"true" doc:"What one task serves and uses; its CPU and memory reservation come from the task definition."`
	Queue  Queue       `toml:"queue" doc:"The queueing model of requests."`
}

// Worker is a queue-driven worker service (tasks polling a queue).
type Worker struct {
	Arrivals Demand      `toml:"arrivals" required:"true" doc:"Messages per second arriving on the queue."`
	Task     TaskProfile `toml:"task" required:"true" doc:"What one task processes and uses."`
	Queue    Queue       `toml:"queue" doc:"The queueing model of messages."`
	// ScaleInProtection models the task protection endpoint's main use.
	ScaleInProtection bool `toml:"scale_in_protection" default:"false" doc:"Tasks hold task scale-in protection while they process messages, so scale-in and deployments wait for them to fall idle (ref §1.7; each step a task is protected with the chance that one of its concurrency slots is busy)."`
}

// TaskProfile says what one task can do and what it uses.
type TaskProfile struct {
	CapacityPerSecond         float64 `toml:"capacity_per_second" required:"true" min:"0.000001" unit:"requests/s" doc:"Requests one task completes per second at 100 % of its CPU reservation."`
	IdleCPU                   float64 `toml:"idle_cpu" default:"0" min:"0" max:"99.999" unit:"%" doc:"CPU utilisation of an idle task (runtime, health checks, sidecars)."`
	BaseMemory                Memory  `toml:"base_memory" default:"0" doc:"Memory an idle task uses."`
	MemoryPerRequestPerSecond float64 `toml:"memory_per_request_per_second" default:"0" min:"0" unit:"MiB per request/s" doc:"Extra memory per request per second served."`
}

// Queue is the queueing model shared by workloads and workers.
type Queue struct {
	Concurrency              int     `toml:"concurrency" default:"1" min:"1" max:"100000" doc:"Requests one task processes in parallel (M/M/c servers per task)."`
	QueueLimit               float64 `toml:"queue_limit" default:"0" min:"0" unit:"requests" doc:"Most requests the backlog holds; more are dropped (0 = unlimited)."`
	MaxStationaryUtilisation float64 `toml:"max_stationary_utilisation" default:"0.99" min:"0.01" max:"0.999" doc:"Utilisation up to which the steady-state M/M/c queue applies; beyond it the fluid backlog takes over."`
}

// Demand is a rate over wall-clock time: a base rate (base, steps or a
// replayed trace), multiplied by the shape factors given (diurnal, weekly,
// growth, ramp, noise), plus spikes.
type Demand struct {
	Base    *float64 `toml:"base,omitempty" min:"0" unit:"per second" doc:"Constant base rate (at the diurnal peak when diurnal is given). Give one of base, steps and replay."`
	Steps   *Steps   `toml:"steps,omitempty" doc:"A piecewise-constant base rate."`
	Replay  *Replay  `toml:"replay,omitempty" doc:"A base rate replayed from a trace file."`
	Diurnal *Diurnal `toml:"diurnal,omitempty" doc:"Daily cycle factor between trough_ratio and 1."`
	Weekly  *Weekly  `toml:"weekly,omitempty" doc:"Day-of-week factor."`
	Growth  *Growth  `toml:"growth,omitempty" doc:"Compound growth factor."`
	Ramp    *Ramp    `toml:"ramp,omitempty" doc:"Linear ramp factor."`
	Noise   *Noise   `toml:"noise,omitempty" doc:"Multiplicative lognormal noise with mean 1."`
	Spikes  []Spike  `toml:"spikes,omitempty" doc:"Bursts added on top."`
}

// Steps is a piecewise-constant rate.
type Steps struct {
	Initial float64 `toml:"initial" default:"0" min:"0" unit:"per second" doc:"Rate before the first step."`
	Steps   []Step  `toml:"steps" required:"true" doc:"Changes, in increasing time."`
}

// Step sets a new rate from a time on.
type Step struct {
	At    Duration `toml:"at" required:"true" min:"0s" doc:"Offset from the start."`
	Value float64  `toml:"value" required:"true" min:"0" unit:"per second" doc:"Rate from then on."`
}

// Replay plays back a recorded series.
type Replay struct {
	File          string   `toml:"file" required:"true" doc:"Trace file relative to the scenario: CSV of timestamp,value or a CloudWatch get-metric-data JSON export."`
	Format        string   `toml:"format,omitempty" enum:"csv,cloudwatch" defaultdoc:"cloudwatch for .json files, else csv" doc:"Trace format."`
	ID            string   `toml:"id,omitempty" doc:"CloudWatch: the MetricDataResults Id (needed when the export holds several)."`
	Kind          string   `toml:"kind" default:"per_second" enum:"per_second,count_per_period" doc:"per_second values are rates; count_per_period values are counts per period (a CloudWatch Sum)."`
	Period        Duration `toml:"period,omitempty" min:"1s" doc:"Aggregation period of count_per_period values."`
	Scale         float64  `toml:"scale" default:"1" min:"0" doc:"Multiplies every value."`
	Loop          bool     `toml:"loop" default:"false" doc:"Repeat the trace forever."`
	Interpolation string   `toml:"interpolation" default:"hold" enum:"hold,linear" doc:"hold keeps each value to the next sample; linear interpolates."`
	AlignToStart  bool     `toml:"align_to_start" default:"true" doc:"Shift the trace so its first sample falls at the scenario start."`
}

// Diurnal is a daily cycle.
type Diurnal struct {
	PeakHour    float64 `toml:"peak_hour" default:"14" min:"0" max:"23.999" unit:"h" doc:"Local hour of the daily maximum (13.5 = 13:30)."`
	TroughRatio float64 `toml:"trough_ratio" default:"0.3" min:"0" max:"1" doc:"Daily minimum divided by the maximum."`
	TimeZone    string  `toml:"time_zone" default:"UTC" doc:"IANA time zone of peak_hour."`
}

// Weekly is a factor per day of the week.
type Weekly struct {
	Weekday  float64   `toml:"weekday" default:"1" min:"0" doc:"Factor Monday to Friday."`
	Weekend  float64   `toml:"weekend" default:"1" min:"0" doc:"Factor Saturday and Sunday."`
	Factors  []float64 `toml:"factors,omitempty" doc:"Seven factors, Sunday first, instead of weekday and weekend."`
	TimeZone string    `toml:"time_zone" default:"UTC" doc:"IANA time zone of the day boundaries."`
}

// Growth is compound growth.
type Growth struct {
	RatePerPeriod float64  `toml:"rate_per_period" required:"true" min:"-0.999" doc:"Relative growth per period (0.1 = +10 %)."`
	Period        Duration `toml:"period" default:"30d" min:"1s" doc:"The period."`
	Start         Duration `toml:"start" default:"0s" min:"0s" doc:"Offset from the start where growth begins."`
}

// Ramp moves a factor linearly between two times.
type Ramp struct {
	From  float64  `toml:"from" default:"1" min:"0" doc:"Factor before start."`
	To    float64  `toml:"to" required:"true" min:"0" doc:"Factor after end."`
	Start Duration `toml:"start" default:"0s" min:"0s" doc:"Offset where the ramp begins."`
	End   Duration `toml:"end" required:"true" min:"0s" doc:"Offset where it ends."`
}

// Noise is multiplicative lognormal noise.
type Noise struct {
	Sigma           float64  `toml:"sigma" required:"true" min:"0" max:"3" doc:"Standard deviation of the log of the factor (0.1 ≈ ±10 %)."`
	CorrelationTime Duration `toml:"correlation_time" default:"0s" min:"0s" doc:"AR(1) time constant; 0 gives independent values."`
	Interval        Duration `toml:"interval" default:"1m" min:"1s" doc:"How often the noise changes."`
}

// Spike is a burst added to the demand.
type Spike struct {
	At       Duration `toml:"at" required:"true" min:"0s" doc:"Offset from the start."`
	Height   float64  `toml:"height" required:"true" min:"0" unit:"per second" doc:"Peak rate added."`
	Duration Duration `toml:"duration" required:"true" min:"1s" doc:"Length (square, triangle) or time constant (exp-decay)."`
	Shape    string   `toml:"shape" default:"triangle" enum:"square,triangle,exp-decay" doc:"Time profile."`
}
