package breakeven

import (
	"errors"
	"fmt"

	"github.com/ecsim/ecsim/models/catalog"
)

// Config is the question: a task size, where it runs and which instance
// types to weigh.
type Config struct {
	Region string
	// CPU and Memory are the task's size (task-level cpu and memory). On
	// Fargate the task runs at the cheapest valid Fargate size that holds
	// it (Fargate accepts only listed sizes).
	CPU    catalog.CPUUnits
	Memory catalog.MiB
	// AWSVPC tasks need an ENI each on EC2: the instance's ENI limit caps
	// the tasks it holds; ENITrunking raises it to the trunking table's.
	AWSVPC      bool
	ENITrunking bool
	// ReservedMemory is ECS_RESERVED_MEMORY on the instances.
	ReservedMemory catalog.MiB
	// RootVolumeGiB is the gp3 root volume billed with every instance
	// (0 leaves EBS out; 30 GiB is the models' common default).
	RootVolumeGiB int
	// Families adds every type of these families priced in Region;
	// InstanceTypes adds named types. Together at least one type.
	Families      []string
	InstanceTypes []string
}

// Limit names the resource that caps the tasks an instance holds.
type Limit string

// The limits, checked in this order (the first binding one is reported).
const (
	LimitCPU    Limit = "cpu"
	LimitMemory Limit = "memory"
	LimitENI    Limit = "eni"
)

// Row is one instance type's comparison. Break-even utilisations are
// fractions of the instance's task slots; above 1 EC2 never wins.
type Row struct {
	InstanceType     string           `json:"instance_type"`
	Arch             catalog.Arch     `json:"arch"`
	VCPUs            int              `json:"vcpus"`
	MemoryMiB        catalog.MiB      `json:"memory_mib"`
	RegisteredCPU    catalog.CPUUnits `json:"registered_cpu_units"`
	RegisteredMemory catalog.MiB      `json:"registered_memory_mib"`
	TasksPerInstance int              `json:"tasks_per_instance"`
	Limit            Limit            `json:"limit"`
	// OnDemandUSDPerHour and SpotUSDPerHour are the instance's hourly
	// cost including EBSUSDPerHour.
	OnDemandUSDPerHour float64 `json:"on_demand_usd_per_hour"`
	SpotUSDPerHour     float64 `json:"spot_usd_per_hour"`
	EBSUSDPerHour      float64 `json:"ebs_usd_per_hour"`
	// Fargate task-hour rates for the instance's architecture.
	FargateUSDPerTaskHour     float64 `json:"fargate_usd_per_task_hour"`
	FargateSpotUSDPerTaskHour float64 `json:"fargate_spot_usd_per_task_hour"`

	OnDemandVsFargate     float64 `json:"on_demand_vs_fargate"`
	OnDemandVsFargateSpot float64 `json:"on_demand_vs_fargate_spot"`
	SpotVsFargate         float64 `json:"spot_vs_fargate"`
	SpotVsFargateSpot     float64 `json:"spot_vs_fargate_spot"`
	// ReservedCPUPct is OnDemandVsFargate as the reserved share of the
	// instance's registered CPU, in percent.
	ReservedCPUPct float64 `json:"reserved_cpu_pct_at_on_demand_vs_fargate"`
}

// EC2USDPerTaskHour returns the cost of a task-hour on this type at
// utilisation u (0 < u ≤ 1) of its task slots, On-Demand or Spot.
func (r Row) EC2USDPerTaskHour(u float64, spot bool) float64 {
	p := r.OnDemandUSDPerHour
	if spot {
		p = r.SpotUSDPerHour
	}
	return p / (float64(r.TasksPerInstance) * u)
}

// Unfit is an instance type that cannot hold one task.
type Unfit struct {
	InstanceType string `json:"instance_type"`
	Limit        Limit  `json:"limit"`
}

