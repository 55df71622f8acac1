package workload_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/ecsim/ecsim/models/workload"
)

// A web service whose demand peaks at 14:00 in Berlin, with a flash-sale
// spike, stepped minute by minute on a fixed fleet of Fargate tasks.
func Example() {
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	diurnal, err := workload.NewDiurnal(workload.DiurnalConfig{PeakHour: 14, TroughRatio: 0.2, TimeZone: "Europe/Berlin"})
	if err != nil {
		fmt.Println(err)
		return
	}
	weekly, _ := workload.NewWeekly(workload.WeekdayWeekend(1, 0.5, "Europe/Berlin"))
	spike, _ := workload.NewSpike(workload.SpikeConfig{At: start.Add(18 * time.Hour), Height: 600, Duration: 20 * time.Minute, Shape: workload.Square})
	demand := workload.Sum(workload.Product(workload.Constant(1000), diurnal, weekly), spike)

	svc, err := workload.NewService(workload.ServiceConfig{
		Demand: demand,
		Task: workload.TaskProfile{CPU: 1024, CapacityPerSecond: 100, IdleCPU: 3,
			MemoryReservation: 2048, MemoryHardLimit: 2048, BaseMemory: 600, MemoryPerRequestPerSecond: 4},
		Queue:     workload.QueueConfig{Concurrency: 4},
		SLOTarget: 0.2, // p95 ≤ 200 ms
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("time   req/s  tasks  cpu%   mem%   p95(ms)")
	for minute := 0; minute < 24*60; minute++ {
		now := start.Add(time.Duration(minute) * time.Minute)
		s := svc.Step(now, time.Minute, 13, 0)
		if minute%(3*60) == 0 || minute == 18*60+5 {
			fmt.Printf("%s %6.0f %6d %5.1f %6.1f %9.1f\n", now.Format("15:04"), s.DemandPerSecond, s.Running,
				s.CPU, s.Memory, 1000*float64(s.P95))
		}
	}
	fmt.Println("SLO violation:", svc.Totals().SLOViolation)
	// Output:
	// time   req/s  tasks  cpu%   mem%   p95(ms)
	// 00:00    213     13  18.9   32.5     119.8
	// 03:00    254     13  22.0   33.1     119.8
	// 06:00    497     13  40.1   36.8     119.8
	// 09:00    801     13  62.7   41.3     119.8
	// 12:00    987     13  76.6   44.1     120.0
	// 15:00    946     13  73.6   43.5     119.9
	// 18:00   1303     13 100.0   48.8     396.5
	// 18:05   1294     13  99.6   48.7     278.8
	// 21:00    399     13  32.8   35.3     119.8
	// SLO violation: 15m0s
}

// The waiting probability and response-time percentiles of an M/M/c queue.
func ExampleMMC() {
	q := workload.NewMMC(100.0/1800, 1.0/180, 11) // 100 calls per 30 min, 3-minute calls, 11 agents
	fmt.Printf("P(wait) = %.4f, mean wait = %.1f s, p95 response = %.0f s\n",
		q.WaitProbability(), q.MeanWait(), q.ResponseQuantile(0.95))
	// Output:
	// P(wait) = 0.6821, mean wait = 122.8 s, p95 response = 788 s
}

// Replaying a CloudWatch export of 5-minute request counts as a rate.
func ExampleParseCloudWatch() {
	f, err := os.Open("testdata/alb-requestcount-newest-first.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	tr, err := workload.ParseCloudWatch("alb.json", f, "requests")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := workload.NewReplay(tr, workload.ReplayConfig{Kind: workload.CountPerPeriod, Period: 5 * time.Minute, Loop: true})
	for _, m := range []int{0, 12, 29, 31} {
		at := tr.Times[0].Add(time.Duration(m) * time.Minute)
		fmt.Printf("%s %.0f req/s\n", at.Format("15:04"), r.Rate(at))
	}
	// Output:
	// 09:00 40 req/s
	// 09:12 80 req/s
	// 09:29 120 req/s
	// 09:31 40 req/s
}

// Batch jobs: Poisson arrivals, a weighted mix, lognormal run times, all
// from seeded streams.
func ExampleJobStream() {
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	arrivals, _ := workload.NewPoisson(1.0/600, rand.New(rand.NewPCG(1, 1))) // one per 10 min
	etl, _ := workload.NewLogNormal(15*time.Minute, 0.3, rand.New(rand.NewPCG(1, 2)))
	jobs, _ := workload.NewJobStream(workload.JobStreamConfig{Arrivals: arrivals, Mix: []workload.JobKind{
		{TaskDefinition: "etl:4", Weight: 4, Duration: etl},
		{TaskDefinition: "report:2", Weight: 1, Duration: workload.Fixed(2 * time.Minute)},
	}}, start, rand.New(rand.NewPCG(1, 3)))
	for range 4 {
		j, _ := jobs.Next()
		fmt.Printf("%s %-8s %v\n", j.At.Format("15:04:05"), j.TaskDefinition, j.Duration.Round(time.Second))
	}
	// Output:
	// 00:08:49 etl:4    16m49s
	// 00:10:14 etl:4    15m20s
	// 00:21:29 etl:4    15m56s
	// 00:27:16 etl:4    10m42s
}
