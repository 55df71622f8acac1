package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// fargateTableGB is the Fargate size table of reference §2.1 written out by
// hand, memory in GB (1 GB = 1024 MiB), independently of the data file.
var fargateTableGB = map[CPUUnits][]float64{
	256:   {0.5, 1, 2},
	512:   {1, 2, 3, 4},
	1024:  {2, 3, 4, 5, 6, 7, 8},
	2048:  {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
	4096:  {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30},
	8192:  {16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60},
	16384: {32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120},
}

// windowsCPUs are the CPU values Windows accepts (≥ 1 vCPU, no 8/16 vCPU).
var windowsCPUs = []CPUUnits{1024, 2048, 4096}

func validPairs(os OS) map[[2]int64]bool {
	valid := make(map[[2]int64]bool)
	for cpu, gbs := range fargateTableGB {
		if os == OSWindows && !slices.Contains(windowsCPUs, cpu) {
			continue
		}
		for _, gb := range gbs {
			valid[[2]int64{int64(cpu), int64(gb * 1024)}] = true
		}
	}
	return valid
}

func TestValidateFargateSizeEveryValidPair(t *testing.T) {
	c := Default()
	total := 0
	for _, os := range []OS{OSLinux, OSWindows} {
		for pair := range validPairs(os) {
			total++
			cpu, mem := CPUUnits(pair[0]), MiB(pair[1])
			t.Run(fmt.Sprintf("%s/cpu=%d/mem=%d", os, cpu, mem), func(t *testing.T) {
				if err := c.ValidateFargateSizeFor(os, cpu, mem); err != nil {
					t.Fatalf("valid size rejected: %v", err)
				}
			})
		}
	}
	// 74 Linux pairs (3+4+7+13+23+12+12) and 43 Windows pairs (7+13+23).
	if total != 74+43 {
		t.Fatalf("enumerated %d valid pairs, want 117", total)
	}
}

// TestValidateFargateSizeGrid checks every cpu in a grid against every
// memory value in 512 MiB steps up to 128 GiB: exactly the table's pairs pass.
func TestValidateFargateSizeGrid(t *testing.T) {
	c := Default()
	cpus := []CPUUnits{0, 128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 32768}
	for _, os := range []OS{OSLinux, OSWindows} {
		valid := validPairs(os)
		for _, cpu := range cpus {
			for mem := MiB(0); mem <= 128*1024; mem += 512 {
				err := c.ValidateFargateSizeFor(os, cpu, mem)
				want := valid[[2]int64{int64(cpu), int64(mem)}]
				if (err == nil) != want {
					t.Errorf("%s cpu=%d mem=%d: err=%v, want valid=%v", os, cpu, mem, err, want)
				}
			}
		}
	}
}

func TestValidateFargateSizeErrors(t *testing.T) {
	c := Default()
	tests := []struct {
		name      string
		os        OS
		cpu       CPUUnits
		mem       MiB
		wantCPU   []CPUUnits
		wantMem   []MiB
		inMessage string
	}{
		{"memory between steps", OSLinux, 1024, 1536, nil,
			[]MiB{2048, 3072, 4096, 5120, 6144, 7168, 8192}, "valid memory (MiB) for cpu 1024: 2048, 3072"},
		{"too much memory for 0.25 vCPU", OSLinux, 256, 4096, nil,
			[]MiB{512, 1024, 2048}, "512, 1024, 2048"},
		{"8 vCPU off the 4 GB grid", OSLinux, 8192, 18432, nil,
			[]MiB{16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440}, "16384, 20480"},
		{"16 vCPU off the 8 GB grid", OSLinux, 16384, 36864, nil, nil, "32768, 40960, 49152"},
		{"cpu not a size", OSLinux, 3072, 8192,
			[]CPUUnits{256, 512, 1024, 2048, 4096, 8192, 16384}, nil, "cpu 3072 is not a Fargate size"},
		{"Windows below 1 vCPU", OSWindows, 512, 1024,
			windowsCPUs, nil, "windows tasks need at least 1024 CPU units (1 vCPU)"},
		{"Windows 8 vCPU", OSWindows, 8192, 16384, windowsCPUs, nil, "not a Fargate size on windows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.ValidateFargateSizeFor(tt.os, tt.cpu, tt.mem)
			var se *InvalidFargateSizeError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *InvalidFargateSizeError", err)
			}
			if tt.wantCPU != nil && !slices.Equal(se.ValidCPU, tt.wantCPU) {
				t.Errorf("ValidCPU = %v, want %v", se.ValidCPU, tt.wantCPU)
			}
			if tt.wantMem != nil && !slices.Equal(se.ValidMemory, tt.wantMem) {
				t.Errorf("ValidMemory = %v, want %v", se.ValidMemory, tt.wantMem)
			}
			if !strings.Contains(err.Error(), tt.inMessage) {
				t.Errorf("message %q lacks %q", err, tt.inMessage)
			}
		})
	}
}

func TestValidateFargateSizeIsLinux(t *testing.T) {
	c := Default()
	if err := c.ValidateFargateSize(256, 512); err != nil {
		t.Fatalf("0.25 vCPU / 512 MiB is a Linux size: %v", err)
	}
	if err := c.ValidateFargateSizeFor("solaris", 1024, 2048); err == nil {
		t.Fatal("unknown OS accepted")
	}
}

func TestFargateSizesAreCopies(t *testing.T) {
	c := Default()
	sizes := c.FargateSizes(OSLinux)
	sizes[0].Memory[0] = 1
	sizes[0].OS[0] = OSWindows
	if err := c.ValidateFargateSize(256, 512); err != nil {
		t.Fatalf("mutating a returned size changed the catalogue: %v", err)
	}
}