// Analysis is the answer for one Config.
type Analysis struct {
	Region      string           `json:"region"`
	TaskCPU     catalog.CPUUnits `json:"task_cpu_units"`
	TaskMemory  catalog.MiB      `json:"task_memory_mib"`
	AWSVPC      bool             `json:"awsvpc"`
	ENITrunking bool             `json:"eni_trunking"`
	// FargateCPU and FargateMemory are the Fargate size the task runs at.
	FargateCPU    catalog.CPUUnits `json:"fargate_cpu_units"`
	FargateMemory catalog.MiB      `json:"fargate_memory_mib"`
	Rows          []Row            `json:"rows"`
	Unfit         []Unfit          `json:"unfit"`
}

// Analyze computes the break-even table for cfg from cat.
func Analyze(cat *catalog.Catalog, cfg Config) (*Analysis, error) {
	if err := check(cat, cfg); err != nil {
		return nil, err
	}
	types, err := instanceTypes(cat, cfg)
	if err != nil {
		return nil, err
	}
	fcpu, fmem, err := FargateSize(cat, cfg.CPU, cfg.Memory)
	if err != nil {
		return nil, err
	}
	a := &Analysis{Region: cfg.Region, TaskCPU: cfg.CPU, TaskMemory: cfg.Memory, AWSVPC: cfg.AWSVPC,
		ENITrunking: cfg.ENITrunking, FargateCPU: fcpu, FargateMemory: fmem, Rows: []Row{}, Unfit: []Unfit{}}
	ebs, err := ebsPerHour(cat, cfg)
	if err != nil {
		return nil, err
	}
	for _, it := range types {
		row, err := a.row(cat, cfg, it, ebs)
		if err != nil {
			return nil, err
		}
		if row.TasksPerInstance == 0 {
			a.Unfit = append(a.Unfit, Unfit{InstanceType: it.Name, Limit: row.Limit})
			continue
		}
		a.Rows = append(a.Rows, row)
	}
	return a, nil
}

