package cost

import (
	"strconv"

	"github.com/ecsim/ecsim/models/catalog"
)

// InstanceID names a container instance to the meter. IDs are the caller's
// dense small integers (slot indices): the meter indexes slices by them, so
// its memory grows with the largest ID, and an ID may be reused once its
// instance has stopped.
type InstanceID int

// TaskID names a Fargate task to the meter, with the same rules as
// InstanceID.
type TaskID int

// ServiceID is a service name interned by Meter.Service. Reservations carry
// it so that the hot path indexes slices rather than hashing names.
type ServiceID int32

// Purchase is how an EC2 instance is bought.
type Purchase uint8

// The purchase options the catalogue prices.
const (
	OnDemand Purchase = iota
	Spot
)

// String returns "On-Demand" or "Spot".
func (p Purchase) String() string {
	switch p {
	case OnDemand:
		return "On-Demand"
	case Spot:
		return "Spot"
	}
	return "Purchase(" + strconv.Itoa(int(p)) + ")"
}

// Instance describes an EC2 container instance when it starts. Type,
// Purchase, AZ and Provider identify the priced item; the registered
// capacity is the denominator of the reserved share used to apportion the
// instance's cost to services.
type Instance struct {
	Type     string // EC2 instance type, e.g. "m6i.large"
	Purchase Purchase
	AZ       string // availability zone, e.g. "us-east-1a"
	Provider string // capacity provider (or ASG) name
	// RegisteredCPU and RegisteredMiB are what the instance registers with
	// ECS (catalog.InstanceType.Register); both must be positive.
	RegisteredCPU catalog.CPUUnits
	RegisteredMiB catalog.MiB
}

// FargateTask describes a Fargate task when it enters PENDING (the start
// of its image pull, when Fargate billing starts, reference §2.5).
type FargateTask struct {
	Platform catalog.Platform // OS and architecture, e.g. linux/arm64
	Spot     bool             // FARGATE_SPOT capacity
	CPU      catalog.CPUUnits // task-level cpu (a valid Fargate size)
	Memory   catalog.MiB      // task-level memory
	// EphemeralGiB is the configured ephemeral storage (ECS
	// ephemeralStorage.sizeInGiB); 0 means the free default. Only the part
	// above the catalogue's free 20 GiB is charged.
	EphemeralGiB int
	Provider     string // capacity provider name, e.g. "FARGATE_SPOT"
	Service      string // service name (or a label for standalone tasks)
}

// Kind is a family of charges, for the by-kind breakdown.
type Kind uint8

// The kinds of charge, in report order.
const (
	EC2OnDemand    Kind = iota // EC2 On-Demand instance-seconds
	EC2Spot                    // EC2 Spot instance-seconds
	EBS                        // EBS root volumes of EC2 instances
	Fargate                    // Fargate On-Demand vCPU and memory
	FargateSpot                // Fargate Spot vCPU and memory
	FargateStorage             // Fargate ephemeral storage above the free amount
	numKinds
)

var kindNames = [numKinds]string{
	EC2OnDemand:    "EC2 On-Demand",
	EC2Spot:        "EC2 Spot",
	EBS:            "EBS",
	Fargate:        "Fargate",
	FargateSpot:    "Fargate Spot",
	FargateStorage: "Fargate ephemeral storage",
}

// String returns the kind's display name, e.g. "Fargate Spot".
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Kinds lists every kind in report order.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}
