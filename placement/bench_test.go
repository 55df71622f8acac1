package placement

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchChain is a strategy chain of the benchmark matrix.
type benchChain struct {
	name string
	spec PolicySpec
}

var benchChains = []benchChain{
	{"binpack-memory", PolicySpec{Strategies: chain("binpack:memory")}},
	{"spread-az-binpack-memory", PolicySpec{Strategies: chain("spread:attribute:ecs.availability-zone", "binpack:memory")}},
	{"spread-instance", PolicySpec{Strategies: chain("spread:instanceId")}},
	{"random", PolicySpec{Strategies: chain("random")}},
	// The constraint excludes the canary m5.xlarge instances (1/12 of the
	// instances, about 5% of CPU and memory): every placement must pass it,
	// and a steady state without failures exists at 70% load.
	{"memberof-binpack-cpu", PolicySpec{Strategies: chain("binpack:cpu"), Constraints: []ConstraintSpec{{Type: "memberOf",
		Expression: "not(attribute:ecs.instance-type == m5.xlarge and attribute:stage == canary)"}}}},
	{"spread-az-instance", PolicySpec{Service: true}}, // the service default
}

// benchTypes are the instance types of benchmark clusters (registered values).
var benchTypes = []struct {
	name string
	res  Resources
}{
	{"m5.xlarge", Resources{CPU: 4096, Memory: 15_577, ENI: 3}},
	{"m5.2xlarge", Resources{CPU: 8192, Memory: 31_366, ENI: 3}},
	{"c5.2xlarge", Resources{CPU: 8192, Memory: 15_577, ENI: 3}},
	{"r5.xlarge", Resources{CPU: 4096, Memory: 31_366, ENI: 3}},
}

// benchSizes are the task sizes of the benchmark services.
var benchSizes = []Resources{
	{CPU: 256, Memory: 1024}, {CPU: 512, Memory: 2048}, {CPU: 1024, Memory: 4096},
	{CPU: 256, Memory: 768}, {CPU: 512, Memory: 1536}, {CPU: 1024, Memory: 3072},
}

const benchServices = 50

// benchCluster is an engine holding a cluster about 70% full (by memory).
type benchCluster struct {
	e    Engine
	rng  *rand.Rand
	live []TaskID
	reqs []*Request
	n    int
}

func newEngine(kind string, seed uint64) Engine {
	if kind == "reference" {
		return NewReference(Config{}, rand.New(rand.NewPCG(seed, 1)))
	}
	return NewIndex(Config{}, rand.New(rand.NewPCG(seed, 1)))
}

// newBenchCluster registers n instances over three AZs and fills them to
// 70% of their memory with tasks of benchServices services, placed on
// random instances with PlaceOn (the same state for every engine).
func newBenchCluster(b *testing.B, kind string, n int, spec PolicySpec) *benchCluster {
	b.Helper()
	c := &benchCluster{e: newEngine(kind, 1), rng: rand.New(rand.NewPCG(uint64(n), 2)), n: n}
	var total, used int64
	for i := range n {
		typ := benchTypes[i%len(benchTypes)]
		attrs := []Attribute{{AttrAvailabilityZone, fmt.Sprintf("us-east-1%c", 'a'+i%3)},
			{AttrInstanceType, typ.name}, {AttrCPUArchitecture, "x86_64"},
			{"stage", []string{"prod", "prod", "canary"}[i%3]}}
		if err := c.e.AddInstance(InstanceID(i), InstanceSpec{Capacity: typ.res, Attributes: attrs}); err != nil {
			b.Fatal(err)
		}
		total += int64(typ.res.Memory)
	}
	pol, err := NewPolicy(spec)
	if err != nil {
		b.Fatal(err)
	}
	fill := mustPolicy(b, PolicySpec{})
	for s := range benchServices {
		c.reqs = append(c.reqs, &Request{Group: fmt.Sprintf("service:s%02d", s), Resources: benchSizes[s%len(benchSizes)], Policy: pol})
	}
	for misses := 0; used < total*7/10 && misses < 1000; {
		r := *c.reqs[c.rng.IntN(benchServices)]
		r.Policy = fill
		t, f, err := c.e.PlaceOn(InstanceID(c.rng.IntN(n)), &r)
		if err != nil {
			b.Fatal(err)
		}
		if f.Failed() {
			misses++
			continue
		}
		misses = 0
		c.live = append(c.live, t)
		used += int64(r.Resources.Memory)
	}
	return c
}

