package units

import (
	"errors"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{"90s", 90 * time.Second, false},
		{"15m", 15 * time.Minute, false},
		{"7d", 7 * Day, false},
		{"1d12h", 36 * time.Hour, false},
		{"1.5h", 90 * time.Minute, false},
		{"2w", 14 * Day, false},
		{"500ms", 500 * time.Millisecond, false},
		{"0", 0, false},
		{" 10s ", 10 * time.Second, false},
		{"-5m", -5 * time.Minute, false},
		{"10", 0, true},
		{"s", 0, true},
		{"5 minutes", 0, true},
		{"", 0, true},
		{"-", 0, true},
		{"1..2s", 0, true},
		{"99999999999999d", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if tc.bad {
				if err == nil {
					t.Fatalf("ParseDuration(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestFormatDurationRoundTrip(t *testing.T) {
	for _, d := range []time.Duration{0, time.Second, 90 * time.Second, 15 * time.Minute, time.Hour, 36 * time.Hour,
		7 * Day, 30 * Day, 1500 * time.Millisecond, Day + time.Second, -2 * time.Hour} {
		s := FormatDuration(d)
		back, err := ParseDuration(s)
		if err != nil || back != d {
			t.Errorf("FormatDuration(%v) = %q, parses back to %v, %v", d, s, back, err)
		}
	}
	if got := FormatDuration(7 * Day); got != "7d" {
		t.Errorf("FormatDuration(7d) = %q", got)
	}
	if got := FormatDuration(90 * time.Minute); got != "1h30m" {
		t.Errorf("FormatDuration(90m) = %q", got)
	}
}

func TestParseMemory(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  error
	}{
		{"512", 512, nil}, {"512 MiB", 512, nil}, {"2 GiB", 2048, nil}, {"2 GB", 2048, nil},
		{"2gb", 2048, nil}, {"0.5 GiB", 512, nil}, {"1.5GB", 1536, nil},
		{"2 TB", 0, ErrMemorySyntax}, {"lots", 0, ErrMemorySyntax}, {"", 0, ErrMemorySyntax},
	}
	for _, tc := range tests {
		got, err := ParseMemoryMiB(tc.in)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("ParseMemoryMiB(%q) error %v, want %v", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseMemoryMiB(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"-1", "0.3 MiB", "1e9 GiB"} {
		if _, err := ParseMemoryMiB(bad); err == nil {
			t.Errorf("ParseMemoryMiB(%q) succeeded", bad)
		}
	}
}

func TestParseCPU(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"256", 256, false}, {"0.25 vCPU", 256, false}, {"1 vcpu", 1024, false}, {"2 vCPUs", 2048, false},
		{"4vCPU", 4096, false}, {"0.1 vCPU", 0, true}, {"1 core", 0, true}, {"-2", 0, true},
	}
	for _, tc := range tests {
		got, err := ParseCPUUnits(tc.in)
		if tc.bad != (err != nil) || got != tc.want {
			t.Errorf("ParseCPUUnits(%q) = %d, %v; want %d (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

func TestFormatSizes(t *testing.T) {
	if got := FormatMemory(2048); got != "2 GiB" {
		t.Errorf("FormatMemory(2048) = %q", got)
	}
	if got := FormatMemory(500); got != "500 MiB" {
		t.Errorf("FormatMemory(500) = %q", got)
	}
	if got := FormatCPU(256); got != "0.25 vCPU" {
		t.Errorf("FormatCPU(256) = %q", got)
	}
	if got := FormatCPU(10); got != "10" {
		t.Errorf("FormatCPU(10) = %q", got)
	}
	for _, u := range []int64{0, 10, 256, 512, 1024, 1536, 4096, 100} {
		back, err := ParseCPUUnits(FormatCPU(u))
		if err != nil || back != u {
			t.Errorf("CPU %d round trip: %d, %v", u, back, err)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"90s", "7d", "1d12h", "0", "1.5h", "-3m", "500ms"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		back, err := ParseDuration(FormatDuration(d))
		if err != nil || back != d {
			t.Fatalf("%q → %v → %q → %v, %v", s, d, FormatDuration(d), back, err)
		}
	})
}

func FuzzParseSizes(f *testing.F) {
	for _, s := range []string{"512", "2 GiB", "1 vcpu", "0.25 vCPU", "2 gb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, err := ParseMemoryMiB(s); err == nil {
			if back, err := ParseMemoryMiB(FormatMemory(m)); err != nil || back != m {
				t.Fatalf("memory %q → %d → %q → %d, %v", s, m, FormatMemory(m), back, err)
			}
		}
		if c, err := ParseCPUUnits(s); err == nil {
			if back, err := ParseCPUUnits(FormatCPU(c)); err != nil || back != c {
				t.Fatalf("cpu %q → %d → %q → %d, %v", s, c, FormatCPU(c), back, err)
			}
		}
	})
}
