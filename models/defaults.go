package models

import (
	"time"

	"github.com/ecsim/ecsim/models/catalog"
)

// Defaults from the reference's timing table (ref §10b) and quotas (§10).
const (
	DefaultResolution      = time.Minute
	DefaultMaxSeriesPoints = 10080
	// DefaultServiceSeriesLimit is how many services get per-service time
	// series by default (see Config.ServiceSeriesLimit): enough for every
	// plot a person reads, few enough to keep long runs of large clusters
	// small.
	DefaultServiceSeriesLimit = 20
	DefaultRegion             = "us-east-1"
	// MaxInstancesPerCluster is ECS's quota of container instances per
	// cluster (ref §10).
	MaxInstancesPerCluster = 5000
)

// withDefaults returns cfg with every zero setting filled.
func withDefaults(cfg Config) Config {
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if len(cfg.AZs) == 0 {
		cfg.AZs = []string{cfg.Region + "a", cfg.Region + "b", cfg.Region + "c"}
	}
	if cfg.Resolution == 0 {
		cfg.Resolution = defaultResolution(cfg.Duration)
	}
	if cfg.MaxSeriesPoints == 0 {
		cfg.MaxSeriesPoints = DefaultMaxSeriesPoints
	}
	if cfg.ServiceSeriesLimit == 0 {
		cfg.ServiceSeriesLimit = DefaultServiceSeriesLimit
	}
	if cfg.Catalog == nil {
		cfg.Catalog = catalog.Default()
	}
	cfg.Timing = cfg.Timing.withDefaults()
	cfg.Quotas = cfg.Quotas.withDefaults()
	return cfg
}

func (t Timing) withDefaults() Timing {
	setD := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	setDist := func(d *Dist, v Dist) {
		if *d == (Dist{}) {
			*d = v
		}
	}
	setD(&t.SchedulerDelay, 10*time.Second)                                  // modelling choice: the scheduler acts within seconds
	setD(&t.PlacementRetryMax, 5*time.Minute)                                // ref §3.3
	setDist(&t.ProvisioningTimeout, Uniform(10*time.Minute, 30*time.Minute)) // ref §3.2
	setDist(&t.ENIAttach, Fixed(5*time.Second))                              // ref §10b
	setDist(&t.ImagePull, Fixed(10*time.Second))                             // modelling choice: a ~200 MB image from ECR
	setDist(&t.ContainerStart, Fixed(2*time.Second))                         // modelling choice
	setDist(&t.Activating, Uniform(0, 5*time.Second))                        // ref §3.1
	setD(&t.HealthyAfter, 40*time.Second)                                    // ref §3.4
	setDist(&t.Shutdown, Fixed(5*time.Second))                               // modelling choice: a prompt SIGTERM handler
	setDist(&t.ENIDetach, Uniform(3*time.Second, 10*time.Second))            // ref §3.1
	setD(&t.SpotNotice, 2*time.Minute)                                       // ref §2.3, §7.3
	setD(&t.ThrottleBase, 30*time.Second)                                    // ref §3.3 modelling choice
	setD(&t.ThrottleMax, 15*time.Minute)                                     // ref §3.3
	return t
}

func (q Quotas) withDefaults() Quotas {
	setI := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	setI(&q.ProvisioningTasksPerCluster, 100) // ref §3.2 (2020 blog; current value unverified)
	setI(&q.FargateBurst, 100)                // ref §2.4
	if q.FargateRefillPerSecond == 0 {
		q.FargateRefillPerSecond = 20
	}
	setI(&q.ServiceLaunchesPerMinuteEC2, 250)     // ref §2.4
	setI(&q.ServiceLaunchesPerMinuteFargate, 500) // ref §2.4
	return q
}

func (p ProviderConfig) withDefaults() ProviderConfig {
	if p.LaunchLatency == (Dist{}) {
		p.LaunchLatency = LogNormal(45*time.Second, 90*time.Second) // ref §7.1 modelling choice
	}
	if p.RegistrationLatency == (Dist{}) {
		p.RegistrationLatency = Fixed(15 * time.Second) // ref §7.1
	}
	if p.SpotInterruptions.RebalanceLead == (Dist{}) {
		p.SpotInterruptions.RebalanceLead = Uniform(0, 10*time.Minute) // ref §7.3 modelling choice
	}
	if p.WarmPool != nil {
		wp := p.WarmPool.withDefaults() // the caller's config stays as given
		p.WarmPool = &wp
	}
	if p.FargateStartLatency == (Dist{}) {
		p.FargateStartLatency = LogNormal(40*time.Second, 80*time.Second) // ref §2.4 modelling choice
	}
	return p
}

func (s ServiceConfig) withDefaults() ServiceConfig {
	d := &s.Deployment
	if d.MinimumHealthyPercent == 0 && d.MaximumPercent == 0 {
		if s.Daemon {
			d.MaximumPercent = 100 // ref §1.11
		} else {
			d.MinimumHealthyPercent, d.MaximumPercent = 100, 200 // ref §4.2
		}
	}
	if d.CircuitBreakerMinThreshold == 0 {
		d.CircuitBreakerMinThreshold = 3 // ref §4.3 (current docs)
	}
	if lb := s.LoadBalancer; lb != nil {
		c := *lb
		if c.DeregistrationDelay == 0 {
			c.DeregistrationDelay = 300 * time.Second // ref §3.4
		}
		if c.HealthCheckInterval == 0 {
			c.HealthCheckInterval = 30 * time.Second
		}
		if c.HealthyThreshold == 0 {
			c.HealthyThreshold = 5
		}
		s.LoadBalancer = &c
	}
	return s
}

// defaultResolution is one minute, or for runs shorter than a minute the
// longest whole-second divisor of a minute that fits in the run.
func defaultResolution(d time.Duration) time.Duration {
	if d >= DefaultResolution || d <= 0 {
		return DefaultResolution
	}
	for _, s := range []int{30, 20, 15, 12, 10, 6, 5, 4, 3, 2} {
		if r := time.Duration(s) * time.Second; r <= d {
			return r
		}
	}
	return time.Second
}
