package placebench

import (
	"reflect"
	"testing"
)

func TestBinpackBeatsSpread(t *testing.T) {
	res, err := Run(Config{Tasks: 600, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Result{}
	for _, r := range res {
		by[r.Chain] = r
		t.Logf("%-28s mean %.1f final %d max %d stranded cpu %.2f mem %.2f az±%d $%.2f/h %.0f ns/placement",
			r.Chain, r.MeanInstances, r.FinalInstances, r.MaxInstances, r.StrandedCPU, r.StrandedMemory, r.AZImbalance, r.CostPerHour, r.NsPerPlacement)
	}
	if b, s := by["binpack(memory)"], by["spread(instance)"]; b.MeanInstances >= s.MeanInstances {
		t.Errorf("binpack mean fleet %.1f ≥ spread %.1f", b.MeanInstances, s.MeanInstances)
	}
	if a := by["spread(az),spread(instance)"]; a.AZImbalance > 1 {
		t.Errorf("AZ spread left an imbalance of %d tasks", a.AZImbalance)
	}
}

func TestDeterministicAndEnginesAgree(t *testing.T) {
	strip := func(rs []Result) []Result {
		for i := range rs {
			rs[i].NsPerPlacement = 0
		}
		return rs
	}
	a, err := Run(Config{Tasks: 300, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run(Config{Tasks: 300, Seed: 7})
	c, err := Run(Config{Tasks: 300, Seed: 7, Reference: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(strip(a), strip(b)) {
		t.Fatal("two runs differ")
	}
	c = strip(c)
	for i := range a {
		if !reflect.DeepEqual(a[i], c[i]) {
			t.Errorf("chain %s: index and reference engines disagree:\nindex     %+v\nreference %+v", a[i].Chain, a[i], c[i])
		}
	}
}

func TestBadConfig(t *testing.T) {
	if _, err := Run(Config{InstanceType: "m6i.nope"}); err == nil {
		t.Error("unknown instance type accepted")
	}
	if _, err := Run(Config{Mix: []Shape{{CPU: 99999, Memory: 512, Weight: 1}}}); err == nil {
		t.Error("a task larger than the instance accepted")
	}
}
