package placement

import (
	"slices"
	"strings"
	"testing"
)

// Table tests for the behaviour the ECS documentation describes, run on every
// engine.

func TestBinpackMemoryLeastRemaining(t *testing.T) {
	// "place tasks on the container instance with the least amount of
	// remaining memory but still enough to run the task" [S2].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(4096, 8000, "a"))
		mustAdd(t, e, 1, inst(4096, 3000, "b"))
		mustAdd(t, e, 2, inst(4096, 1000, "c")) // too small for 1500
		mustAdd(t, e, 3, inst(4096, 5000, "a"))
		req := &Request{Group: "family:web", Resources: Resources{CPU: 256, Memory: 1500},
			Policy: mustPolicy(t, PolicySpec{Strategies: chain("binpack:memory")})}
		ps, f := mustPlace(t, e, req, 3)
		if got, want := instancesOf(ps), []InstanceID{1, 1, 3}; f.Failed() || !slices.Equal(got, want) {
			t.Errorf("placed on %v (%v), want %v", got, f, want)
		}
	})
}

func TestBinpackCPUOneResourceOnly(t *testing.T) {
	// binpack looks at one resource: cpu packing ignores memory slack [S2].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(1024, 16000, "a"))
		mustAdd(t, e, 1, inst(2048, 1000, "a"))
		req := &Request{Group: "g", Resources: Resources{CPU: 512, Memory: 512},
			Policy: mustPolicy(t, PolicySpec{Strategies: chain("binpack:cpu")})}
		ps, _ := mustPlace(t, e, req, 1)
		if got := instancesOf(ps); !slices.Equal(got, []InstanceID{0}) {
			t.Errorf("placed on %v, want [0]", got)
		}
	})
}

func TestSpreadAZ(t *testing.T) {
	// spread over attribute:ecs.availability-zone places evenly over AZs [S2].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		for i, az := range []string{"a", "a", "b", "c"} {
			mustAdd(t, e, InstanceID(i), inst(4096, 8000, az))
		}
		req := &Request{Group: "service:web", Resources: Resources{CPU: 128, Memory: 256},
			Policy: mustPolicy(t, PolicySpec{Strategies: chain("spread:attribute:ecs.availability-zone")})}
		ps, _ := mustPlace(t, e, req, 6)
		perAZ := map[string]int{}
		for _, p := range ps {
			perAZ[[]string{"a", "a", "b", "c"}[p.Instance]]++
		}
		if perAZ["a"] != 2 || perAZ["b"] != 2 || perAZ["c"] != 2 {
			t.Errorf("tasks per AZ = %v, want 2 each", perAZ)
		}
	})
}

func TestSpreadAZThenBinpackMemory(t *testing.T) {
	// "spread across AZs, then binpack memory within each AZ" [S2].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(4096, 8000, "a"))
		mustAdd(t, e, 1, inst(4096, 4000, "a"))
		mustAdd(t, e, 2, inst(4096, 8000, "b"))
		mustAdd(t, e, 3, inst(4096, 2000, "b"))
		req := &Request{Group: "service:api", Resources: Resources{CPU: 128, Memory: 1000},
			Policy: mustPolicy(t, PolicySpec{Strategies: chain("spread:attribute:ecs.availability-zone", "binpack:memory")})}
		ps, _ := mustPlace(t, e, req, 4)
		got := instancesOf(ps)
		// AZ a and b alternate; within each AZ the fullest instance fills first.
		counts := map[InstanceID]int{}
		for _, id := range got {
			counts[id]++
		}
		if counts[1] != 2 || counts[3] != 2 {
			t.Errorf("placed on %v, want two tasks on each of 1 and 3", got)
		}
	})
}

func TestDefaultServiceChainSpreadsAZThenInstance(t *testing.T) {
	// Services default to AZ balance, then fewest tasks per instance [S2][S6].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		azs := []string{"a", "a", "a", "b", "b", "b"}
		for i, az := range azs {
			mustAdd(t, e, InstanceID(i), inst(4096, 8000, az))
		}
		req := &Request{Group: "service:web", Resources: Resources{CPU: 128, Memory: 256},
			Policy: mustPolicy(t, PolicySpec{Service: true})}
		ps, _ := mustPlace(t, e, req, 6)
		seen := map[InstanceID]bool{}
		for _, p := range ps {
			seen[p.Instance] = true
		}
		if len(seen) != 6 {
			t.Errorf("6 tasks landed on %d instances, want one per instance", len(seen))
		}
		if got := mustPolicy(t, PolicySpec{Service: true}).String(); !strings.Contains(got, "spread(attribute:ecs.availability-zone), spread(instanceId)") {
			t.Errorf("service default chain = %s", got)
		}
		if got := mustPolicy(t, PolicySpec{}).String(); !strings.Contains(got, "strategies[random]") {
			t.Errorf("RunTask default chain = %s", got)
		}
	})
}

