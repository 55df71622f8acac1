package placebench

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/placement"
)

// Shape is one kind of task in the mix.
type Shape struct {
	CPU    catalog.CPUUnits
	Memory catalog.MiB
	Weight float64
}

// Chain is a named strategy chain to compare.
type Chain struct {
	Name       string
	Strategies []placement.StrategySpec
}

// Config describes the benchmark.
type Config struct {
	Catalog      *catalog.Catalog // nil: catalog.Default()
	Region       string           // default us-east-1
	InstanceType string           // default m6i.xlarge
	AZs          []string         // default three AZs of the region
	Tasks        int              // tasks placed first (default 2000)
	Churn        int              // then this many stop-one/start-one pairs (default Tasks)
	Mix          []Shape          // default DefaultMix
	Chains       []Chain          // default DefaultChains
	Seed         uint64
	// Reference uses the plain reference engine instead of the index.
	Reference bool
	// Samples is how many points InstancesOverTime has (default 100).
	Samples int
}

// DefaultMix is a web-ish mix of task sizes.
func DefaultMix() []Shape {
	return []Shape{
		{CPU: 256, Memory: 512, Weight: 4}, {CPU: 512, Memory: 1024, Weight: 4},
		{CPU: 1024, Memory: 2048, Weight: 2}, {CPU: 512, Memory: 3072, Weight: 1},
		{CPU: 2048, Memory: 4096, Weight: 1},
	}
}

// DefaultChains are the chains ECS users commonly choose.
func DefaultChains() []Chain {
	az := placement.StrategySpec{Type: "spread", Field: "attribute:ecs.availability-zone"}
	return []Chain{
		{"binpack(memory)", []placement.StrategySpec{{Type: "binpack", Field: "memory"}}},
		{"binpack(cpu)", []placement.StrategySpec{{Type: "binpack", Field: "cpu"}}},
		{"spread(az),binpack(memory)", []placement.StrategySpec{az, {Type: "binpack", Field: "memory"}}},
		{"spread(az),spread(instance)", []placement.StrategySpec{az, {Type: "spread", Field: "instanceId"}}},
		{"spread(instance)", []placement.StrategySpec{{Type: "spread", Field: "instanceId"}}},
		{"random", []placement.StrategySpec{{Type: "random"}}},
	}
}

// Result is one chain's outcome.
type Result struct {
	Chain string
	// InstancesOverTime samples the fleet size evenly over the operations.
	InstancesOverTime []int
	FinalInstances    int
	MaxInstances      int
	// InstanceHoursPerHour is the mean fleet size over the operations.
	MeanInstances float64
	// StrandedCPU and StrandedMemory are the unreserved shares of the
	// registered capacity of the instances in use, averaged over samples.
	StrandedCPU, StrandedMemory float64
	// AZImbalance is max − min tasks per AZ at the end.
	AZImbalance int
	// Launches counts instances added because a task did not fit.
	Launches int
	// CostPerHour is the mean fleet's On-Demand cost.
	CostPerHour float64
	// Placements made, and the engine's wall time per placement (not
	// deterministic: leave it out of golden files).
	Placements     int
	NsPerPlacement float64
}

