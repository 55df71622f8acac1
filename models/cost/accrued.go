package cost

import (
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// AccruedUSD returns what the run has cost up to at, priced from cat in
// region: stopped items as billed, running ones as if they stopped at at
// (with the minimum charge). It equals Finish(at, cat, region).TotalUSD up
// to float rounding and never decreases as time goes on (but for the waived
// charge of a Spot instance EC2 interrupts in its first hour), so sampling
// it once a simulated minute gives the cumulative-cost series.
//
// Cost: O(items + running or parked instances + running tasks), no allocation once
// every item has been priced (a new item costs one catalogue lookup).
func (m *Meter) AccruedUSD(at sim.Time, cat *catalog.Catalog, region string) (float64, error) {
	m.checkRead("AccruedUSD", at)
	if err := m.resolve(cat, region); err != nil {
		return 0, err
	}
	p := &m.prices
	total := 0.0
	for i, it := range m.ec2.items {
		inst, ebs := p.ec2PerSecond(int32(i), it.volumeGiB)
		total += inst*float64(it.inst) + ebs*float64(it.ebs)
	}
	for _, id := range m.ec2.running {
		l := &m.ec2.lives[id]
		inst, ebs := p.ec2PerSecond(l.item, m.ec2.items[l.item].volumeGiB)
		instSec, ebsSec := m.lifetimeBill(l.start, at, false)
		total += inst*float64(instSec) + ebs*float64(ebsSec)
	}
	for _, id := range m.ec2.parked {
		l := &m.ec2.stopped[id]
		_, ebs := p.ec2PerSecond(l.item, m.ec2.items[l.item].volumeGiB)
		total += ebs * float64(ceilSeconds(at.Sub(l.start)))
	}
	for _, a := range m.fg.accs {
		total += p.fg[a.item].usd(a.sec, a.cpuSec, a.mibSec)
	}
	for _, id := range m.fg.running {
		t := &m.fg.tasks[id]
		sec := billedSeconds(at.Sub(t.start), m.cfg.FargateMinimum)
		total += p.fg[m.fg.accs[t.acc-1].item].usd(sec, t.cpu*sec, t.mem*sec)
	}
	return total, nil
}
