package cost

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/sim"
)

// cluster is a steady-state meter: instances running with reservations of
// many services, and Fargate tasks, as in a week-long world run.
type cluster struct {
	m         *Meter
	svcs      []ServiceID
	instances int
	tasks     int
	now       sim.Time
}

func newCluster(tb testing.TB, instances, services, tasks int) *cluster {
	c := &cluster{m: newMeter(tb, DefaultConfig()), instances: instances, tasks: tasks}
	for i := range services {
		c.svcs = append(c.svcs, c.m.Service("svc-"+strconv.Itoa(i)))
	}
	for i := range instances {
		in := m6i("asg-"+strconv.Itoa(i%2), Purchase(i%2))
		in.AZ = "us-east-1" + string(rune('a'+i%3))
		c.m.InstanceStarted(InstanceID(i), in, 0)
		c.m.Reserve(InstanceID(i), c.svcs[i%services], 256, 512, 0)
	}
	for i := range tasks {
		c.m.FargateStarted(TaskID(i), linuxTask("svc-"+strconv.Itoa(i%services), 512, 1024), 0)
	}
	return c
}

// op is one pre-drawn event, so the benchmark times the meter, not the RNG.
type op struct {
	kind uint8
	id   int
	svc  ServiceID
}

func drawOps(n, instances, tasks int, svcs []ServiceID) []op {
	r := rand.New(rand.NewPCG(1, 2))
	ops := make([]op, n)
	for i := range ops {
		ops[i] = op{kind: uint8(r.IntN(3)), id: r.IntN(min(instances, tasks)), svc: svcs[r.IntN(len(svcs))]}
	}
	return ops
}

// apply runs one event: a task placed and removed on an instance (Reserve
// then Release), or a Fargate task replaced (stop then start).
func (c *cluster) apply(o op) int {
	c.now += sim.Time(time.Second)
	switch o.kind {
	case 0, 1:
		c.m.Reserve(InstanceID(o.id), o.svc, 256, 512, c.now)
		c.m.Release(InstanceID(o.id), o.svc, 256, 512, c.now)
	default:
		c.m.FargateStopped(TaskID(o.id), c.now)
		c.m.FargateStarted(TaskID(o.id), linuxTask("svc-0", 512, 1024), c.now)
	}
	return 2
}

// BenchmarkEvents measures recording: Reserve/Release pairs and Fargate
// stop/start pairs on a cluster of 500 instances, 100 services and 1,000
// tasks.
func BenchmarkEvents(b *testing.B) {
	c := newCluster(b, 500, 100, 1000)
	ops := drawOps(1<<16, 500, 1000, c.svcs)
	for _, o := range ops { // warm: every (instance, service) list exists
		c.apply(o)
	}
	b.ReportAllocs()
	events, i := 0, 0
	for b.Loop() {
		events += c.apply(ops[i&(len(ops)-1)])
		i++
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkInstanceChurn measures instances started and stopped with a
// reservation each (the lifetime slab grows with the run).
func BenchmarkInstanceChurn(b *testing.B) {
	c := newCluster(b, 500, 100, 0)
	b.ReportAllocs()
	events, i := 0, 0
	for b.Loop() {
		id := InstanceID(i % 500)
		c.now += sim.Time(time.Second)
		c.m.InstanceStopped(id, c.now)
		c.m.InstanceStarted(id, m6i("asg-0", OnDemand), c.now)
		c.m.Reserve(id, c.svcs[i%100], 256, 512, c.now)
		events += 3
		i++
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkAccruedUSD measures the once-a-minute cumulative-cost probe.
func BenchmarkAccruedUSD(b *testing.B) {
	c := newCluster(b, 500, 100, 1000)
	cat := catalog.Default()
	b.ReportAllocs()
	for b.Loop() {
		c.now += sim.Time(time.Minute)
		if _, err := c.m.AccruedUSD(c.now, cat, region); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFinish measures pricing a week-like history: 5,000 instance
// lifetimes with 4 services each and 1,000 running tasks.
func BenchmarkFinish(b *testing.B) {
	c := newCluster(b, 500, 100, 1000)
	for i := range 4500 {
		id := InstanceID(i % 500)
		c.now += sim.Time(2 * time.Minute)
		c.m.InstanceStopped(id, c.now)
		c.m.InstanceStarted(id, m6i("asg-1", Spot), c.now)
		for k := range 4 {
			c.m.Reserve(id, c.svcs[(i+k*7)%100], 256, 512, c.now)
		}
	}
	cat := catalog.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.m.Finish(c.now, cat, region); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHotPathDoesNotAllocate(t *testing.T) {
	c := newCluster(t, 50, 10, 50)
	ops := drawOps(4096, 50, 50, c.svcs)
	for _, o := range ops {
		c.apply(o)
	}
	cat := catalog.Default()
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		c.apply(ops[i%len(ops)])
		i++
		if _, err := c.m.AccruedUSD(c.now, cat, region); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("Reserve/Release/FargateStopped/FargateStarted/AccruedUSD allocate %v times per event pair", allocs)
	}
}
