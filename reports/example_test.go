package reports_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/reports"
)

// cluster is a small scenario: four 0.25 vCPU / 0.5 GiB tasks of a
// service without a workload, on EC2 (two m6i.large On-Demand) or on
// Fargate, for six hours.
func cluster(variant string) models.Config {
	cfg := models.Config{
		Name: "demo", Variant: variant, Region: "us-east-1",
		Start:    time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		Duration: 6 * time.Hour, Seed: 1,
		TaskDefs: []models.TaskDef{{Family: "app", CPU: 256, Memory: 512, NetworkMode: models.NetworkAwsvpc,
			Containers: []models.ContainerDef{{Name: "app", Essential: true}}}},
		Services: []models.ServiceConfig{{Name: "app", TaskDef: "app", DesiredCount: 4}},
	}
	if variant == "ec2" {
		cfg.Providers = []models.ProviderConfig{{Name: "ec2", Kind: models.ProviderEC2,
			InstanceTypes: []string{"m6i.large"}, MinSize: 2, MaxSize: 2, DesiredSize: 2, ENITrunking: true}}
		cfg.Services[0].CapacityProviderStrategy = []models.StrategyItem{{Provider: "ec2", Weight: 1}}
	} else {
		cfg.Providers = []models.ProviderConfig{{Name: "FARGATE", Kind: models.ProviderFargate}}
		cfg.Services[0].CapacityProviderStrategy = []models.StrategyItem{{Provider: "FARGATE", Weight: 1}}
	}
	return cfg
}

func Example() {
	var results []*models.Result
	for _, v := range []string{"ec2", "fargate"} {
		r, err := models.Run(context.Background(), cluster(v))
		if err != nil {
			log.Fatal(err)
		}
		results = append(results, r)
	}
	s, err := reports.Summarize(results...)
	if err != nil {
		log.Fatal(err)
	}
	// EC2: 2 × m6i.large × 0.096 USD/h × 6 h = 1.152 USD, 4 × 256 of
	// 2 × 2048 CPU units reserved = 25 %. Fargate: 24 task-hours × (0.25
	// vCPU × 0.04048 + 0.5 GB × 0.004445) USD/h = 0.296 USD.
	if err := s.Table().WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Verdict())
	// Output:
	// Summary: demo
	//                     cost  cost per  instance   task       CPU   CPU       mem   mem  placement  scaling     SLO
	//    variant  cost    rate    1M req     hours  hours  reserved  used  reserved  used   failures  actions  breach  p95   dropped
	//              USD   USD/h       USD         h      h         %     %         %     %                         min   ms  requests
	// -  -------  ----  ------  --------  --------  -----  --------  ----  --------  ----  ---------  -------  ------  ---  --------
	//    ec2      1.15  0.1920         -      12.0   24.0      25.0   0.0      12.8   0.0          0        0       0    -         0
	// *  fargate  0.30  0.0494         -       0.0   24.0         -     -         -     -          0        0       0    -         0
	// * cheapest variant (lowest total cost). CPU and memory shares are of registered EC2 capacity, time-averaged; - where a variant ran no EC2 instances or served no requests.
	// Cheapest: fargate at 0.30 USD, 74.3 % below ec2 (1.15 USD).
}

// ExampleWriteReport writes a report folder: summaries, CSVs, PNG and SVG
// plots and index.html.
func ExampleWriteReport() {
	var results []*models.Result
	for _, v := range []string{"ec2", "fargate"} {
		r, err := models.Run(context.Background(), cluster(v))
		if err != nil {
			log.Fatal(err)
		}
		results = append(results, r)
	}
	scenario, err := os.ReadFile("demo.toml")
	if err != nil {
		log.Fatal(err)
	}
	dir := filepath.Join("ecsim-report", "demo")
	if err := reports.WriteReport(dir, results, scenario); err != nil {
		log.Fatal(err)
	}
	fmt.Println("open", filepath.Join(dir, "index.html"))
}
