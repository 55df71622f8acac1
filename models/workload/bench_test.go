package workload

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

var benchStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday

// benchServices builds n services with varied shapes, sizes and task counts
// from a seeded stream: a diurnal × weekly × noise base plus a spike.
func benchServices(tb testing.TB, n int) ([]*Service, []int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	zones := []string{"", "Europe/Berlin", "America/New_York", "Asia/Tokyo"}
	svcs := make([]*Service, n)
	running := make([]int, n)
	for i := range svcs {
		peak := 50 + rng.Float64()*2000
		di := must(NewDiurnal(DiurnalConfig{PeakHour: float64(rng.IntN(24)), TroughRatio: 0.2 + 0.5*rng.Float64(), TimeZone: zones[i%len(zones)]}))
		wk := must(NewWeekly(WeekdayWeekend(1, 0.6, zones[i%len(zones)])))
		noise := must(NewNoise(NoiseConfig{Sigma: 0.1, CorrelationTime: 10 * time.Minute, Origin: benchStart}, rand.New(rand.NewPCG(uint64(i), 7))))
		spike := must(NewSpike(SpikeConfig{At: benchStart.Add(time.Duration(rng.IntN(600)) * time.Minute), Height: peak, Duration: 5 * time.Minute, Shape: Triangle}))
		demand := Sum(Product(Constant(peak), di, wk, noise), spike)
		capacity := 20 + rng.Float64()*200
		task := TaskProfile{CPU: 512, CapacityPerSecond: capacity, IdleCPU: 2, MemoryReservation: 1024,
			MemoryHardLimit: 2048, BaseMemory: 300, MemoryPerRequestPerSecond: 1}
		if i%3 == 0 {
			task.Ceiling = BurstToInstanceIdle
		}
		svcs[i] = must(NewService(ServiceConfig{Demand: demand, Task: task,
			Queue: QueueConfig{Concurrency: 1 + rng.IntN(4), QueueLimit: 1e5}, SLOTarget: 0.25}))
		running[i] = 1 + int(peak*0.7/(capacity*0.6))
	}
	return svcs, running
}

// BenchmarkDemandStep measures demand, utilisation and latency for n
// services over one simulated minute (one Step each), with exact
// percentiles and with a shared QuantileTable.
func BenchmarkDemandStep(b *testing.B) {
	for _, c := range []struct {
		n     int
		table bool
	}{{1, false}, {100, false}, {1000, false}, {1000, true}} {
		name := fmt.Sprintf("services=%d", c.n)
		if c.table {
			name += "/table"
		}
		b.Run(name, func(b *testing.B) {
			svcs, running := benchServices(b, c.n)
			if c.table {
				tab := NewQuantileTable()
				for _, s := range svcs {
					s.q.table = tab
				}
			}
			now := benchStart
			b.ReportAllocs()
			var slo int
			for b.Loop() {
				for i, s := range svcs {
					if s.Step(now, time.Minute, running[i], 300).SLOViolated {
						slo++
					}
				}
				now = now.Add(time.Minute)
			}
			b.ReportMetric(float64(slo)/float64(b.N*c.n), "slo-violating-fraction")
		})
	}
}

// BenchmarkErlangC measures Erlang C at utilisation 0.8 for c servers.
func BenchmarkErlangC(b *testing.B) {
	for _, c := range []int{10, 100, 1000, 10000} {
		b.Run(fmt.Sprintf("servers=%d", c), func(b *testing.B) {
			b.ReportAllocs()
			a := 0.8 * float64(c)
			var sink float64
			for b.Loop() {
				sink += ErlangC(c, a)
			}
			if !(sink > 0) {
				b.Fatal("no result")
			}
		})
	}
}

// BenchmarkResponseQuantiles measures p95 and p99 of an M/M/c queue.
func BenchmarkResponseQuantiles(b *testing.B) {
	for _, c := range []int{1, 4, 100} {
		b.Run(fmt.Sprintf("servers=%d", c), func(b *testing.B) {
			q := NewMMC(0.7*float64(c)*10, 10, c)
			b.ReportAllocs()
			var sink Seconds
			for b.Loop() {
				p95, p99 := q.ResponseQuantiles(0.95, 0.99)
				sink += p95 + p99
			}
			if !(sink > 0) {
				b.Fatal("no result")
			}
		})
	}
}
