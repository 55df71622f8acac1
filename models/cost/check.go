package cost

import (
	"errors"
	"fmt"
	"math"

	"github.com/ecsim/ecsim/sim"
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

// Check verifies the meter's bookkeeping: running lists and ID tables agree,
// each running instance's reservations add up to its totals within its
// registered capacity, and each instance's reservation integrals stay within
// registered capacity × lifetime. O(state); meant for tests and --check runs.
func (m *Meter) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("cost: meter: "+format, args...)) }
	s := &m.ec2
	for pos, li := range s.running {
		if l := &s.lives[li]; int(l.runPos) != pos || l.stop != sim.Never || s.active[l.id] != li+1 {
			bad("running instance %d: position %d/%d, stop %v, active %d", l.id, l.runPos, pos, l.stop, s.active[l.id])
		}
	}
	for li := range s.lives {
		m.checkLifetime(&s.lives[li], bad)
	}
	for pos, id := range m.fg.running {
		if t := m.fg.tasks[id]; int(t.runPos) != pos || t.acc == 0 {
			bad("running task %d: position %d/%d, accumulator %d", id, t.runPos, pos, t.acc)
		}
	}
	return errors.Join(errs...)
}

func (m *Meter) checkLifetime(l *lifetime, bad func(string, ...any)) {
	end := l.stop
	if end == sim.Never {
		end = m.now
	}
	endMs := millis(end)
	var cpu, mem, cpuMs, memMs int64
	for r := l.head; r >= 0; r = m.ec2.res[r].next {
		res := m.ec2.res[r]
		if res.cpu < 0 || res.mem < 0 {
			bad("instance %d: service %d reserves %d CPU units, %d MiB", l.id, res.svc, res.cpu, res.mem)
		}
		cpu, mem = cpu+res.cpu, mem+res.mem
		c, mm := res.integralsAt(endMs)
		cpuMs, memMs = cpuMs+c, memMs+mm
	}
	if cpu != l.cpuRes || mem != l.memRes || cpu > l.cpuReg || mem > l.memReg {
		bad("instance %d: reservations %d/%d CPU units and %d/%d MiB against totals %d and %d",
			l.id, cpu, l.cpuReg, mem, l.memReg, l.cpuRes, l.memRes)
	}
	lifeMs := endMs - millis(l.start)
	if cpuMs < 0 || memMs < 0 || cpuMs > l.cpuReg*lifeMs || memMs > l.memReg*lifeMs {
		bad("instance %d: integrals %d CPU-unit-ms, %d MiB-ms exceed capacity over %d ms", l.id, cpuMs, memMs, lifeMs)
	}
}