func TestDistinctInstance(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		for i := range 3 {
			mustAdd(t, e, InstanceID(i), inst(4096, 8000, "a"))
		}
		req := &Request{Group: "service:db", Resources: Resources{CPU: 128, Memory: 256},
			Policy: mustPolicy(t, PolicySpec{Strategies: chain("binpack:memory"), Constraints: []ConstraintSpec{{Type: "distinctInstance"}}})}
		ps, f := mustPlace(t, e, req, 4)
		if len(ps) != 3 || f.Unplaced != 1 || f.Reason != ReasonDistinctInstance || f.Counts[ReasonDistinctInstance] != 3 {
			t.Errorf("placed %v, failure %v; want 3 placed and DistinctInstance on 3 instances", instancesOf(ps), f)
		}
	})
}

func TestMemberOfInstanceType(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(4096, 8000, "us-east-1a", Attribute{AttrInstanceType, "t2.small"}))
		mustAdd(t, e, 1, inst(4096, 8000, "us-east-1d", Attribute{AttrInstanceType, "g2.2xlarge"}))
		mustAdd(t, e, 2, inst(4096, 8000, "us-east-1b", Attribute{AttrInstanceType, "g2.2xlarge"}))
		req := &Request{Group: "family:gpu", Resources: Resources{CPU: 128, Memory: 256},
			Policy: mustPolicy(t, PolicySpec{Constraints: []ConstraintSpec{{Type: "memberOf",
				Expression: "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d"}}})}
		ps, _ := mustPlace(t, e, req, 3)
		for _, p := range ps {
			if p.Instance != 2 {
				t.Errorf("placed on %d, want only instance 2", p.Instance)
			}
		}
		e.SetAttributes(2, []Attribute{{AttrAvailabilityZone, "us-east-1d"}})
		_, f := mustPlace(t, e, req, 1)
		if f.Reason != ReasonMemberOf || f.Counts[ReasonMemberOf] != 3 {
			t.Errorf("after attribute change: %v, want MemberOf on 3 instances", f)
		}
	})
}

func TestTaskGroupAffinityAndAntiAffinity(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		for i := range 4 {
			mustAdd(t, e, InstanceID(i), inst(4096, 8000, "a"))
		}
		placeOn(t, e, 2, "service:production", Resources{CPU: 128, Memory: 128}, 1)
		affinity := &Request{Group: "service:cache", Resources: Resources{CPU: 128, Memory: 128},
			Policy: mustPolicy(t, PolicySpec{Constraints: []ConstraintSpec{{Type: "memberOf", Expression: "task:group == service:production"}}})}
		ps, _ := mustPlace(t, e, affinity, 2)
		if got := instancesOf(ps); !slices.Equal(got, []InstanceID{2, 2}) {
			t.Errorf("affinity placed on %v, want [2 2]", got)
		}
		anti := &Request{Group: "service:batch", Resources: Resources{CPU: 128, Memory: 128},
			Policy: mustPolicy(t, PolicySpec{Constraints: []ConstraintSpec{{Type: "memberOf", Expression: "not(task:group == service:production)"}}})}
		ps, _ = mustPlace(t, e, anti, 6)
		for _, p := range ps {
			if p.Instance == 2 {
				t.Errorf("anti-affinity placed on instance 2")
			}
		}
	})
}

func TestStaticHostPortConflict(t *testing.T) {
	// bridge with a static hostPort: one task per instance per port [S8].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(4096, 8000, "a"))
		mustAdd(t, e, 1, inst(4096, 8000, "b"))
		web := &Request{Group: "service:web", Resources: Resources{CPU: 128, Memory: 128},
			Ports: []Port{{80, TCP}}, Policy: mustPolicy(t, PolicySpec{Strategies: chain("binpack:memory")})}
		ps, f := mustPlace(t, e, web, 3)
		if len(ps) != 2 || f.Reason != ReasonPortsTCP || f.Counts[ReasonPortsTCP] != 2 {
			t.Errorf("placed %d, failure %v; want 2 placed then RESOURCE:PORTS_TCP", len(ps), f)
		}
		udp := &Request{Group: "service:dns", Resources: Resources{CPU: 128, Memory: 128},
			Ports: []Port{{80, UDP}}, Policy: web.Policy}
		if ps, f := mustPlace(t, e, udp, 2); len(ps) != 2 {
			t.Errorf("udp/80 does not conflict with tcp/80: placed %d, %v", len(ps), f)
		}
		ssh := &Request{Group: "family:ssh", Resources: Resources{CPU: 128, Memory: 128},
			Ports: []Port{{22, TCP}}, Policy: web.Policy}
		if _, f := mustPlace(t, e, ssh, 1); f.Reason != ReasonPortsTCP {
			t.Errorf("port 22 is reserved by the agent: got %v", f)
		}
		dynamic := &Request{Group: "service:dyn", Resources: Resources{CPU: 128, Memory: 128}, Policy: web.Policy}
		if ps, _ := mustPlace(t, e, dynamic, 6); len(ps) != 6 {
			t.Errorf("dynamic host ports never conflict: placed %d of 6", len(ps))
		}
	})
}

