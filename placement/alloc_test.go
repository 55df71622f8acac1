package placement

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestIndexSteadyStateDoesNotAllocate places and removes tasks on a warmed-up
// cluster, for each benchmark chain, and requires no allocation per cycle.
func TestIndexSteadyStateDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, ch := range benchChains {
		t.Run(ch.name, func(t *testing.T) {
			e := NewIndex(Config{}, rand.New(rand.NewPCG(1, 2)))
			rng := rand.New(rand.NewPCG(3, 4))
			for i := range 300 {
				typ := benchTypes[i%len(benchTypes)]
				mustAdd(t, e, InstanceID(i), InstanceSpec{Capacity: typ.res, Attributes: []Attribute{
					{AttrAvailabilityZone, fmt.Sprintf("az-%d", i%3)}, {AttrInstanceType, typ.name}, {"stage", "canary"}}})
			}
			pol := mustPolicy(t, ch.spec)
			var live []TaskID
			dst := make([]Placement, 0, 1)
			victims := make([]TaskID, 0, 1)
			cycle := func() {
				s := rng.IntN(20)
				req := &Request{Group: groupNames[s], Resources: benchSizes[s%len(benchSizes)], Policy: pol}
				ps, _, err := e.Place(dst[:0], req, 1)
				if err != nil {
					t.Fatal(err)
				}
				if len(ps) == 1 {
					live = append(live, ps[0].Task)
				}
				if len(live) > 1500 {
					i := rng.IntN(len(live))
					e.RemoveTask(live[i])
					live[i] = live[len(live)-1]
					live = live[:len(live)-1]
				}
				if rng.IntN(4) == 0 {
					victims, _ = e.ScaleIn(victims[:0], &ScaleInRequest{Group: req.Group, Policy: pol}, 1)
				}
			}
			for range 20000 {
				cycle()
			}
			if n := testing.AllocsPerRun(2000, cycle); n != 0 {
				t.Errorf("%v allocations per place/remove/scale-in cycle, want 0", n)
			}
		})
	}
}

var groupNames = func() []string {
	var g []string
	for i := range 20 {
		g = append(g, fmt.Sprintf("service:s%02d", i))
	}
	return g
}()

// countTrace counts rejections.
type countTrace struct{ n int }

func (c *countTrace) Reject(InstanceID, Reason) { c.n++ }

func TestTraceOnlyOnFailure(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		for i := range 4 {
			mustAdd(t, e, InstanceID(i), inst(1024, 2048, "a"))
		}
		tr := &countTrace{}
		e.SetTrace(tr)
		req := &Request{Group: "g", Resources: Resources{CPU: 512, Memory: 1024}, Policy: mustPolicy(t, PolicySpec{})}
		if _, f := mustPlace(t, e, req, 8); f.Failed() || tr.n != 0 {
			t.Fatalf("8 tasks fit: failure %v, trace calls %d", f, tr.n)
		}
		_, f := mustPlace(t, e, req, 1)
		if !f.Failed() || tr.n != 4 || f.Counts[ReasonCPU] != 4 {
			t.Errorf("full cluster: failure %v, %d trace calls; want RESOURCE:CPU on 4 instances", f, tr.n)
		}
		e.SetTrace(nil)
	})
}