// step places one task of a random service, then removes a random task, so
// the cluster stays about 70% full. It reports whether the placement failed.
func (c *benchCluster) step(b *testing.B, dst []Placement) ([]Placement, bool) {
	req := c.reqs[c.rng.IntN(len(c.reqs))]
	ps, f, err := c.e.Place(dst[:0], req, 1)
	if err != nil {
		b.Fatal(err)
	}
	if len(ps) == 1 {
		c.live = append(c.live, ps[0].Task)
	}
	i := c.rng.IntN(len(c.live))
	if err := c.e.RemoveTask(c.live[i]); err != nil {
		b.Fatal(err)
	}
	c.live[i] = c.live[len(c.live)-1]
	c.live = c.live[:len(c.live)-1]
	return ps, f.Failed()
}

// report adds the instances in use and the memory and CPU utilisation as metrics.
func (c *benchCluster) report(b *testing.B, failures int) {
	used := 0
	var capacity, remaining Resources
	for id := range c.n {
		info, _ := c.e.Instance(InstanceID(id))
		if info.Tasks > 0 {
			used++
		}
		capacity, remaining = capacity.Add(info.Capacity), remaining.Add(info.Remaining)
	}
	b.ReportMetric(float64(used), "instances-used")
	b.ReportMetric(100*float64(capacity.Memory-remaining.Memory)/float64(capacity.Memory), "mem-%")
	b.ReportMetric(100*float64(capacity.CPU-remaining.CPU)/float64(capacity.CPU), "cpu-%")
	b.ReportMetric(float64(failures)/float64(b.N), "failures/op")
}

// BenchmarkPlace measures one placement plus one task removal in steady
// state on a cluster about 70% full.
func BenchmarkPlace(b *testing.B) {
	for _, kind := range []string{"index", "reference"} {
		for _, ch := range benchChains {
			for _, n := range []int{100, 1000, 10000, 50000} {
				if kind == "reference" && n > 10000 {
					continue
				}
				b.Run(fmt.Sprintf("%s/%s/n=%d", kind, ch.name, n), func(b *testing.B) {
					c := newBenchCluster(b, kind, n, ch.spec)
					dst := make([]Placement, 0, 1)
					warm := 5000 // warm up plans, views, scratch space and slice capacities
					if kind == "reference" {
						warm = 50
					}
					for range warm {
						dst, _ = c.step(b, dst)
					}
					failures := 0
					b.ReportAllocs()
					for b.Loop() {
						var failed bool
						if dst, failed = c.step(b, dst); failed {
							failures++
						}
					}
					c.report(b, failures)
				})
			}
		}
	}
}

// BenchmarkScaleIn measures the scale-in of one task: choosing the task of
// a random service to stop (ScaleIn) and removing it. The replacements
// that keep the cluster 70% full are placed outside the timer, every
// scaleInBatch tasks, so the cluster drifts by at most that many tasks.
func BenchmarkScaleIn(b *testing.B) { benchScaleIn(b, false) }

// BenchmarkScaleInReplace measures a scale-in plus the placement of its
// replacement, one after the other: the steady churn of a service.
func BenchmarkScaleInReplace(b *testing.B) { benchScaleIn(b, true) }

const scaleInBatch = 64

func benchScaleIn(b *testing.B, replaceEach bool) {
	for _, ch := range benchChains {
		b.Run(fmt.Sprintf("index/%s/n=10000", ch.name), func(b *testing.B) {
			c := newBenchCluster(b, "index", 10000, ch.spec)
			sreqs := make([]*ScaleInRequest, len(c.reqs))
			for i, r := range c.reqs {
				sreqs[i] = &ScaleInRequest{Group: r.Group, Policy: r.Policy}
			}
			victims := make([]TaskID, 0, 1)
			dst := make([]Placement, 0, 1)
			scaleIn := func() int {
				s := c.rng.IntN(len(sreqs))
				var err error
				if victims, err = c.e.ScaleIn(victims[:0], sreqs[s], 1); err != nil || len(victims) != 1 {
					b.Fatalf("ScaleIn: %v %v", victims, err)
				}
				if err := c.e.RemoveTask(victims[0]); err != nil {
					b.Fatal(err)
				}
				return s
			}
			replace := func(s int) {
				var err error
				if dst, _, err = c.e.Place(dst[:0], c.reqs[s], 1); err != nil {
					b.Fatal(err)
				}
			}
			for range 5000 {
				replace(scaleIn())
			}
			pending := make([]int, 0, scaleInBatch)
			b.ReportAllocs()
			for b.Loop() {
				s := scaleIn()
				if replaceEach {
					replace(s)
					continue
				}
				if pending = append(pending, s); len(pending) == scaleInBatch {
					b.StopTimer()
					for _, s := range pending {
						replace(s)
					}
					pending = pending[:0]
					b.StartTimer()
				}
			}
			c.report(b, 0)
		})
	}
}
