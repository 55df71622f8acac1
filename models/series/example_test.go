package series_test

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/models/series"
	"github.com/ecsim/ecsim/sim"
	"gonum.org/v1/plot/plotter"
)

// A plot reads a series directly; this checks the interface at compile time.
var _ plotter.XYer = (*series.Series)(nil)
var _ plotter.XYer = series.XYView{}

func Example() {
	minute := func(m float64) sim.Time { return sim.Time(m * float64(time.Minute)) }
	rec, err := series.New(series.Config{End: minute(4)})
	if err != nil {
		panic(err)
	}
	web := series.Label{Key: "service", Value: "web"}
	running := rec.Gauge("running_tasks", "tasks", series.Last, web)
	cpu := rec.Gauge("cpu_utilisation", "%", series.Mean, web)
	requests := rec.Counter("requests", "requests", web)

	running.Set(0, 2)
	cpu.Set(0, 40)
	cpu.Set(minute(0.5), 80) // 40 % for half a minute, then 80 %
	requests.Add(minute(0.2), 100)
	requests.Add(minute(1.7), 250)
	running.Add(minute(2.5), 1) // a third task starts
	cpu.Set(minute(2.5), 60)    // 80 % and 60 % share bucket 2

	for _, s := range rec.Close() {
		fmt.Printf("%-40v %v\n", s, s.Values)
	}
	// Output:
	// cpu_utilisation{service=web}             [60 80 70 60]
	// requests{service=web}                    [100 250 0 0]
	// running_tasks{service=web}               [2 2 3 3]
}
