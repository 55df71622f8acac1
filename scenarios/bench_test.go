package scenarios

import (
	"io/fs"
	"testing"
)

// BenchmarkLoad measures loading (decoding, checking every variant and
// sweep combination, and the simulator's own check) of examples.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"web-ec2-vs-fargate", "cpu-target-sweep", "large-cluster"} {
		data, err := fs.ReadFile(Examples(), name+".toml")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseFS(Examples(), name+".toml"); err != nil {
					b.Fatal(err)
				}
			}
			_ = data
		})
	}
}

// BenchmarkBuildRun measures building one run's config from a loaded
// scenario: what a sweep pays per run before simulating.
func BenchmarkBuildRun(b *testing.B) {
	for _, name := range []string{"web-ec2-vs-fargate", "large-cluster"} {
		s, err := Get(name)
		if err != nil {
			b.Fatal(err)
		}
		r := s.Runs()[0]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.BuildRun(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
