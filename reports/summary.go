package reports

import (
	"errors"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/models"
)

// SummarySchema identifies the layout of Summary's JSON; it changes only
// when a field is renamed or removed (new fields may be added).
const SummarySchema = "ecsim.summary/v1"

// Summary holds the headline figures of one or more runs of a scenario
// (its variants), computed once from their Results. Its JSON form is
// summary.json; its field names are the stable interface for machines.
type Summary struct {
	Schema   string `json:"schema"`   // SummarySchema
	Scenario string `json:"scenario"` // the scenario name of the first run
	// Cheapest is the Label of the variant with the lowest total cost
	// (the first of equals).
	Cheapest string    `json:"cheapest"`
	Variants []Variant `json:"variants"` // in the order given
}

// Variant is the summary of one run. Amounts are USD, times hours unless
// the name says otherwise, shares are percentages (0–100). Pointer fields
// are null when the figure does not exist: shares of EC2 capacity for a
// run without EC2 instances, per-request figures for a run without
// requests.
type Variant struct {
	// Label names the run in tables: the variant name (the scenario name
	// when the variant has none), made unique within the summary.
	Label           string    `json:"label"`
	Scenario        string    `json:"scenario"`
	Variant         string    `json:"variant"`
	Seed            uint64    `json:"seed"`
	Region          string    `json:"region"`
	Start           time.Time `json:"start"` // RFC 3339
	DurationSeconds float64   `json:"duration_seconds"`
	Events          uint64    `json:"events"` // simulation events fired
	Cheapest        bool      `json:"cheapest"`

	CostUSD                   float64  `json:"cost_usd"`
	CostUSDPerHour            float64  `json:"cost_usd_per_hour"`
	CostUSDPerMillionRequests *float64 `json:"cost_usd_per_million_requests"`
	// UnusedUSD is EC2 cost no task reserved (idle capacity, minimum
	// charges).
	UnusedUSD  float64    `json:"unused_usd"`
	CostByKind []KindCost `json:"cost_by_kind"`

	InstanceHours float64 `json:"instance_hours"`
	TaskHours     float64 `json:"task_hours"`
	// Reserved and used CPU and memory as a percentage of the registered
	// (provisioned) EC2 capacity, time-averaged; null without EC2.
	ReservedCPUPct    *float64 `json:"reserved_cpu_pct"`
	UsedCPUPct        *float64 `json:"used_cpu_pct"`
	ReservedMemoryPct *float64 `json:"reserved_memory_pct"`
	UsedMemoryPct     *float64 `json:"used_memory_pct"`

	PlacementFailures         int           `json:"placement_failures"`
	PlacementFailuresByReason []ReasonCount `json:"placement_failures_by_reason"`
	Counters

	Requests        float64 `json:"requests"` // arrived, served or not
	ServedRequests  float64 `json:"served_requests"`
	DroppedRequests float64 `json:"dropped_requests"`
	// SLOMinutes are minutes in which a service's p95 exceeded its
	// target, summed over services.
	SLOMinutes float64 `json:"slo_minutes"`
	// P95Millis is the request-weighted mean of the services' per-minute
	// p95 response times; null without requests.
	P95Millis *float64 `json:"p95_ms"`

	Services  []ServiceSummary  `json:"services"`
	Providers []ProviderSummary `json:"providers"`
	Instances []InstanceUsage   `json:"instances"`
	Fargate   []FargateUsage    `json:"fargate"`
	Streams   []StreamSummary   `json:"streams"`

	// costCurve is the bill at each bucket's start and, last, the final
	// bill, for the text chart.
	costCurve []float64
}

// Counters are the run's event counts.
type Counters struct {
	// ScalingActions counts service and Auto Scaling group capacity
	// changes.
	ScalingActions      int `json:"scaling_actions"`
	ServiceScaleOuts    int `json:"service_scale_outs"`
	ServiceScaleIns     int `json:"service_scale_ins"`
	InstancesLaunched   int `json:"instances_launched"`
	SpotInterruptions   int `json:"spot_interruptions"`
	ProvisioningGiveUps int `json:"provisioning_give_ups"`
	StartFailures       int `json:"start_failures"`
	Deployments         int `json:"deployments"`
	DeploymentsFailed   int `json:"deployments_failed"`
	TasksStarted        int `json:"tasks_started"`
	TasksStopped        int `json:"tasks_stopped"`
}

// KindCost is the cost of one kind of charge (cost.Kind's display name).
type KindCost struct {
	Kind string  `json:"kind"`
	USD  float64 `json:"usd"`
}

