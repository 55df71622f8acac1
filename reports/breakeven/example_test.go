package breakeven_test

import (
	"fmt"
	"log"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/reports/breakeven"
)

// At what utilisation does an m6i.xlarge (4 vCPU, 16 GiB, 0.192 USD/h plus
// a 30 GiB gp3 volume) beat Fargate for 1 vCPU tasks? With 4 GiB tasks
// only three fit, because the instance registers about 2 % less memory
// than its nominal 16 GiB, and EC2 On-Demand never wins; with 3 GiB tasks
// four fit and it wins above about 91 % of its slots in use.
func Example() {
	for _, mem := range []catalog.MiB{4096, 3072} {
		a, err := breakeven.Analyze(catalog.Default(), breakeven.Config{
			Region: "us-east-1", CPU: 1024, Memory: mem, RootVolumeGiB: 30,
			InstanceTypes: []string{"m6i.xlarge"},
		})
		if err != nil {
			log.Fatal(err)
		}
		r := a.Rows[0]
		fmt.Printf("1 vCPU / %v: %d tasks per %s (limited by %s); ", mem, r.TasksPerInstance, r.InstanceType, r.Limit)
		fmt.Printf("Fargate %.5f USD per task-hour; ", r.FargateUSDPerTaskHour)
		fmt.Printf("EC2 wins above %.1f %% (Spot: %.1f %%)\n", 100*r.OnDemandVsFargate, 100*r.SpotVsFargate)
	}
	// Output:
	// 1 vCPU / 4096 MiB: 3 tasks per m6i.xlarge (limited by memory); Fargate 0.05826 USD per task-hour; EC2 wins above 111.7 % (Spot: 40.3 %)
	// 1 vCPU / 3072 MiB: 4 tasks per m6i.xlarge (limited by cpu); Fargate 0.05382 USD per task-hour; EC2 wins above 90.7 % (Spot: 32.7 %)
}
