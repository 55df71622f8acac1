package cost

import (
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// Report is the priced bill of a run. Every list is sorted, so equal runs
// give deep-equal reports. Amounts are USD.
//
// Its parts add up (Check): TotalUSD = Σ Lines = Σ ByKind = Σ ByProvider =
// Σ ByService + UnusedUSD.
type Report struct {
	Region string
	At     sim.Time // the time the bill runs to
	// TotalUSD is the whole bill.
	TotalUSD float64
	// ByKind has one entry per Kind, in Kind order (zero when unused).
	ByKind []KindCost
	// ByProvider has one entry per capacity provider, sorted by name.
	ByProvider []ProviderCost
	// ByService has one entry per service, sorted by name: Fargate tasks
	// directly, EC2 instances (with their root volumes) apportioned by the
	// service's reserved share (see the package documentation).
	ByService []ServiceCost
	// UnusedUSD is the EC2 cost no service reserved: idle capacity, and the
	// minimum-charge and rounding top-ups.
	UnusedUSD float64
	// Instances summarises EC2 usage by instance type and purchase option.
	Instances []InstanceUsage
	// Fargate summarises Fargate usage by platform and Spot.
	Fargate []FargateUsage
	// Lines are the priced items, sorted by kind, provider, item.
	Lines []Line
}

// KindCost is the cost of one kind of charge.
type KindCost struct {
	Kind Kind
	USD  float64
}

// ProviderCost is the cost of one capacity provider; UnusedUSD is the part
// of it no service reserved (always 0 for Fargate providers).
type ProviderCost struct {
	Provider  string
	USD       float64
	UnusedUSD float64
}

// ServiceCost is one service's cost: EC2USD apportioned from instances and
// their volumes, FargateUSD from its Fargate tasks, USD their sum.
type ServiceCost struct {
	Service    string
	EC2USD     float64
	FargateUSD float64
	USD        float64
}

// InstanceUsage is the usage of one instance type and purchase option.
type InstanceUsage struct {
	Type      string
	Purchase  Purchase
	Instances int     // lifetimes started
	RunHours  float64 // time the instances ran
	// BilledHours is what was charged: per second, rounded up, with the
	// minimum, and nothing for uncharged Spot interruptions.
	BilledHours float64
	// Uncharged counts Spot instances EC2 interrupted within their first
	// hour, which are not charged for instance usage.
	Uncharged int
}

// FargateUsage is the billed usage of one Fargate platform, On-Demand or
// Spot.
type FargateUsage struct {
	Platform  catalog.Platform
	Spot      bool
	Tasks     int
	TaskHours float64 // billed task-hours
	VCPUHours float64
	GBHours   float64
	// ExtraStorageGBHours is the charged ephemeral storage (above the free
	// amount) × billed hours.
	ExtraStorageGBHours float64
}

// Line is one priced item of the bill: Quantity Unit at Rate USD per Unit.
type Line struct {
	Kind     Kind
	Provider string
	Item     string // e.g. "m6i.large On-Demand us-east-1a"
	Quantity float64
	Unit     string // e.g. "instance-hours", "vCPU-hours", "GB-months"
	Rate     float64
	USD      float64
}

// Kind returns the cost of one kind.
func (r *Report) Kind(k Kind) float64 {
	for _, c := range r.ByKind {
		if c.Kind == k {
			return c.USD
		}
	}
	return 0
}

// Service returns the cost of the named service, and whether it is known.
func (r *Report) Service(name string) (ServiceCost, bool) {
	for _, s := range r.ByService {
		if s.Service == name {
			return s, true
		}
	}
	return ServiceCost{}, false
}

// Provider returns the cost of the named provider, and whether it is known.
func (r *Report) Provider(name string) (ProviderCost, bool) {
	for _, p := range r.ByProvider {
		if p.Provider == name {
			return p, true
		}
	}
	return ProviderCost{}, false
}