// ReasonCount is how many placements failed for one ECS reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// ServiceSummary is one service of one run.
type ServiceSummary struct {
	Name            string   `json:"name"`
	CostUSD         float64  `json:"cost_usd"`
	EC2USD          float64  `json:"ec2_usd"` // apportioned by reserved share
	FargateUSD      float64  `json:"fargate_usd"`
	TaskHours       float64  `json:"task_hours"`
	Requests        float64  `json:"requests"`
	ServedRequests  float64  `json:"served_requests"`
	DroppedRequests float64  `json:"dropped_requests"`
	SLOMinutes      float64  `json:"slo_minutes"`
	P95Millis       *float64 `json:"p95_ms"`     // null without requests
	MaxP95Millis    float64  `json:"max_p95_ms"` // worst minute
	MinDesired      int      `json:"min_desired_tasks"`
	MaxDesired      int      `json:"max_desired_tasks"`
	FinalDesired    int      `json:"final_desired_tasks"`
	AZRebalances    int      `json:"az_rebalance_moves"`
}

// ProviderSummary is one capacity provider of one run.
type ProviderSummary struct {
	Name          string  `json:"name"`
	Kind          string  `json:"kind"`
	CostUSD       float64 `json:"cost_usd"`
	UnusedUSD     float64 `json:"unused_usd"`
	InstanceHours float64 `json:"instance_hours"`
	MaxInstances  int     `json:"max_instances"`
	// WarmPoolStarts counts instances taken from the group's warm pool.
	WarmPoolStarts int `json:"warm_pool_starts"`
}

// InstanceUsage is the EC2 usage of one instance type and purchase option.
type InstanceUsage struct {
	Type        string  `json:"type"`
	Purchase    string  `json:"purchase"` // "On-Demand" or "Spot"
	Instances   int     `json:"instances"`
	RunHours    float64 `json:"run_hours"`
	BilledHours float64 `json:"billed_hours"`
	// Uncharged counts Spot instances interrupted within their first hour.
	Uncharged int `json:"uncharged"`
}

// FargateUsage is the Fargate usage of one platform, On-Demand or Spot.
type FargateUsage struct {
	Platform            string  `json:"platform"` // e.g. "linux/x86_64"
	Spot                bool    `json:"spot"`
	Tasks               int     `json:"tasks"`
	TaskHours           float64 `json:"task_hours"` // billed
	VCPUHours           float64 `json:"vcpu_hours"`
	GBHours             float64 `json:"gb_hours"`
	ExtraStorageGBHours float64 `json:"extra_storage_gb_hours"`
}

// StreamSummary is one standalone task stream of one run.
type StreamSummary struct {
	Name   string `json:"name"`
	Ran    int    `json:"ran"`
	Failed int    `json:"failed"`
}

// Summarize computes the summary of results, runs of one scenario (its
// variants, or seeds). It needs at least one result; a nil one is an error.
func Summarize(results ...*models.Result) (*Summary, error) {
	if len(results) == 0 {
		return nil, errors.New("reports: summary of no results")
	}
	labels, err := Labels(results)
	if err != nil {
		return nil, err
	}
	s := &Summary{Schema: SummarySchema, Scenario: results[0].Name}
	cheapest := 0
	for i, r := range results {
		s.Variants = append(s.Variants, summarizeOne(r, labels[i]))
		if r.Cost.TotalUSD < results[cheapest].Cost.TotalUSD {
			cheapest = i
		}
	}
	s.Variants[cheapest].Cheapest = true
	s.Cheapest = s.Variants[cheapest].Label
	return s, nil
}

// Labels returns a unique display name per result: the variant name (the
// scenario name when empty), prefixed by the scenario name when the
// results come from different scenarios; duplicates get "#2", "#3"… in
// order. A nil result is an error naming its index.
func Labels(results []*models.Result) ([]string, error) {
	mixed := false
	for i, r := range results {
		if r == nil {
			return nil, fmt.Errorf("reports: results[%d] is nil", i)
		}
		mixed = mixed || r.Name != results[0].Name
	}
	labels := make([]string, len(results))
	used := make(map[string]bool, len(results))
	for i, r := range results {
		base := r.Variant
		switch {
		case mixed && base != "":
			base = r.Name + "/" + base
		case base == "":
			base = r.Name
		}
		if base == "" {
			base = "run"
		}
		l := base
		for n := 2; used[l]; n++ {
			l = fmt.Sprintf("%s#%d", base, n)
		}
		used[l] = true
		labels[i] = l
	}
	return labels, nil
}