func TestAWSVPCENILimit(t *testing.T) {
	// m5.large: 3 ENIs, so 2 awsvpc tasks without trunking, 10 with [S10].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		s := inst(2048, 7800, "a")
		s.Capacity.ENI = ENICapacity(3, 10, false)
		mustAdd(t, e, 0, s)
		s.Capacity.ENI = ENICapacity(3, 10, true)
		mustAdd(t, e, 1, s)
		req := &Request{Group: "service:vpc", Resources: Resources{CPU: 64, Memory: 128}, Network: NetworkAWSVPC,
			Policy: mustPolicy(t, PolicySpec{Strategies: chain("binpack:memory")})}
		ps, f := mustPlace(t, e, req, 13)
		if len(ps) != 12 || f.Reason != ReasonENI || f.Counts[ReasonENI] != 2 {
			t.Errorf("placed %d, failure %v; want 12 placed, then RESOURCE:ENI on both", len(ps), f)
		}
	})
}

func TestFailureReasonsAndClosest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(256, 8000, "a"))  // CPU short
		mustAdd(t, e, 1, inst(4096, 1000, "a")) // memory short
		mustAdd(t, e, 2, inst(4096, 8000, "a")) // draining
		mustAdd(t, e, 3, inst(4096, 1500, "a")) // memory short
		e.SetStatus(2, StatusDraining)
		req := &Request{Group: "family:x", Resources: Resources{CPU: 512, Memory: 2000}, Policy: mustPolicy(t, PolicySpec{})}
		ps, f := mustPlace(t, e, req, 2)
		want := Failure{Reason: ReasonMemory, Unplaced: 2, Closest: 1}
		want.Counts[ReasonCPU], want.Counts[ReasonMemory], want.Counts[ReasonDraining] = 1, 2, 1
		if len(ps) != 0 || f != want {
			t.Errorf("got %v, want %v", f, want)
		}
		if f.String() != "RESOURCE:MEMORY (2 unplaced; DRAINING 1, RESOURCE:CPU 1, RESOURCE:MEMORY 2; closest instance 1)" {
			t.Errorf("String() = %q", f.String())
		}
		e.SetStatus(0, StatusDraining)
		e.SetStatus(1, StatusDraining)
		e.SetAgentConnected(3, false)
		if _, f = mustPlace(t, e, req, 1); f.Reason != ReasonNoActiveInstances || f.Counts[ReasonAgent] != 1 {
			t.Errorf("no active instances: got %v", f)
		}
	})
}

func TestRequirementArchitecture(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(4096, 8000, "a", Attribute{AttrCPUArchitecture, "x86_64"}))
		mustAdd(t, e, 1, inst(1024, 1000, "a", Attribute{AttrCPUArchitecture, "arm64"}))
		req := &Request{Group: "family:arm", Resources: Resources{CPU: 512, Memory: 800},
			Policy: mustPolicy(t, PolicySpec{Requirements: []Requirement{{AttrCPUArchitecture, []string{"arm64"}}}})}
		ps, f := mustPlace(t, e, req, 2)
		if len(ps) != 1 || ps[0].Instance != 1 || f.Reason != ReasonMemory || f.Counts[ReasonAttribute] != 1 {
			t.Errorf("placed %v, %v; want one on instance 1 then RESOURCE:MEMORY with ATTRIBUTE 1", instancesOf(ps), f)
		}
	})
}

func TestDrainingAndStoppingTasks(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(1024, 1024, "a"))
		ts := placeOn(t, e, 0, "service:s", Resources{CPU: 512, Memory: 512}, 2)
		if err := e.StopTask(ts[0]); err != nil {
			t.Fatal(err)
		}
		info, _ := e.Instance(0)
		if info.Remaining.Memory != 0 || info.Running != 1 || info.Tasks != 2 {
			t.Errorf("a stopping task keeps its reservation: %+v", info)
		}
		if err := e.RemoveTask(ts[0]); err != nil {
			t.Fatal(err)
		}
		if info, _ = e.Instance(0); info.Remaining.Memory != 512 {
			t.Errorf("after RemoveTask remaining = %d MiB, want 512", info.Remaining.Memory)
		}
		if err := e.RemoveInstance(0); err == nil {
			t.Error("RemoveInstance with a task held succeeded")
		}
	})
}

