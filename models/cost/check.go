package cost

import (
	"errors"
	"fmt"
	"math"
)

// CheckTolerance is the relative tolerance of Report.Check: the parts of a
// bill are summed in different orders, so they agree to float rounding,
// far inside it.
const CheckTolerance = 1e-9

// Check verifies that the bill's parts add up: TotalUSD = Σ Lines = Σ ByKind
// = Σ ByProvider = Σ ByService + UnusedUSD; UnusedUSD = Σ provider unused;
// each service's USD = EC2USD + FargateUSD; Σ Fargate kinds = Σ service
// FargateUSD; each line's USD = Quantity × Rate; and no amount is negative
// or not finite. The error joins every violation.
func (r *Report) Check() error {
	tol := CheckTolerance*math.Abs(r.TotalUSD) + 1e-12
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("cost: report: "+format, args...)) }
	amount := func(what string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < -tol {
			bad("%s is %v", what, v)
		}
	}
	sum := func(what string, got float64) {
		if math.Abs(got-r.TotalUSD) > tol {
			bad("%s = %.12g, total %.12g", what, got, r.TotalUSD)
		}
	}
	amount("TotalUSD", r.TotalUSD)
	amount("UnusedUSD", r.UnusedUSD)
	var lines, kinds, providers, services, unused, fgLines, fgServices float64
	for _, l := range r.Lines {
		amount(fmt.Sprintf("line %q %q", l.Provider, l.Item), l.USD)
		if math.Abs(l.USD-l.Quantity*l.Rate) > CheckTolerance*math.Abs(l.USD)+1e-12 {
			bad("line %q %q: %v × %v ≠ %v", l.Provider, l.Item, l.Quantity, l.Rate, l.USD)
		}
		lines += l.USD
		if l.Kind >= Fargate {
			fgLines += l.USD
		}
	}
	for _, k := range r.ByKind {
		amount("kind "+k.Kind.String(), k.USD)
		kinds += k.USD
	}
	for _, p := range r.ByProvider {
		amount("provider "+p.Provider, p.USD)
		amount("unused of provider "+p.Provider, p.UnusedUSD)
		providers += p.USD
		unused += p.UnusedUSD
	}
	for _, s := range r.ByService {
		amount("service "+s.Service, s.USD)
		amount("EC2 of service "+s.Service, s.EC2USD)
		amount("Fargate of service "+s.Service, s.FargateUSD)
		if math.Abs(s.USD-s.EC2USD-s.FargateUSD) > tol {
			bad("service %s: %v ≠ EC2 %v + Fargate %v", s.Service, s.USD, s.EC2USD, s.FargateUSD)
		}
		services += s.USD
		fgServices += s.FargateUSD
	}
	sum("Σ lines", lines)
	sum("Σ by kind", kinds)
	sum("Σ by provider", providers)
	sum("Σ by service + unused", services+r.UnusedUSD)
	if math.Abs(unused-r.UnusedUSD) > tol {
		bad("Σ provider unused = %.12g, UnusedUSD %.12g", unused, r.UnusedUSD)
	}
	if math.Abs(fgLines-fgServices) > tol {
		bad("Σ Fargate lines = %.12g, Σ service Fargate %.12g", fgLines, fgServices)
	}
	return errors.Join(errs...)
}

// Check verifies the meter's bookkeeping: running lists and slots agree;
// each running instance's reservations add up to its totals within its
// registered capacity and are all indexed; the reservation slab is either
// in use or free; reservation integrals stay within registered capacity ×
// lifetime, per running instance and per class of stopped ones; charged
// usage never exceeds billed usage, nor billed usage the minimum. O(state);
// meant for tests and --check runs.
func (m *Meter) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("cost: meter: "+format, args...)) }
	s := &m.ec2
	inUse := 0
	for pos, id := range s.running {
		l := &s.lives[id]
		if !l.running || int(l.runPos) != pos {
			bad("running instance %d: slot running %t at position %d, listed at %d", id, l.running, l.runPos, pos)
			continue
		}
		inUse += m.checkLifetime(id, l, bad)
	}
	free := 0
	for r := s.freeRes; r >= 0 && free <= len(s.res); r = s.res[r].next {
		free++
	}
	if inUse != len(s.resIDs) || inUse+free != len(s.res) {
		bad("%d reservations in use, %d indexed, %d free, %d slots", inUse, len(s.resIDs), free, len(s.res))
	}
	m.checkClosed(bad)
	for pos, id := range m.fg.running {
		if t := m.fg.tasks[id]; int(t.runPos) != pos || t.acc == 0 {
			bad("running task %d: position %d/%d, accumulator %d", id, t.runPos, pos, t.acc)
		}
	}
	return errors.Join(errs...)
}

// checkLifetime checks one running instance and returns its reservations.
func (m *Meter) checkLifetime(id InstanceID, l *lifetime, bad func(string, ...any)) int {
	nowMs := millis(m.now)
	var n int
	var cpu, mem, cpuMs, memMs int64
	for r := l.head; r >= 0 && n <= len(m.ec2.res); r = m.ec2.res[r].next {
		res := &m.ec2.res[r]
		if res.cpu < 0 || res.mem < 0 || m.ec2.resIDs[resKey{id, res.svc}] != r {
			bad("instance %d: service %d reserves %d CPU units, %d MiB (slot %d)", id, res.svc, res.cpu, res.mem, r)
		}
		c, mm := res.integralsAt(nowMs)
		cpu, mem, cpuMs, memMs = cpu+res.cpu, mem+res.mem, cpuMs+c, memMs+mm
		n++
	}
	if cpu != l.cpuRes || mem != l.memRes || cpu > l.cpuReg || mem > l.memReg {
		bad("instance %d: reservations %d/%d CPU units and %d/%d MiB against totals %d and %d",
			id, cpu, l.cpuReg, mem, l.memReg, l.cpuRes, l.memRes)
	}
	lifeMs := nowMs - millis(l.start)
	if cpuMs < 0 || memMs < 0 || cpuMs > l.cpuReg*lifeMs || memMs > l.memReg*lifeMs {
		bad("instance %d: integrals %d CPU-unit-ms, %d MiB-ms exceed capacity over %d ms", id, cpuMs, memMs, lifeMs)
	}
	return n
}

// checkClosed checks the sums of the stopped instances.
func (m *Meter) checkClosed(bad func(string, ...any)) {
	s := &m.ec2
	cpuMs := make([]int64, len(s.classes))
	memMs := make([]int64, len(s.classes))
	for _, c := range s.credits {
		if c.chargedCPUMs > c.cpuMs || c.chargedMemMs > c.memMs || c.chargedCPUMs < 0 || c.chargedMemMs < 0 {
			bad("service %d on class %d: charged integrals exceed the totals", c.svc, c.class)
		}
		cpuMs[c.class] += c.cpuMs
		memMs[c.class] += c.memMs
	}
	for i, k := range s.classes {
		if cpuMs[i] > k.cpuReg*s.classMs[i] || memMs[i] > k.memReg*s.classMs[i] {
			bad("class %d: integrals %d, %d exceed capacity over %d ms", i, cpuMs[i], memMs[i], s.classMs[i])
		}
	}
	minimum := ceilSeconds(m.cfg.EC2Minimum)
	for _, it := range s.items {
		if it.inst > it.ebs || it.ebs < minimum*it.count || it.uncharged > it.count {
			bad("item %s %v %s: %d charged, %d billed seconds over %d instances (%d uncharged)",
				it.key.typ, it.key.purchase, it.key.az, it.inst, it.ebs, it.count, it.uncharged)
		}
	}
}
