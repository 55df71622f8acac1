package main

import (
	"errors"
	"math"

	"github.com/ecsim/ecsim/models/catalog"
)

// catalogView is what `ecsim catalog` shows; it is also the JSON document.
type catalogView struct {
	Region            string        `json:"region"`
	Catalog           string        `json:"catalog"`
	CatalogDate       string        `json:"catalog_date"`
	Files             []string      `json:"files"`
	MemoryOverhead    float64       `json:"memory_overhead_default"`
	ReservedMemoryMiB int64         `json:"ecs_reserved_memory_mib"`
	InstanceTypes     []instanceRow `json:"instance_types"`
	Fargate           fargateView   `json:"fargate"`
}

// instanceRow is one instance type in one region. Pointers are null in JSON
// (empty in CSV) when the figure is not known.
type instanceRow struct {
	Name                string   `json:"name"`
	Family              string   `json:"family"`
	Arch                string   `json:"arch"`
	VCPUs               int      `json:"vcpu"`
	MemoryMiB           int64    `json:"memory_mib"`
	RegisteredCPUUnits  int64    `json:"registered_cpu_units"`
	RegisteredMemoryMiB int64    `json:"registered_memory_mib"`
	RegistrationRule    string   `json:"registration_rule"` // "default", "type overhead" or "measured"
	MaxENIs             int      `json:"max_enis"`
	AwsvpcTasks         int      `json:"awsvpc_tasks"`
	AwsvpcTasksTrunking *int     `json:"awsvpc_tasks_trunking"`
	Trunking            string   `json:"trunking"` // "supported", "unsupported" or "unknown"
	OnDemand            *float64 `json:"on_demand_usd_per_hour"`
	Spot                *float64 `json:"spot_usd_per_hour"`
	SpotFactor          *float64 `json:"spot_factor"` // null when Spot is an explicit price
	PriceSource         string   `json:"price_source,omitempty"`
	PriceDate           string   `json:"price_date,omitempty"`
}

type fargateView struct {
	SpotFactor float64       `json:"spot_factor"`
	Rates      []fargateRow  `json:"rates"`
	Storage    *fargateStore `json:"ephemeral_storage"`
}

type fargateRow struct {
	Platform  string   `json:"platform"`
	VCPU      float64  `json:"usd_per_vcpu_hour"`
	GB        float64  `json:"usd_per_gb_hour"`
	OSLicence float64  `json:"os_licence_usd_per_vcpu_hour"`
	SpotVCPU  *float64 `json:"spot_usd_per_vcpu_hour"` // null: no Fargate Spot (Windows)
	SpotGB    *float64 `json:"spot_usd_per_gb_hour"`
	Verified  bool     `json:"verified"`
	Note      string   `json:"note,omitempty"`
	Source    string   `json:"source"`
	Date      string   `json:"date"`
}

type fargateStore struct {
	GBHour   float64 `json:"usd_per_gb_hour"`
	FreeGiB  float64 `json:"free_gib"`
	MaxGiB   float64 `json:"max_gib"`
	Verified bool    `json:"verified"`
	Note     string  `json:"note,omitempty"`
	Source   string  `json:"source"`
	Date     string  `json:"date"`
}

// buildCatalogView selects the instance types and computes every column.
// Unknown families and regions are errors listing the known ones.
func buildCatalogView(c *catalog.Catalog, opts *catalogOptions) (*catalogView, error) {
	if err := c.CheckRegion(opts.Region); err != nil {
		return nil, err
	}
	for _, fam := range opts.Families {
		if _, err := c.Family(fam); err != nil {
			return nil, err
		}
	}
	types := c.InstanceTypes().Families(opts.Families...)
	if opts.Arch != "" {
		types = types.Arch(catalog.Arch(opts.Arch))
	}
	v := &catalogView{Region: opts.Region, Catalog: c.Name(), CatalogDate: c.Date(), Files: c.Files(),
		MemoryOverhead: float64(c.MemoryOverhead()), ReservedMemoryMiB: opts.ReservedMemory,
		InstanceTypes: make([]instanceRow, 0, len(types))}
	for _, it := range types {
		row, err := newInstanceRow(c, it, opts)
		if err != nil {
			return nil, err
		}
		v.InstanceTypes = append(v.InstanceTypes, row)
	}
	fv, err := newFargateView(c, opts)
	if err != nil {
		return nil, err
	}
	v.Fargate = fv
	return v, nil
}

