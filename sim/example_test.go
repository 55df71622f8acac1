package sim_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// launcher is a model component: one long-lived handler for every
// "instance registered" event, keyed by instance ID.
type launcher struct {
	e *sim.Engine
}

func (l *launcher) Handle(now sim.Time, instanceID int64) {
	fmt.Printf("%v: instance %d registered\n", now, instanceID)
}

func Example() {
	e := sim.New(sim.Config{
		Start: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		Seed:  42,
	})
	l := &launcher{e: e}
	latency := e.Stream("asg/web/launch-latency") // same draws for the same seed and name
	for id := int64(1); id <= 2; id++ {
		d := 45*time.Second + time.Duration(latency.IntN(30))*time.Second
		e.After(d, l, id)
	}
	var tick sim.HandlerFunc = func(now sim.Time, _ int64) {
		fmt.Printf("%v: metrics tick at %s\n", now, e.WallClock(now).Format("15:04:05"))
	}
	e.Every(sim.Time(time.Minute), time.Minute, tick, 0)

	if err := e.Run(context.Background(), sim.Time(2*time.Minute)); err != nil {
		fmt.Println(err)
	}
	fmt.Println("events fired:", e.Fired())
	// Output:
	// 1m0s: metrics tick at 09:01:00
	// 1m11s: instance 2 registered
	// 1m12s: instance 1 registered
	// 2m0s: metrics tick at 09:02:00
	// events fired: 4
}
