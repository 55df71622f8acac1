package catalog

import (
	"errors"
	"slices"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the catalogue parser, both as a
// complete file and as an overlay on the embedded data. It must never panic;
// it either returns a *FileError or a catalogue whose invariants hold.
func FuzzParse(f *testing.F) {
	f.Add(EmbeddedData())
	f.Add([]byte(userFile))
	f.Add([]byte("[ec2]\nspot_factor = 0.5\n"))
	f.Add([]byte("[fargate]\nsizes = [{ cpu = 256, memory_mib = [512] , os = [\"linux\"] }]\n"))
	f.Add([]byte(`[ec2]
instances = [{ name = "a.b", arch = "arm64", vcpu = 1, memory_mib = 1, max_enis = 1, trunk_tasks = "unknown", source = "s" }]
prices = [{ instance = "a.b", region = "aa-bb-1", on_demand_usd_per_hour = 1e-300, source = "s", date = 2026-01-01 }]`))
	f.Add([]byte("instances = 3\n[[ec2.instances]]\nname = 1\n"))
	f.Add([]byte(`[ec2]
instances = [{ name = "a.b", arch = "arm64", vcpu = 9007199254740993, memory_mib = 1, max_enis = 1, trunk_tasks = 1, source = "s" }]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := Parse("fuzz.toml", data); err != nil {
			requireFileError(t, err)
		} else {
			checkInvariants(t, c)
		}
		if c, err := Default().Overlay("fuzz.toml", data); err != nil {
			requireFileError(t, err)
		} else {
			checkInvariants(t, c)
		}
	})
}

func requireFileError(t *testing.T, err error) {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *FileError", err, err)
	}
}

// checkInvariants verifies what every successfully built catalogue promises.
func checkInvariants(t *testing.T, c *Catalog) {
	t.Helper()
	types := c.InstanceTypes()
	for i, it := range types {
		if got, err := c.Lookup(it.Name); err != nil || got != it {
			t.Fatalf("Lookup(%q) = %+v, %v", it.Name, got, err)
		}
		if i > 0 && types[i-1].Family > it.Family {
			t.Fatalf("types not sorted by family: %s before %s", types[i-1].Name, it.Name)
		}
		if it.CPUUnits() <= 0 || it.Memory <= 0 || it.MaxENIs < 1 {
			t.Fatalf("invalid type survived validation: %+v", it)
		}
		_, _ = it.Register(0)
	}
	if !slices.IsSorted(c.Regions()) {
		t.Fatalf("regions not sorted: %v", c.Regions())
	}
	for _, region := range c.Regions() {
		for _, it := range types {
			p, err := c.Price(it.Name, region)
			var np *NoPriceError
			if err != nil && !errors.As(err, &np) {
				t.Fatalf("Price(%s, %s): %v", it.Name, region, err)
			}
			if err == nil && !(p.OnDemand > 0 && p.Spot > 0 && p.Spot <= p.OnDemand) {
				t.Fatalf("Price(%s, %s) = %+v", it.Name, region, p)
			}
		}
	}
	for _, os := range []OS{OSLinux, OSWindows} {
		for _, s := range c.FargateSizes(os) {
			if len(s.Memory) == 0 || !slices.IsSorted(s.Memory) {
				t.Fatalf("size row %+v", s)
			}
			if err := c.ValidateFargateSizeFor(os, s.CPU, s.Memory[0]); err != nil {
				t.Fatalf("listed size rejected: %v", err)
			}
		}
	}
}