func newInstanceRow(c *catalog.Catalog, it catalog.InstanceType, opts *catalogOptions) (instanceRow, error) {
	reg, err := it.Register(catalog.MiB(opts.ReservedMemory))
	if err != nil {
		return instanceRow{}, flagErrorf("--reserved-memory %d: %v", opts.ReservedMemory, err)
	}
	plain, _ := it.AwsvpcTasks(false)
	row := instanceRow{Name: it.Name, Family: it.Family, Arch: string(it.Arch), VCPUs: it.VCPUs,
		MemoryMiB: int64(it.Memory), RegisteredCPUUnits: int64(reg.CPU), RegisteredMemoryMiB: int64(reg.Memory),
		MaxENIs: it.MaxENIs, AwsvpcTasks: plain, Trunking: it.Trunk.String()}
	if n, ok := it.Trunk.Tasks(); ok {
		row.AwsvpcTasksTrunking, row.Trunking = &n, "supported"
	}
	row.RegistrationRule = registrationRule(c, it)
	p, err := c.Price(it.Name, opts.Region)
	var noPrice *catalog.NoPriceError
	switch {
	case errors.As(err, &noPrice):
		return row, nil // shown as "-" / null: the region has no price row for this type
	case err != nil:
		return instanceRow{}, err
	}
	row.OnDemand, row.Spot = usd(float64(p.OnDemand)), usd(float64(p.Spot))
	if p.SpotFactor != 0 {
		row.SpotFactor = usd(float64(p.SpotFactor))
	}
	row.PriceSource, row.PriceDate = p.Source, p.Date
	return row, nil
}

// registrationRule says where a type's registered memory comes from: the
// catalogue-wide overhead, the type's own overhead, or a measured figure.
func registrationRule(c *catalog.Catalog, it catalog.InstanceType) string {
	switch {
	case it.MeasuredMemory != 0:
		return "measured"
	case it.MemoryOverhead != c.MemoryOverhead():
		return "type overhead"
	}
	return "default"
}

func newFargateView(c *catalog.Catalog, opts *catalogOptions) (fargateView, error) {
	fv := fargateView{SpotFactor: float64(c.FargateSpotFactor()), Rates: []fargateRow{}}
	rates, err := c.FargateRates(opts.Region)
	if err != nil {
		return fargateView{}, err
	}
	for _, r := range rates {
		if opts.Arch != "" && string(r.Platform.Arch) != opts.Arch {
			continue
		}
		row := fargateRow{Platform: r.Platform.String(), VCPU: *usd(float64(r.VCPU)), GB: *usd(float64(r.Memory)),
			OSLicence: *usd(float64(r.OSLicence)), Verified: r.Verified, Note: r.Note, Source: r.Source, Date: r.Date}
		if spot, err := c.FargateRate(opts.Region, r.Platform, true); err == nil {
			row.SpotVCPU, row.SpotGB = usd(float64(spot.VCPU)), usd(float64(spot.Memory))
		}
		fv.Rates = append(fv.Rates, row)
	}
	if s, err := c.FargateStorage(opts.Region); err == nil {
		fv.Storage = &fargateStore{GBHour: *usd(float64(s.Rate)), FreeGiB: float64(s.Free), MaxGiB: float64(s.Max),
			Verified: s.Verified, Note: s.Note, Source: s.Source, Date: s.Date}
	}
	return fv, nil
}

// usd rounds a price to 1e-9 USD so float noise from factor products
// (0.35 × 0.096 = 0.033599999999999995) never reaches the output.
func usd(v float64) *float64 {
	r := math.Round(v*1e9) / 1e9
	return &r
}
