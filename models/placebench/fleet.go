package placebench

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ecsim/ecsim/placement"
)

// pickShape draws a shape index in proportion to the weights.
func pickShape(r *rand.Rand, mix []Shape, total float64) int {
	x := r.Float64() * total
	for i, s := range mix {
		if x < s.Weight {
			return i
		}
		x -= s.Weight
	}
	return len(mix) - 1
}

// place places one task, launching an instance when it fits nowhere.
func (f *fleet) place(req *placement.Request, shape int) error {
	for attempt := 0; attempt < 2; attempt++ {
		start := time.Now()
		got, fail, err := f.eng.Place(nil, req, 1)
		f.elapsed += time.Since(start)
		f.res.Placements++
		if err != nil {
			return err
		}
		if len(got) == 1 {
			p := got[0]
			f.tasks = append(f.tasks, placed{id: p.Task, inst: p.Instance, shape: shape})
			f.tasksOn[p.Instance]++
			f.taskAZ[f.azOf[p.Instance]]++
			return nil
		}
		if attempt == 0 {
			if err := f.launch(); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("a task does not fit a fresh instance: %v", fail)
	}
	return nil
}

// launch adds an instance in the AZ with the fewest instances.
func (f *fleet) launch() error {
	az := 0
	for i, n := range f.perAZ {
		if n < f.perAZ[az] {
			az = i
		}
	}
	id := -1
	for i, l := range f.live {
		if !l {
			id = i
			break
		}
	}
	if id < 0 {
		id = len(f.live)
		f.live = append(f.live, false)
		f.azOf = append(f.azOf, 0)
		f.tasksOn = append(f.tasksOn, 0)
	}
	spec := placement.InstanceSpec{
		EC2InstanceID: fmt.Sprintf("i-%08x", id),
		Capacity:      placement.Resources{CPU: placement.CPUUnits(f.reg.CPU), Memory: placement.MiB(f.reg.Memory)},
		Attributes: []placement.Attribute{
			{Name: placement.AttrAvailabilityZone, Value: f.cfg.AZs[az]},
			{Name: placement.AttrInstanceType, Value: f.cfg.InstanceType},
		},
	}
	if err := f.eng.AddInstance(placement.InstanceID(id), spec); err != nil {
		return err
	}
	f.live[id], f.azOf[id], f.tasksOn[id] = true, az, 0
	f.perAZ[az]++
	f.n++
	f.res.Launches++
	f.res.MaxInstances = max(f.res.MaxInstances, f.n)
	return nil
}

// stopRandom stops a uniformly chosen task and gives back its instance
// if that leaves it empty.
func (f *fleet) stopRandom(r *rand.Rand) error {
	i := r.IntN(len(f.tasks))
	t := f.tasks[i]
	f.tasks[i] = f.tasks[len(f.tasks)-1]
	f.tasks = f.tasks[:len(f.tasks)-1]
	if err := f.eng.RemoveTask(t.id); err != nil {
		return err
	}
	f.tasksOn[t.inst]--
	f.taskAZ[f.azOf[t.inst]]--
	if f.tasksOn[t.inst] == 0 {
		if err := f.eng.RemoveInstance(t.inst); err != nil {
			return err
		}
		f.live[t.inst] = false
		f.perAZ[f.azOf[t.inst]]--
		f.n--
	}
	return nil
}

// stranded returns the unreserved shares of CPU and memory on the
// instances in use.
func (f *fleet) stranded() (cpu, mem float64) {
	var freeC, freeM, regC, regM float64
	for id, l := range f.live {
		if !l {
			continue
		}
		info, ok := f.eng.Instance(placement.InstanceID(id))
		if !ok {
			continue
		}
		freeC += float64(info.Remaining.CPU)
		freeM += float64(info.Remaining.Memory)
		regC += float64(info.Capacity.CPU)
		regM += float64(info.Capacity.Memory)
	}
	if regC == 0 {
		return 0, 0
	}
	return freeC / regC, freeM / regM
}
