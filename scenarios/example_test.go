package scenarios_test

import (
	"errors"
	"fmt"

	"github.com/ecsim/ecsim/scenarios"
)

// Problems come back together, in line order, each naming file, line, key
// and what was expected.
func ExampleParse() {
	doc := `name = "demo"
duration = "1d"

[providers.FARGATE]

[task_definitions.web]
cpu = "0.25 vCPU"
memory = "4 GiB"

[services.web]
task_definition = "web"
launch_type = "FARGATE"
desird_count = 2
`
	_, err := scenarios.Parse("demo.toml", []byte(doc))
	var se *scenarios.Error
	if errors.As(err, &se) {
		for _, p := range se.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// demo.toml:8: task_definitions.web.memory: invalid Fargate task size for linux: cpu 256, memory 4096 MiB: memory not offered with this cpu; valid memory (MiB) for cpu 256: 512, 1024, 2048 (services.web runs it on FARGATE)
	// demo.toml:13: services.web.desird_count: unknown key; did you mean "desired_count"?
}

// A sweep expands into runs with stable names; each builds a models.Config.
func ExampleScenario_Runs() {
	s, err := scenarios.Get("cpu-target-sweep")
	if err != nil {
		panic(err)
	}
	runs := s.Runs()
	fmt.Println(len(runs), "runs")
	for _, r := range runs[:3] {
		cfg, err := s.BuildRun(r)
		if err != nil {
			panic(err)
		}
		fmt.Println(r.Name, cfg.Seed, cfg.Services[0].Scaling.TargetTracking[0].TargetValue)
	}
	// Output:
	// 50 runs
	// target=40/seed=1 1 40
	// target=40/seed=2 2 40
	// target=40/seed=3 3 40
}

// The example library is embedded; the default example comes first.
func ExampleList() {
	for _, ex := range scenarios.List()[:2] {
		fmt.Println(ex.Name)
	}
	// Output:
	// web-ec2-vs-fargate
	// batch-spot
}