func check(cat *catalog.Catalog, cfg Config) error {
	var errs []error
	if cat == nil {
		errs = append(errs, errors.New("catalogue is nil"))
	} else if err := cat.CheckRegion(cfg.Region); err != nil {
		errs = append(errs, fmt.Errorf("Region: %w", err))
	}
	if cfg.CPU <= 0 {
		errs = append(errs, fmt.Errorf("CPU: %d CPU units, want > 0 (Fargate needs a task-level cpu)", cfg.CPU))
	}
	if cfg.Memory <= 0 {
		errs = append(errs, fmt.Errorf("Memory: %d MiB, want > 0", cfg.Memory))
	}
	if cfg.ReservedMemory < 0 {
		errs = append(errs, fmt.Errorf("ReservedMemory: %d MiB, want ≥ 0", cfg.ReservedMemory))
	}
	if cfg.RootVolumeGiB < 0 {
		errs = append(errs, fmt.Errorf("RootVolumeGiB: %d, want ≥ 0", cfg.RootVolumeGiB))
	}
	if len(cfg.Families) == 0 && len(cfg.InstanceTypes) == 0 {
		errs = append(errs, errors.New("Families, InstanceTypes: name at least one instance type or family"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("breakeven: %w", err)
	}
	return nil
}

// instanceTypes resolves the families (types priced in the region) and
// the named types, without duplicates.
func instanceTypes(cat *catalog.Catalog, cfg Config) (catalog.InstanceTypes, error) {
	var out catalog.InstanceTypes
	seen := map[string]bool{}
	if len(cfg.Families) > 0 {
		priced, err := cat.InstanceTypesIn(cfg.Region)
		if err != nil {
			return nil, fmt.Errorf("breakeven: Region: %w", err)
		}
		for _, f := range cfg.Families {
			if _, err := cat.Family(f); err != nil {
				return nil, fmt.Errorf("breakeven: Families: %w", err)
			}
		}
		for _, it := range priced.Families(cfg.Families...) {
			seen[it.Name] = true
			out = append(out, it)
		}
	}
	for i, name := range cfg.InstanceTypes {
		it, err := cat.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("breakeven: InstanceTypes[%d]: %w", i, err)
		}
		if !seen[it.Name] {
			seen[it.Name] = true
			out = append(out, it)
		}
	}
	return out, nil
}

func ebsPerHour(cat *catalog.Catalog, cfg Config) (float64, error) {
	if cfg.RootVolumeGiB == 0 {
		return 0, nil
	}
	p, err := cat.EBSPrice(cfg.Region, "gp3")
	if err != nil {
		return 0, fmt.Errorf("breakeven: RootVolumeGiB: %w", err)
	}
	return float64(p.Rate.PerHour()) * float64(cfg.RootVolumeGiB), nil
}

// row prices one instance type; TasksPerInstance is 0 when none fits.
func (a *Analysis) row(cat *catalog.Catalog, cfg Config, it catalog.InstanceType, ebs float64) (Row, error) {
	reg, err := it.Register(cfg.ReservedMemory)
	if err != nil {
		return Row{}, fmt.Errorf("breakeven: %s: %w", it.Name, err)
	}
	n, limit := tasksPerInstance(it, reg, cfg)
	r := Row{InstanceType: it.Name, Arch: it.Arch, VCPUs: it.VCPUs, MemoryMiB: it.Memory,
		RegisteredCPU: reg.CPU, RegisteredMemory: reg.Memory, TasksPerInstance: n, Limit: limit, EBSUSDPerHour: ebs}
	if n == 0 {
		return r, nil
	}
	price, err := cat.Price(it.Name, cfg.Region)
	if err != nil {
		return Row{}, fmt.Errorf("breakeven: %w", err)
	}
	r.OnDemandUSDPerHour = float64(price.OnDemand) + ebs
	r.SpotUSDPerHour = float64(price.Spot) + ebs
	platform := catalog.Platform{OS: catalog.OSLinux, Arch: it.Arch}
	for _, spot := range []bool{false, true} {
		rate, err := cat.FargateRate(cfg.Region, platform, spot)
		if err != nil {
			return Row{}, fmt.Errorf("breakeven: %s: %w", it.Name, err)
		}
		h := float64(rate.Hourly(a.FargateCPU, a.FargateMemory))
		if spot {
			r.FargateSpotUSDPerTaskHour = h
		} else {
			r.FargateUSDPerTaskHour = h
		}
	}
	slots := float64(n)
	r.OnDemandVsFargate = r.OnDemandUSDPerHour / (slots * r.FargateUSDPerTaskHour)
	r.OnDemandVsFargateSpot = r.OnDemandUSDPerHour / (slots * r.FargateSpotUSDPerTaskHour)
	r.SpotVsFargate = r.SpotUSDPerHour / (slots * r.FargateUSDPerTaskHour)
	r.SpotVsFargateSpot = r.SpotUSDPerHour / (slots * r.FargateSpotUSDPerTaskHour)
	r.ReservedCPUPct = 100 * r.OnDemandVsFargate * slots * float64(cfg.CPU) / float64(reg.CPU)
	return r, nil
}

// tasksPerInstance returns how many tasks fit and the resource that binds.
func tasksPerInstance(it catalog.InstanceType, reg catalog.Registration, cfg Config) (int, Limit) {
	n, limit := int(reg.CPU/cfg.CPU), LimitCPU
	if m := int(reg.Memory / cfg.Memory); m < n {
		n, limit = m, LimitMemory
	}
	if cfg.AWSVPC {
		if e, _ := it.AwsvpcTasks(cfg.ENITrunking); e < n {
			n, limit = e, LimitENI
		}
	}
	return max(n, 0), limit
}

// FargateSize returns the Linux Fargate size a task of cpu and memory runs
// at: the first size row (ascending CPU) at or above cpu that allows a
// memory value ≥ memory, with the smallest such value. Fargate's allowed
// minimum memory grows with CPU, so no other size that holds the task is
// cheaper at any positive rates.
func FargateSize(cat *catalog.Catalog, cpu catalog.CPUUnits, memory catalog.MiB) (catalog.CPUUnits, catalog.MiB, error) {
	for _, s := range cat.FargateSizes(catalog.OSLinux) {
		if s.CPU < cpu {
			continue
		}
		for _, m := range s.Memory {
			if m >= memory {
				return s.CPU, m, nil
			}
		}
	}
	return 0, 0, fmt.Errorf("breakeven: no Fargate size holds %d CPU units and %d MiB", cpu, memory)
}
