package cost

import (
	"fmt"

	"github.com/ecsim/ecsim/models/catalog"
)

// priceCache holds the catalogue rates of the meter's items for one
// catalogue and region, resolved as items appear, so that AccruedUSD does
// not look prices up on every call.
type priceCache struct {
	cat    *catalog.Catalog
	region string

	ec2     []float64 // USD per instance-hour, by ec2 item
	ebs     float64   // USD per GB-month
	ebsOK   bool
	fg      []fgRate // by Fargate item
	storage catalog.FargateStorage
	storeOK bool
}

// fgRate is the hourly price of one Fargate item's units.
type fgRate struct {
	vcpu     float64 // USD per vCPU-hour, with any OS licence
	gb       float64 // USD per GB-hour
	extraGiB float64 // charged ephemeral storage, max(0, size − free)
	storage  float64 // USD per GB-hour of extraGiB
}

// resolve prices every item the meter knows in region, reusing what was
// resolved before for the same catalogue and region. Unknown types,
// regions and rates are errors naming them.
func (m *Meter) resolve(cat *catalog.Catalog, region string) error {
	p := &m.prices
	if cat == nil {
		return fmt.Errorf("cost: pricing in %q: no catalogue", region)
	}
	if p.cat != cat || p.region != region {
		if err := cat.CheckRegion(region); err != nil {
			return fmt.Errorf("cost: pricing: %w", err)
		}
		*p = priceCache{cat: cat, region: region, ec2: p.ec2[:0], fg: p.fg[:0]}
	}
	for i := len(p.ec2); i < len(m.ec2.items); i++ {
		if err := m.resolveEC2(&m.ec2.items[i]); err != nil {
			return err
		}
	}
	for i := len(p.fg); i < len(m.fg.items); i++ {
		if err := m.resolveFargate(m.fg.items[i]); err != nil {
			return err
		}
	}
	return nil
}

func (m *Meter) resolveEC2(it *ec2Item) error {
	p := &m.prices
	price, err := p.cat.Price(it.key.typ, p.region)
	if err != nil {
		return fmt.Errorf("cost: pricing EC2 %s %v in %s: %w", it.key.typ, it.key.purchase, p.region, err)
	}
	rate := price.OnDemand
	if it.key.purchase == Spot {
		rate = price.Spot
	}
	if it.volumeGiB > 0 && !p.ebsOK {
		e, err := p.cat.EBSPrice(p.region, m.cfg.RootVolumeType)
		if err != nil {
			return fmt.Errorf("cost: pricing %d GiB root volumes of %s: %w", it.volumeGiB, m.providerNames[it.key.provider], err)
		}
		p.ebs, p.ebsOK = float64(e.Rate), true
	}
	p.ec2 = append(p.ec2, float64(rate))
	return nil
}

func (m *Meter) resolveFargate(k fgKey) error {
	p := &m.prices
	r, err := p.cat.FargateRate(p.region, k.platform, k.spot)
	if err != nil {
		return fmt.Errorf("cost: pricing Fargate %v (spot %t) in %s: %w", k.platform, k.spot, p.region, err)
	}
	rate := fgRate{vcpu: float64(r.VCPU + r.OSLicence), gb: float64(r.Memory)}
	if k.ephGiB > 0 {
		if !p.storeOK {
			s, err := p.cat.FargateStorage(p.region)
			if err != nil {
				return fmt.Errorf("cost: pricing Fargate ephemeral storage of %d GiB: %w", k.ephGiB, err)
			}
			p.storage, p.storeOK = s, true
		}
		rate.extraGiB = max(0, float64(k.ephGiB)-float64(p.storage.Free))
		rate.storage = float64(p.storage.Rate)
	}
	p.fg = append(p.fg, rate)
	return nil
}

// ec2PerSecond returns the USD per second of an EC2 item: the instance (unless
// the lifetime is uncharged) and its root volume.
func (p *priceCache) ec2PerSecond(item int32, volumeGiB int64) (inst, ebs float64) {
	return p.ec2[item] / 3600, p.ebs * float64(volumeGiB) / (catalog.HoursPerBillingMonth * 3600)
}

// usd prices billed Fargate usage of one item.
func (r fgRate) usd(sec, cpuSec, mibSec int64) float64 {
	return (float64(cpuSec)/catalog.CPUUnitsPerVCPU*r.vcpu +
		float64(mibSec)/catalog.MiBPerGiB*r.gb +
		float64(sec)*r.extraGiB*r.storage) / 3600
}
