package cost

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/models/catalog"
)

// summarise fills the totals and breakdowns of r from its lines and the
// bill's apportionment.
func (b *bill) summarise(r *Report) {
	m := b.m
	r.ByKind = make([]KindCost, numKinds)
	for k := range r.ByKind {
		r.ByKind[k].Kind = Kind(k)
	}
	byProvider := make(map[string]float64, len(m.providerNames))
	for _, l := range r.Lines {
		r.TotalUSD += l.USD
		r.ByKind[l.Kind].USD += l.USD
		byProvider[l.Provider] += l.USD
	}
	order := make([]int, len(m.providerNames))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(m.providerNames[x], m.providerNames[y]) })
	for _, i := range order {
		name := m.providerNames[i]
		r.ByProvider = append(r.ByProvider, ProviderCost{Provider: name, USD: byProvider[name], UnusedUSD: b.unused[i]})
		r.UnusedUSD += b.unused[i]
	}
	for i, name := range m.serviceNames {
		r.ByService = append(r.ByService, ServiceCost{Service: name, EC2USD: b.svcEC2[i], FargateUSD: b.svcFG[i],
			USD: b.svcEC2[i] + b.svcFG[i]})
	}
	slices.SortFunc(r.ByService, func(x, y ServiceCost) int { return strings.Compare(x.Service, y.Service) })
	r.Instances = b.instanceUsage()
	r.Fargate = b.fargateUsage()
}

func (b *bill) instanceUsage() []InstanceUsage {
	type key struct {
		typ      string
		purchase Purchase
	}
	idx := make(map[key]int)
	var out []InstanceUsage
	for _, it := range b.items {
		k := key{it.key.typ, it.key.purchase}
		j, ok := idx[k]
		if !ok {
			j = len(out)
			idx[k] = j
			out = append(out, InstanceUsage{Type: k.typ, Purchase: k.purchase})
		}
		u := &out[j]
		u.Instances += int(it.count)
		u.Uncharged += int(it.uncharged)
		u.RunHours += float64(it.runNs) / 3.6e12
		u.BilledHours += float64(it.inst) / secondsPerHour
	}
	slices.SortFunc(out, func(x, y InstanceUsage) int {
		return cmp.Or(strings.Compare(x.Type, y.Type), cmp.Compare(x.Purchase, y.Purchase))
	})
	return out
}

func (b *bill) fargateUsage() []FargateUsage {
	type key struct {
		platform catalog.Platform
		spot     bool
	}
	idx := make(map[key]int)
	var out []FargateUsage
	for _, a := range b.accs {
		fk := b.m.fg.items[a.item]
		k := key{fk.platform, fk.spot}
		j, ok := idx[k]
		if !ok {
			j = len(out)
			idx[k] = j
			out = append(out, FargateUsage{Platform: k.platform, Spot: k.spot})
		}
		u := &out[j]
		u.Tasks += int(a.tasks)
		u.TaskHours += float64(a.sec) / secondsPerHour
		u.VCPUHours += float64(a.cpuSec) / (catalog.CPUUnitsPerVCPU * secondsPerHour)
		u.GBHours += float64(a.mibSec) / (catalog.MiBPerGiB * secondsPerHour)
		u.ExtraStorageGBHours += b.m.prices.fg[a.item].extraGiB * float64(a.sec) / secondsPerHour
	}
	slices.SortFunc(out, func(x, y FargateUsage) int {
		return cmp.Or(strings.Compare(x.Platform.String(), y.Platform.String()), compareBool(x.Spot, y.Spot))
	})
	return out
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
