package cost_test

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/sim"
)

func Example() {
	at := func(d time.Duration) sim.Time { return sim.Time(d) }
	meter, err := cost.New(cost.DefaultConfig())
	if err != nil {
		panic(err)
	}
	web := meter.Service("web")

	// Events come in time order, as the simulation makes them. One
	// m6i.large for two hours; web reserves about half of it for the second.
	meter.InstanceStarted(0, cost.Instance{Type: "m6i.large", Purchase: cost.OnDemand, AZ: "us-east-1a",
		Provider: "asg", RegisteredCPU: 2048, RegisteredMiB: 7985}, 0)
	// A Fargate Spot task of another service for 30 minutes.
	meter.FargateStarted(0, cost.FargateTask{Platform: catalog.LinuxARM64, Spot: true, CPU: 512, Memory: 1024,
		Provider: "FARGATE_SPOT", Service: "worker"}, at(10*time.Minute))
	meter.FargateStopped(0, at(40*time.Minute))
	meter.Reserve(0, web, 1024, 3992, at(time.Hour))

	report, err := meter.Finish(at(2*time.Hour), catalog.Default(), "us-east-1")
	if err != nil {
		panic(err)
	}
	if err := report.Check(); err != nil {
		panic(err)
	}
	fmt.Printf("total %.5f USD, unused %.5f USD\n", report.TotalUSD, report.UnusedUSD)
	for _, s := range report.ByService {
		fmt.Printf("service %-7s %.5f USD\n", s.Service, s.USD)
	}
	for _, l := range report.Lines {
		fmt.Printf("%-25v %-12s %-32s %8.4f %-15s × %.6f = %.5f\n", l.Kind, l.Provider, l.Item, l.Quantity, l.Unit, l.Rate, l.USD)
	}
	// Output:
	// total 0.20154 USD, unused 0.14893 USD
	// service web     0.04964 USD
	// service worker  0.00296 USD
	// EC2 On-Demand             asg          m6i.large On-Demand us-east-1a     2.0000 instance-hours  × 0.096000 = 0.19200
	// EBS                       asg          gp3 root volumes, 30 GiB each      0.0822 GB-months       × 0.080000 = 0.00658
	// Fargate Spot              FARGATE_SPOT linux/arm64 memory                 0.5000 GB-hours        × 0.001068 = 0.00053
	// Fargate Spot              FARGATE_SPOT linux/arm64 vCPU                   0.2500 vCPU-hours      × 0.009714 = 0.00243
}