func TestScaleInBinpackStopsFromEmptiestInstance(t *testing.T) {
	// binpack scale-in: stop the task on the instance left with the most
	// available resources after termination [S2].
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		for i := range 3 {
			mustAdd(t, e, InstanceID(i), inst(4096, 8000, "a"))
		}
		small := Resources{CPU: 128, Memory: 1000}
		placeOn(t, e, 0, "service:s", small, 3)
		placeOn(t, e, 1, "service:s", small, 1)
		placeOn(t, e, 1, "other", Resources{CPU: 128, Memory: 5000}, 1)
		placeOn(t, e, 2, "service:s", small, 2)
		req := &ScaleInRequest{Group: "service:s", Policy: mustPolicy(t, PolicySpec{Strategies: chain("binpack:memory")})}
		victims, err := e.ScaleIn(nil, req, 3)
		if err != nil {
			t.Fatal(err)
		}
		var on []InstanceID
		for _, v := range victims {
			ti, _ := e.Task(v)
			on = append(on, ti.Instance)
		}
		// Stopping tasks keep their memory until removed, so instance 2 (6000
		// MiB free after one stop) stays the emptiest after each choice.
		if !slices.Equal(on, []InstanceID{2, 2, 0}) {
			t.Errorf("victims on %v, want [2 2 0]", on)
		}
	})
}

func TestScaleInSpreadKeepsAZBalance(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		azs := []string{"a", "b", "c"}
		for i, az := range azs {
			mustAdd(t, e, InstanceID(i), inst(4096, 8000, az))
		}
		res := Resources{CPU: 128, Memory: 100}
		placeOn(t, e, 0, "service:s", res, 3)
		placeOn(t, e, 1, "service:s", res, 2)
		placeOn(t, e, 2, "service:s", res, 1)
		req := &ScaleInRequest{Group: "service:s", Policy: mustPolicy(t, PolicySpec{Service: true})}
		victims, _ := e.ScaleIn(nil, req, 3)
		perAZ := map[InstanceID]int{}
		for _, v := range victims {
			ti, _ := e.Task(v)
			perAZ[ti.Instance]++
		}
		if perAZ[0] != 2 || perAZ[1] != 1 {
			t.Errorf("victims per instance %v, want 2 from AZ a and 1 from AZ b", perAZ)
		}
	})
}

func TestScaleInPriorities(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(4096, 8000, "a"))
		mustAdd(t, e, 1, inst(4096, 8000, "b"))
		res := Resources{CPU: 128, Memory: 100}
		a := placeOn(t, e, 0, "service:s", res, 3)
		b := placeOn(t, e, 1, "service:s", res, 1)
		e.SetTaskPriority(b[0], PriorityStopFirst)
		e.SetTaskPriority(a[0], PriorityProtected)
		req := &ScaleInRequest{Group: "service:s", Policy: mustPolicy(t, PolicySpec{Service: true})}
		victims, _ := e.ScaleIn(nil, req, 4)
		if len(victims) != 3 || victims[0] != b[0] || slices.Contains(victims, a[0]) {
			t.Errorf("victims %v: want the stop-first task %d first, never the protected %d, 3 in all", victims, b[0], a[0])
		}
	})
}

func TestTaskLargerThanAnyInstanceIsAnError(t *testing.T) {
	forEachEngine(t, func(t *testing.T, newEngine func() Engine) {
		e := newEngine()
		mustAdd(t, e, 0, inst(2048, 4000, "a"))
		mustAdd(t, e, 1, inst(8192, 2000, "a"))
		req := &Request{Group: "family:big", Resources: Resources{CPU: 4096, Memory: 3000}, Policy: mustPolicy(t, PolicySpec{})}
		_, _, err := e.Place(nil, req, 1)
		if err == nil || !strings.Contains(err.Error(), "larger than any registered instance") {
			t.Errorf("err = %v, want 'larger than any registered instance'", err)
		}
		req.Resources.Memory = 5000
		_, _, err = e.Place(nil, req, 1)
		if err == nil || !strings.Contains(err.Error(), "memory 5000 MiB > largest 4000 MiB") {
			t.Errorf("err = %v, want the memory deficit", err)
		}
		empty := newEngine()
		if _, f, err := empty.Place(nil, req, 1); err != nil || f.Reason != ReasonNoActiveInstances {
			t.Errorf("empty cluster: %v %v, want NO ACTIVE INSTANCES failure", f, err)
		}
	})
}
