package catalog_test

import (
	"fmt"

	"github.com/ecsim/ecsim/models/catalog"
)

func Example() {
	c := catalog.Default()

	it, err := c.Lookup("m6i.large")
	if err != nil {
		panic(err)
	}
	reg, _ := it.Register(0) // ECS_RESERVED_MEMORY = 0
	price, _ := c.Price("m6i.large", "us-east-1")
	tasks, _ := it.AwsvpcTasks(false)
	trunked, _ := it.AwsvpcTasks(true)
	fmt.Printf("%s: %d vCPU, %v -> registers %v and %v\n", it.Name, it.VCPUs, it.Memory, reg.CPU, reg.Memory)
	fmt.Printf("awsvpc tasks: %d, with trunking %d\n", tasks, trunked)
	fmt.Printf("on-demand %v, spot %.4f USD/h\n", price.OnDemand, float64(price.Spot))

	rate, _ := c.FargateRate("us-east-1", catalog.LinuxARM64, false)
	fmt.Printf("Fargate ARM64 1 vCPU / 2 GB: %.5f USD/h\n", float64(rate.Hourly(1024, 2048)))

	fmt.Println(c.ValidateFargateSize(512, 5120))
	_, err = c.Lookup("m6i.larg")
	fmt.Println(err)
	// Output:
	// m6i.large: 2 vCPU, 8192 MiB -> registers 2048 CPU units and 8011 MiB
	// awsvpc tasks: 2, with trunking 10
	// on-demand 0.096 USD/h, spot 0.0336 USD/h
	// Fargate ARM64 1 vCPU / 2 GB: 0.03950 USD/h
	// catalog: invalid Fargate task size for linux: cpu 512, memory 5120 MiB: memory not offered with this cpu; valid memory (MiB) for cpu 512: 1024, 2048, 3072, 4096
	// catalog: unknown instance type "m6i.larg"; did you mean m6i.large, c6i.large, m6g.large?
}
