package cost

import (
	"slices"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// Finish prices the run up to at from cat in region and returns the bill.
// Instances and tasks still running are billed as if they stopped at at:
// the elapsed time, rounded up to the second, with the minimum charge. The
// meter itself is not changed, so Finish at an intermediate time gives the
// bill so far and recording may go on.
//
// An instance type, region, Fargate platform or storage the catalogue cannot
// price is an error naming it. Cost: O(items + service credits + running
// instances' reservations + running tasks); it allocates the report.
func (m *Meter) Finish(at sim.Time, cat *catalog.Catalog, region string) (Report, error) {
	m.checkRead("Finish", at)
	if err := m.resolve(cat, region); err != nil {
		return Report{}, err
	}
	b := m.newBill(at)
	b.ec2()
	b.fargate()
	r := Report{Region: region, At: at}
	b.lines(&r)
	b.summarise(&r)
	return r, nil
}

// bill accumulates one Finish on copies of the meter's sums, to which the
// running instances and tasks are added as if they stopped at at.
type bill struct {
	m      *Meter
	at     sim.Time
	svcEC2 []float64 // by ServiceID
	svcFG  []float64 // by ServiceID
	unused []float64 // by provider
	items  []ec2Item
	accs   []fgAcc
}

func (m *Meter) newBill(at sim.Time) *bill {
	return &bill{
		m: m, at: at,
		svcEC2: make([]float64, len(m.serviceNames)),
		svcFG:  make([]float64, len(m.serviceNames)),
		unused: make([]float64, len(m.providerNames)),
		items:  slices.Clone(m.ec2.items),
		accs:   slices.Clone(m.fg.accs),
	}
}

// ec2 bills the instances and apportions them: service s gets the
// per-second price × ½(∫cpu_s/cpu_registered + ∫mem_s/mem_registered) of
// every instance it reserved on, and the rest of each item's bill is unused
// capacity.
func (b *bill) ec2() {
	m, p, s := b.m, &b.m.prices, &b.m.ec2
	credits := slices.Clone(s.credits)
	endMs := millis(b.at)
	m.parkedSeconds(b.items, b.at)
	for _, id := range s.running {
		l := &s.lives[id]
		inst, ebs := m.lifetimeBill(l.start, b.at, false)
		it := &b.items[l.item]
		it.inst += inst
		it.ebs += ebs
		it.runNs += int64(b.at - l.start)
		it.count++
		for r := l.head; r >= 0; r = s.res[r].next {
			cpuMs, memMs := s.res[r].integralsAt(endMs)
			c := &credits[s.res[r].credit]
			c.cpuMs, c.chargedCPUMs = c.cpuMs+cpuMs, c.chargedCPUMs+cpuMs
			c.memMs, c.chargedMemMs = c.memMs+memMs, c.chargedMemMs+memMs
		}
	}
	itemCredit := make([]float64, len(b.items))
	for _, c := range credits {
		k := s.classes[c.class]
		instPS, ebsPS := p.ec2PerSecond(k.item, b.items[k.item].volumeGiB)
		v := instPS*k.reservedSeconds(c.chargedCPUMs, c.chargedMemMs) + ebsPS*k.reservedSeconds(c.cpuMs, c.memMs)
		b.svcEC2[c.svc] += v
		itemCredit[k.item] += v
	}
	for i, it := range b.items {
		instPS, ebsPS := p.ec2PerSecond(int32(i), it.volumeGiB)
		cost := instPS*float64(it.inst) + ebsPS*float64(it.ebs)
		// The unused bucket takes the remainder, so the parts add up to the
		// item's bill; it can only dip below zero by float rounding.
		b.unused[it.key.provider] += max(0, cost-itemCredit[i])
	}
}

// reservedSeconds turns a service's integrals on a class into
// fully-reserved-instance-seconds: ½(∫cpu/cpu_registered +
// ∫mem/mem_registered), the integrals being in milliseconds.
func (k classKey) reservedSeconds(cpuMs, memMs int64) float64 {
	return 0.5 * (float64(cpuMs)/float64(k.cpuReg) + float64(memMs)/float64(k.memReg)) / 1000
}

// fargate adds the running tasks to the accumulators and credits each
// service with its tasks' cost.
func (b *bill) fargate() {
	m := b.m
	for _, id := range m.fg.running {
		t := &m.fg.tasks[id]
		a := &b.accs[t.acc-1]
		sec := billedSeconds(b.at.Sub(t.start), m.cfg.FargateMinimum)
		a.tasks++
		a.sec += sec
		a.cpuSec += t.cpu * sec
		a.mibSec += t.mem * sec
	}
	for _, a := range b.accs {
		b.svcFG[a.svc] += m.prices.fg[a.item].usd(a.sec, a.cpuSec, a.mibSec)
	}
}
