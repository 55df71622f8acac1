package catalog

import (
	"cmp"
	"slices"
	"time"
)

// Defaults for optional fields of fargate_storage rows [S38][S39].
const (
	defaultFreeEphemeralGiB = 20
	defaultMaxEphemeralGiB  = 200
)

// build validates a merged file and turns it into an immutable Catalog.
func build(files []string, f *catalogFile) (*Catalog, error) {
	if err := validateMerged(f); err != nil {
		return nil, &FileError{File: files[len(files)-1], Err: err}
	}
	c := &Catalog{
		file:              f,
		files:             files,
		memoryOverhead:    Fraction(*f.Registration.MemoryOverhead),
		spotDef:           Fraction(*f.EC2.SpotFactor),
		spotFamily:        make(map[string]Fraction, len(f.EC2.SpotFamilyFactors)),
		fargateSpotFactor: Fraction(*f.Fargate.SpotFactor),
	}
	for fam, v := range f.EC2.SpotFamilyFactors {
		c.spotFamily[fam] = Fraction(v)
	}
	c.buildInstances(f.EC2.Instances)
	c.buildPrices(f.EC2.Prices)
	c.buildFargate(f)
	c.buildRegions()
	return c, nil
}

func (c *Catalog) buildInstances(rows []fileInstance) {
	c.types = make([]InstanceType, 0, len(rows))
	for _, r := range rows {
		arch, _ := ParseArch(r.Arch) // validated
		family, size := familyOf(r.Name), r.Name[len(familyOf(r.Name))+1:]
		t := InstanceType{
			Name: r.Name, Family: family, Size: size, Arch: arch,
			VCPUs: int(r.VCPU), Memory: MiB(r.MemoryMiB), MaxENIs: int(r.MaxENIs),
			Trunk: r.TrunkTasks.limit, GPUs: int(r.GPUs),
			MemoryOverhead: c.memoryOverhead, Source: r.Source,
		}
		if r.MemoryOverhead != nil {
			t.MemoryOverhead = Fraction(*r.MemoryOverhead)
		}
		if r.RegisteredMemoryMiB != nil {
			t.MeasuredMemory = MiB(*r.RegisteredMemoryMiB)
		}
		c.types = append(c.types, t)
	}
	slices.SortFunc(c.types, func(a, b InstanceType) int {
		return cmp.Or(cmp.Compare(a.Family, b.Family), cmp.Compare(a.VCPUs, b.VCPUs),
			cmp.Compare(a.Memory, b.Memory), cmp.Compare(a.Name, b.Name))
	})
	c.byName = make(map[string]int, len(c.types))
	for i, t := range c.types {
		c.byName[t.Name] = i
		if n := len(c.families); n == 0 || c.families[n-1] != t.Family {
			c.families = append(c.families, t.Family)
		}
	}
}

func (c *Catalog) buildPrices(rows []filePrice) {
	c.prices = make(map[priceKey]Price, len(rows))
	for _, r := range rows {
		p := Price{InstanceType: r.Instance, Region: r.Region, OnDemand: USDPerHour(r.OnDemand),
			Source: r.Source, Date: dateString(r.Date)}
		if r.Spot != nil {
			p.Spot = USDPerHour(*r.Spot)
		}
		c.prices[priceKey{r.Instance, r.Region}] = p
	}
}

func (c *Catalog) buildFargate(f *catalogFile) {
	c.fargate = make(map[fargateKey]fargateRow, len(f.Fargate.Rates))
	for _, r := range f.Fargate.Rates {
		os, _ := ParseOS(r.OS)
		arch, _ := ParseArch(r.Arch)
		p := Platform{os, arch}
		row := fargateRow{onDemand: FargateRate{Region: r.Region, Platform: p,
			VCPU: USDPerVCPUHour(r.VCPU), Memory: USDPerGBHour(r.GB), OSLicence: USDPerVCPUHour(r.OSLicence),
			Verified: r.Verified == nil || *r.Verified, Note: r.Note, Source: r.Source, Date: dateString(r.Date)}}
		if r.SpotVCPU != nil && r.SpotGB != nil {
			row.spotVCPU, row.spotGB = USDPerVCPUHour(*r.SpotVCPU), USDPerGBHour(*r.SpotGB)
		}
		c.fargate[fargateKey{r.Region, p}] = row
	}
	c.storage = make(map[string]FargateStorage, len(f.Fargate.Storage))
	for _, r := range f.Fargate.Storage {
		free, maxGiB := storageBounds(r)
		c.storage[r.Region] = FargateStorage{Region: r.Region, Rate: USDPerGBHour(r.GBHour),
			Free: GiB(free), Max: GiB(maxGiB), Verified: r.Verified == nil || *r.Verified,
			Note: r.Note, Source: r.Source, Date: dateString(r.Date)}
	}
	c.sizes = make([]FargateSize, 0, len(f.Fargate.Sizes))
	for _, r := range f.Fargate.Sizes {
		s := FargateSize{CPU: CPUUnits(r.CPU), Memory: expandMemory(r), Note: r.Note, Source: r.Source}
		for _, o := range r.OS {
			os, _ := ParseOS(o)
			s.OS = append(s.OS, os)
		}
		c.sizes = append(c.sizes, s)
	}
	slices.SortFunc(c.sizes, func(a, b FargateSize) int { return cmp.Compare(a.CPU, b.CPU) })
	c.ebs = make(map[priceKey]EBSPrice, len(f.EBS.Prices))
	for _, r := range f.EBS.Prices {
		c.ebs[priceKey{r.VolumeType, r.Region}] = EBSPrice{Region: r.Region, VolumeType: r.VolumeType,
			Rate: USDPerGBMonth(r.GBMonth), Source: r.Source, Date: dateString(r.Date)}
	}
}

// buildRegions collects every region with any price, sorted.
func (c *Catalog) buildRegions() {
	set := make(map[string]struct{})
	for k := range c.prices {
		set[k.region] = struct{}{}
	}
	for k := range c.fargate {
		set[k.region] = struct{}{}
	}
	for r := range c.storage {
		set[r] = struct{}{}
	}
	for k := range c.ebs {
		set[k.region] = struct{}{}
	}
	c.regions = sortedKeys(set)
}

func storageBounds(r fileFargateStorage) (free, maxGiB float64) {
	free, maxGiB = defaultFreeEphemeralGiB, defaultMaxEphemeralGiB
	if r.FreeGiB != nil {
		free = *r.FreeGiB
	}
	if r.MaxGiB != nil {
		maxGiB = *r.MaxGiB
	}
	return free, maxGiB
}

func dateString(t time.Time) string { return t.Format(time.DateOnly) }
