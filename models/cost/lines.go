package cost

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/models/catalog"
)

const secondsPerHour = 3600

// lineKey identifies a line while lines are gathered.
type lineKey struct {
	kind     Kind
	provider int32
	item     string
}

// lineAcc gathers a line's quantity as exact integer units (float64 holds
// integers exactly below 2^53) and converts once: Quantity = units /
// divisor.
type lineAcc struct {
	key     lineKey
	unit    string
	rate    float64
	units   float64
	divisor float64
}

type lineSet struct {
	idx  map[lineKey]int
	accs []lineAcc
}

func (s *lineSet) add(k lineKey, unit string, rate, units, divisor float64) {
	i, ok := s.idx[k]
	if !ok {
		i = len(s.accs)
		s.idx[k] = i
		s.accs = append(s.accs, lineAcc{key: k, unit: unit, rate: rate, divisor: divisor})
	}
	s.accs[i].units += units
}

// lines builds the report's priced items: one per EC2 item, one EBS line per
// provider, vCPU and memory lines per Fargate platform, Spot and provider,
// and one ephemeral-storage line per Fargate provider.
func (b *bill) lines(r *Report) {
	m, p := b.m, &b.m.prices
	s := lineSet{idx: make(map[lineKey]int)}
	for i, it := range b.items {
		k := it.key
		kind := EC2OnDemand
		if k.purchase == Spot {
			kind = EC2Spot
		}
		s.add(lineKey{kind, k.provider, fmt.Sprintf("%s %v %s", k.typ, k.purchase, k.az)},
			"instance-hours", p.ec2[i], float64(it.inst), secondsPerHour)
		if it.volumeGiB > 0 {
			s.add(lineKey{EBS, k.provider, fmt.Sprintf("%s root volumes, %d GiB each", m.cfg.RootVolumeType, it.volumeGiB)},
				"GB-months", p.ebs, float64(it.volumeGiB*it.ebs), catalog.HoursPerBillingMonth*secondsPerHour)
		}
	}
	for _, a := range b.accs {
		k, rate := m.fg.items[a.item], p.fg[a.item]
		kind := Fargate
		if k.spot {
			kind = FargateSpot
		}
		s.add(lineKey{kind, k.provider, k.platform.String() + " vCPU"},
			"vCPU-hours", rate.vcpu, float64(a.cpuSec), catalog.CPUUnitsPerVCPU*secondsPerHour)
		s.add(lineKey{kind, k.provider, k.platform.String() + " memory"},
			"GB-hours", rate.gb, float64(a.mibSec), catalog.MiBPerGiB*secondsPerHour)
		if rate.extraGiB > 0 {
			s.add(lineKey{FargateStorage, k.provider, "ephemeral storage above " + p.storage.Free.String()},
				"GB-hours", rate.storage, rate.extraGiB*float64(a.sec), secondsPerHour)
		}
	}
	r.Lines = make([]Line, len(s.accs))
	for i, a := range s.accs {
		q := a.units / a.divisor
		r.Lines[i] = Line{Kind: a.key.kind, Provider: m.providerNames[a.key.provider], Item: a.key.item,
			Quantity: q, Unit: a.unit, Rate: a.rate, USD: a.rate * q}
	}
	slices.SortFunc(r.Lines, func(x, y Line) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), strings.Compare(x.Provider, y.Provider), strings.Compare(x.Item, y.Item))
	})
}
