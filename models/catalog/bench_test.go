package catalog

import "testing"

// TestHotPathsDoNotAllocate pins the allocation policy stated in doc.go:
// the lookups a simulation makes per launch or per task are free.
func TestHotPathsDoNotAllocate(t *testing.T) {
	c := Default()
	checks := map[string]func(){
		"Lookup": func() { _, _ = c.Lookup("r6i.16xlarge") },
		"Price":  func() { _, _ = c.Price("m6i.large", "us-east-1") },
		"FargateRate": func() {
			_, _ = c.FargateRate("us-east-1", LinuxARM64, true)
		},
		"Register": func() {
			it, _ := c.Lookup("m6i.large")
			_, _ = it.Register(0)
		},
		"ValidateFargateSize": func() { _ = c.ValidateFargateSize(4096, 30720) },
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.Lookup("r6i.16xlarge")
	}
}

func BenchmarkPrice(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = c.Price("m6i.large", "us-east-1")
	}
}

func BenchmarkParseEmbedded(b *testing.B) {
	data := EmbeddedData()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}
