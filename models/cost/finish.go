package cost

import (
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
// price is an error naming it. Cost: O(lifetimes + reservations + items);
// it allocates the report.
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

// bill accumulates one Finish without touching the meter.
type bill struct {
	m      *Meter
	at     sim.Time
	svcEC2 []float64 // by ServiceID
	svcFG  []float64 // by ServiceID
	unused []float64 // by provider
	// by EC2 item: billed instance- and volume-seconds, run time, counts
	inst, ebs, runNs []int64
	count, uncharged []int
	accs             []fgAcc // the meter's, plus the running tasks
}

func (m *Meter) newBill(at sim.Time) *bill {
	n := len(m.ec2.items)
	return &bill{
		m: m, at: at,
		svcEC2: make([]float64, len(m.serviceNames)),
		svcFG:  make([]float64, len(m.serviceNames)),
		unused: make([]float64, len(m.providerNames)),
		inst:   make([]int64, n), ebs: make([]int64, n), runNs: make([]int64, n),
		count: make([]int, n), uncharged: make([]int, n),
		accs: append([]fgAcc(nil), m.fg.accs...),
	}
}

// ec2 bills every instance lifetime and apportions it: service s gets the
// per-second price × ½(∫cpu_s/cpu_registered + ∫mem_s/mem_registered), and
// the rest of the lifetime's bill is unused capacity.
func (b *bill) ec2() {
	m, p := b.m, &b.m.prices
	for li := range m.ec2.lives {
		l := &m.ec2.lives[li]
		end := l.stop
		if end == sim.Never {
			end = b.at
		}
		it := &m.ec2.items[l.item]
		instSec, ebsSec := m.lifetimeBill(l, end)
		b.inst[l.item] += instSec
		b.ebs[l.item] += ebsSec
		b.runNs[l.item] += int64(end - l.start)
		b.count[l.item]++
		instPS, ebsPS := p.ec2PerSecond(l.item, it.volumeGiB)
		if instSec == 0 {
			b.uncharged[l.item]++
			instPS = 0
		}
		cost := instPS*float64(instSec) + ebsPS*float64(ebsSec)
		allocated := b.apportion(l, millis(end), instPS+ebsPS)
		// The unused bucket takes the remainder, so the parts add up to the
		// lifetime's bill; it can only dip below zero by float rounding.
		b.unused[it.key.provider] += max(0, cost-allocated)
	}
}

// apportion credits each service with its reserved share of a lifetime
// priced perSecond and returns the total credited.
func (b *bill) apportion(l *lifetime, endMs int64, perSecond float64) float64 {
	res := b.m.ec2.res
	allocated := 0.0
	for r := l.head; r >= 0; r = res[r].next {
		cpuMs, memMs := res[r].integralsAt(endMs)
		shareSec := 0.5 * (float64(cpuMs)/float64(l.cpuReg) + float64(memMs)/float64(l.memReg)) / 1000
		c := perSecond * shareSec
		b.svcEC2[res[r].svc] += c
		allocated += c
	}
	return allocated
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
