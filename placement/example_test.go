package placement_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/ecsim/ecsim/placement"
)

// Example places the tasks of a service with the documented "spread over
// availability zones, then binpack on memory" chain and scales it in.
func Example() {
	e := placement.NewIndex(placement.Config{}, rand.New(rand.NewPCG(1, 2)))
	for i, az := range []string{"us-east-1a", "us-east-1a", "us-east-1b"} {
		err := e.AddInstance(placement.InstanceID(i), placement.InstanceSpec{
			Capacity:   placement.Resources{CPU: 2048, Memory: 7985, ENI: 2},
			Attributes: []placement.Attribute{{Name: placement.AttrAvailabilityZone, Value: az}},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	size, err := placement.TaskReservation(placement.TaskSize{Containers: []placement.ContainerSize{
		{CPU: 256, Memory: 1024, MemoryReservation: 512}, {CPU: 256, MemoryReservation: 256},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	pol, err := placement.NewPolicy(placement.PolicySpec{Service: true, Strategies: []placement.StrategySpec{
		{Type: "spread", Field: "attribute:ecs.availability-zone"}, {Type: "binpack", Field: "memory"},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := &placement.Request{Group: "service:web", Resources: size, Policy: pol}
	placed, failure, err := e.Place(nil, req, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reserves", size)
	for _, p := range placed {
		fmt.Println("task", p.Task, "on instance", p.Instance)
	}
	fmt.Println(failure)

	victims, _ := e.ScaleIn(nil, &placement.ScaleInRequest{Group: "service:web", Policy: pol}, 1)
	t, _ := e.Task(victims[0])
	fmt.Println("stop task", t.ID, "on instance", t.Instance)
	// Output:
	// reserves cpu=512 mem=768MiB gpu=0 eni=0
	// task 0 on instance 1
	// task 1 on instance 2
	// task 2 on instance 1
	// task 3 on instance 2
	// placed
	// stop task 0 on instance 1
}
