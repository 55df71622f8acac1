package workload

import (
	"math"
	"math/rand/v2"
	"time"
)

// JobKind is one entry of a weighted job mix.
type JobKind struct {
	TaskDefinition string       // family:revision or ARN, as the caller names it
	Weight         float64      // relative frequency, > 0
	Duration       DurationDist // how long one run lasts
}

// JobStreamConfig describes a stream of batch jobs (RunTask calls), for
// standalone tasks (Poisson or listed arrivals) and scheduled tasks (a
// cron Schedule).
type JobStreamConfig struct {
	Arrivals Schedule
	Mix      []JobKind
	// TasksPerArrival is how many tasks each arrival starts (RunTask count,
	// EventBridge TaskCount); 0 means 1.
	TasksPerArrival int
}

// Job is one arrival: start Count tasks of TaskDefinition at At, each
// running for Duration (one draw shared by the arrival's tasks).
type Job struct {
	At             time.Time
	TaskDefinition string
	Duration       time.Duration
	Count          int
}

// JobStream generates jobs in time order. Determinism: the mix choice
// draws from the stream's own *rand.Rand (one Float64 per job, none when
// the mix has one kind); arrivals and durations draw from the streams given
// to them, so the same seeds give the same jobs.
type JobStream struct {
	arrivals Schedule
	kinds    []JobKind
	cum      []float64 // cumulative weights
	count    int
	rng      *rand.Rand
	last     time.Time
}

// NewJobStream validates cfg and returns a stream whose first job is the
// first arrival after start.
func NewJobStream(cfg JobStreamConfig, start time.Time, rng *rand.Rand) (*JobStream, error) {
	if rng == nil {
		panic("workload: NewJobStream with a nil *rand.Rand")
	}
	if cfg.Arrivals == nil {
		return nil, fieldErr("JobStreamConfig.Arrivals", "required")
	}
	if len(cfg.Mix) == 0 {
		return nil, fieldErr("JobStreamConfig.Mix", "at least one job kind is required")
	}
	if cfg.TasksPerArrival < 0 {
		return nil, fieldErr("JobStreamConfig.TasksPerArrival", "%d is negative", cfg.TasksPerArrival)
	}
	s := &JobStream{arrivals: cfg.Arrivals, kinds: append([]JobKind(nil), cfg.Mix...), count: max(cfg.TasksPerArrival, 1), rng: rng, last: start}
	total := 0.0
	for i, k := range cfg.Mix {
		f := indexField("JobStreamConfig.Mix", i)
		switch {
		case k.TaskDefinition == "":
			return nil, fieldErr(f+".TaskDefinition", "required")
		case !(k.Weight > 0) || math.IsInf(k.Weight, 0):
			return nil, fieldErr(f+".Weight", "%v must be a finite number > 0", k.Weight)
		case k.Duration == nil:
			return nil, fieldErr(f+".Duration", "required")
		}
		total += k.Weight
		s.cum = append(s.cum, total)
	}
	return s, nil
}

// Next returns the next job, or false when the schedule has no more
// arrivals.
func (s *JobStream) Next() (Job, bool) {
	t := s.arrivals.Next(s.last)
	if t.IsZero() {
		return Job{}, false
	}
	if !t.After(s.last) {
		panic("workload: Schedule.Next returned a time not after its argument")
	}
	s.last = t
	k := s.kinds[s.pick()]
	return Job{At: t, TaskDefinition: k.TaskDefinition, Duration: k.Duration.Sample(), Count: s.count}, true
}

func (s *JobStream) pick() int {
	if len(s.cum) == 1 {
		return 0
	}
	u := s.rng.Float64() * s.cum[len(s.cum)-1]
	for i, c := range s.cum {
		if u < c {
			return i
		}
	}
	return len(s.cum) - 1
}
