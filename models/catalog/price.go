package catalog

import "fmt"

// Price is the hourly price of one instance type in one region (Linux,
// On-Demand and Spot, no Savings Plans or RIs).
type Price struct {
	InstanceType string
	Region       string
	OnDemand     USDPerHour
	// Spot is the row's explicit Spot price, or SpotFactor × OnDemand. Real
	// Spot prices vary by type, AZ and time; this is a planning figure.
	Spot USDPerHour
	// SpotFactor is the factor that derived Spot; zero when Spot is explicit.
	SpotFactor Fraction
	Source     string
	Date       string // YYYY-MM-DD
}

// priceKey identifies an EC2 price row.
type priceKey struct {
	instance string
	region   string
}

// EBSPrice is the storage price of one EBS volume type in one region.
type EBSPrice struct {
	Region     string
	VolumeType string        // e.g. "gp3"
	Rate       USDPerGBMonth // per GB-month, billed per second over 730 h
	Source     string
	Date       string
}

// Price returns the EC2 price of the named type in region. Errors:
// *UnknownInstanceTypeError, *UnknownRegionError, or *NoPriceError when
// both are known but the catalogue has no row for the pair.
func (c *Catalog) Price(name, region string) (Price, error) {
	t, err := c.Lookup(name)
	if err != nil {
		return Price{}, err
	}
	if err := c.CheckRegion(region); err != nil {
		return Price{}, err
	}
	p, ok := c.prices[priceKey{name, region}]
	if !ok {
		return Price{}, &NoPriceError{InstanceType: name, Region: region}
	}
	if p.Spot == 0 {
		p.SpotFactor = c.SpotFactor(t.Family)
		p.Spot = USDPerHour(float64(p.OnDemand) * float64(p.SpotFactor))
	}
	return p, nil
}

// SpotFactor returns the EC2 Spot price factor of a family: its own entry in
// ec2.spot_family_factors, else the default (reference §8.2: 0.35).
func (c *Catalog) SpotFactor(family string) Fraction {
	if f, ok := c.spotFamily[family]; ok {
		return f
	}
	return c.spotDef
}

// InstanceTypesIn returns the types that have an EC2 price in region.
func (c *Catalog) InstanceTypesIn(region string) (InstanceTypes, error) {
	if err := c.CheckRegion(region); err != nil {
		return nil, err
	}
	return c.InstanceTypes().Filter(func(t InstanceType) bool {
		_, ok := c.prices[priceKey{t.Name, region}]
		return ok
	}), nil
}

// EBSPrice returns the price of an EBS volume type in region.
func (c *Catalog) EBSPrice(region, volumeType string) (EBSPrice, error) {
	if err := c.CheckRegion(region); err != nil {
		return EBSPrice{}, err
	}
	p, ok := c.ebs[priceKey{volumeType, region}]
	if !ok {
		return EBSPrice{}, fmt.Errorf("catalog: no EBS %s price for %s", volumeType, region)
	}
	return p, nil
}