func (c *Config) defaults() error {
	if c.Catalog == nil {
		c.Catalog = catalog.Default()
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	if c.InstanceType == "" {
		c.InstanceType = "m6i.xlarge"
	}
	if len(c.AZs) == 0 {
		c.AZs = []string{c.Region + "a", c.Region + "b", c.Region + "c"}
	}
	if c.Tasks == 0 {
		c.Tasks = 2000
	}
	if c.Churn == 0 {
		c.Churn = c.Tasks
	}
	if len(c.Mix) == 0 {
		c.Mix = DefaultMix()
	}
	if len(c.Chains) == 0 {
		c.Chains = DefaultChains()
	}
	if c.Samples == 0 {
		c.Samples = 100
	}
	if c.Tasks < 0 || c.Churn < 0 || c.Samples < 1 {
		return errors.New("placebench: tasks, churn and samples must be positive")
	}
	return nil
}

// Run places the workload with every chain.
func Run(cfg Config) ([]Result, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	it, err := cfg.Catalog.Lookup(cfg.InstanceType)
	if err != nil {
		return nil, err
	}
	price, err := cfg.Catalog.Price(cfg.InstanceType, cfg.Region)
	if err != nil {
		return nil, err
	}
	reg, err := it.Register(0)
	if err != nil {
		return nil, err
	}
	total := 0.0
	for i, s := range cfg.Mix {
		if s.Weight <= 0 || s.CPU < 0 || s.Memory <= 0 {
			return nil, fmt.Errorf("placebench: mix[%d]: weight and memory must be positive", i)
		}
		if s.CPU > reg.CPU || s.Memory > reg.Memory {
			return nil, fmt.Errorf("placebench: mix[%d] (%d CPU, %d MiB) does not fit %s (%d, %d)", i, s.CPU, s.Memory, it.Name, reg.CPU, reg.Memory)
		}
		total += s.Weight
	}
	out := make([]Result, 0, len(cfg.Chains))
	for _, ch := range cfg.Chains {
		r, err := runChain(&cfg, ch, reg, float64(price.OnDemand), total)
		if err != nil {
			return nil, fmt.Errorf("placebench: chain %s: %w", ch.Name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// fleet is one chain's cluster.
type fleet struct {
	cfg     *Config
	eng     placement.Engine
	reg     catalog.Registration
	live    []bool // by instance ID
	azOf    []int
	tasksOn []int
	perAZ   []int // instances per AZ
	taskAZ  []int // tasks per AZ
	n       int
	tasks   []placed
	res     Result
	elapsed time.Duration
}

type placed struct {
	id    placement.TaskID
	inst  placement.InstanceID
	shape int
}

func runChain(cfg *Config, ch Chain, reg catalog.Registration, price, weights float64) (Result, error) {
	pol, err := placement.NewPolicy(placement.PolicySpec{Strategies: ch.Strategies, Service: true})
	if err != nil {
		return Result{}, err
	}
	// Both engines draw their tie-break seed from the same stream.
	engRNG := rand.New(rand.NewPCG(cfg.Seed, 1))
	var eng placement.Engine
	if cfg.Reference {
		eng = placement.NewReference(placement.Config{}, engRNG)
	} else {
		eng = placement.NewIndex(placement.Config{}, engRNG)
	}
	f := &fleet{cfg: cfg, eng: eng, reg: reg, perAZ: make([]int, len(cfg.AZs)), taskAZ: make([]int, len(cfg.AZs)), res: Result{Chain: ch.Name}}
	work := rand.New(rand.NewPCG(cfg.Seed, 2)) // the same workload for every chain
	reqs := make([]placement.Request, len(cfg.Mix))
	for i, s := range cfg.Mix {
		reqs[i] = placement.Request{Group: "service:bench", Policy: pol,
			Resources: placement.Resources{CPU: placement.CPUUnits(s.CPU), Memory: placement.MiB(s.Memory)}}
	}
	ops := cfg.Tasks + cfg.Churn
	every := max(ops/cfg.Samples, 1)
	var strandC, strandM float64
	samples := 0
	for op := range ops {
		if op >= cfg.Tasks && len(f.tasks) > 0 {
			if err := f.stopRandom(work); err != nil {
				return Result{}, err
			}
		}
		k := pickShape(work, cfg.Mix, weights)
		if err := f.place(&reqs[k], k); err != nil {
			return Result{}, err
		}
		if op%every == every-1 {
			sc, sm := f.stranded()
			strandC += sc
			strandM += sm
			samples++
			f.res.InstancesOverTime = append(f.res.InstancesOverTime, f.n)
			f.res.MeanInstances += float64(f.n)
		}
	}
	r := f.res
	r.FinalInstances = f.n
	if samples > 0 {
		r.StrandedCPU, r.StrandedMemory = strandC/float64(samples), strandM/float64(samples)
		r.MeanInstances /= float64(samples)
	}
	r.CostPerHour = r.MeanInstances * price
	lo, hi := f.taskAZ[0], f.taskAZ[0]
	for _, n := range f.taskAZ {
		lo, hi = min(lo, n), max(hi, n)
	}
	r.AZImbalance = hi - lo
	if r.Placements > 0 {
		r.NsPerPlacement = float64(f.elapsed.Nanoseconds()) / float64(r.Placements)
	}
	return r, nil
}
