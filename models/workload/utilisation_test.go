package workload

import (
	"testing"
)

func TestTaskUsage(t *testing.T) {
	p := TaskProfile{CPU: 512, CapacityPerSecond: 100, IdleCPU: 10, MemoryReservation: 1024, MemoryHardLimit: 2048, BaseMemory: 256, MemoryPerRequestPerSecond: 4}
	tests := []struct {
		name       string
		ceiling    CPUCeiling
		served     float64
		burst      Percent
		cpu, mem   float64
		over       bool
		cpuUnitsOK float64
	}{
		{"idle", CappedAtReservation, 0, 0, 10, 25, false, 51.2},
		{"half", CappedAtReservation, 50, 0, 55, 44.53125, false, 281.6},
		{"full", CappedAtReservation, 100, 0, 100, 64.0625, false, 512},
		{"capped beyond capacity", CappedAtReservation, 300, 400, 100, 64.0625, false, 512},
		{"burst to 200 %", BurstToInstanceIdle, 210, 400, 199, 107.03125, false, 1018.88},
		{"burst ceiling", BurstToInstanceIdle, 1000, 400, 400, 100 * (256 + 4*100*390.0/90) / 1024, false, 2048},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := p
			q.Ceiling = tt.ceiling
			u := q.Usage(tt.served, tt.burst)
			approx(t, "CPU", float64(u.CPU), tt.cpu, 1e-12)
			approx(t, "Memory", float64(u.Memory), tt.mem, 1e-12)
			approx(t, "CPU units", u.CPUUnitsUsed, tt.cpuUnitsOK, 1e-12)
			if u.OverHardLimit != tt.over {
				t.Errorf("over %v", u.OverHardLimit)
			}
		})
	}
	approx(t, "MaxThroughput capped", p.MaxThroughput(400), 100, 1e-12)
	p.Ceiling = BurstToInstanceIdle
	approx(t, "MaxThroughput at 400 %", p.MaxThroughput(400), 100*390.0/90, 1e-12)
}

func TestServiceAverages(t *testing.T) {
	small := TaskProfile{CPU: 256, CapacityPerSecond: 10, MemoryReservation: 512}
	big := TaskProfile{CPU: 1024, CapacityPerSecond: 40, MemoryReservation: 2048}
	// A deployment: two old small tasks at 100 %, one new big task at 25 %.
	tasks := []TaskUsage{small.Usage(10, 0), small.Usage(10, 0), big.Usage(10, 0)}
	cpu, mem, ok := ServiceAverages(tasks)
	if !ok {
		t.Fatal("no datapoint with running tasks")
	}
	approx(t, "CPU", float64(cpu), 100*(256+256+256)/(256+256+1024.0), 1e-12)
	approx(t, "Memory", float64(mem), 0, 0)
	if _, _, ok := ServiceAverages(nil); ok {
		t.Error("ECS publishes no datapoint without running tasks")
	}
	// Same definition everywhere: the average is the per-task mean.
	same := []TaskUsage{small.Usage(2, 0), small.Usage(8, 0)}
	cpu, _, _ = ServiceAverages(same)
	approx(t, "CPU of equal tasks", float64(cpu), 50, 1e-12)
}

func TestCeilingNames(t *testing.T) {
	if CappedAtReservation.String() != "capped-at-reservation" || BurstToInstanceIdle.String() != "burst-to-instance-idle" || CPUCeiling(7).String() != "CPUCeiling(7)" {
		t.Error("CPUCeiling names")
	}
}
