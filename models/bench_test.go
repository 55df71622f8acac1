package models

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// weekConfig is 7 days of n services with diurnal demand and CPU target
// tracking on one EC2 provider with managed scaling, plus a Fargate service.
func weekConfig(tb testing.TB, n int) Config {
	cfg := baseConfig(tb)
	cfg.Duration = 7 * 24 * time.Hour
	cfg.Check = false
	cfg.Providers[0].MaxSize = 1000
	cfg.Providers[0].DesiredSize = n / 2
	tmpl := cfg.Services[0]
	cfg.Services = nil
	for i := range n {
		s := tmpl
		s.Name = fmt.Sprintf("svc-%03d", i)
		s.Workload = diurnalWeb(tb, 50+float64(i%10)*20)
		s.DesiredCount = 2
		cfg.Services = append(cfg.Services, s)
	}
	f := tmpl
	f.Name = "fargate-api"
	f.CapacityProviderStrategy = []StrategyItem{{Provider: "FARGATE", Weight: 1}}
	f.Workload = diurnalWeb(tb, 200)
	cfg.Services = append(cfg.Services, f)
	return cfg
}

func BenchmarkWorldWeek(b *testing.B) {
	for _, n := range []int{100} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			cfg := weekConfig(b, n)
			b.ReportAllocs()
			var events uint64
			start := time.Now()
			for b.Loop() {
				r, err := Run(context.Background(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				events = r.Events
			}
			elapsed := time.Since(start).Seconds() / float64(b.N)
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(float64(events)/elapsed, "events/s")
		})
	}
}
