package cost

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models/catalog"
)

func TestPricingErrors(t *testing.T) {
	tests := []struct {
		name   string
		region string
		setup  func(m *Meter)
		want   string // a part of the message
		target any    // an error type errors.As must find, or nil
	}{
		{"unknown region", "mars-north-1", func(*Meter) {}, "mars-north-1", new(*catalog.UnknownRegionError)},
		{"unknown type", region, func(m *Meter) {
			i := m6i("asg", OnDemand)
			i.Type = "m6i.lrage"
			m.InstanceStarted(0, i, 0)
		}, "m6i.lrage", new(*catalog.UnknownInstanceTypeError)},
		{"type not priced in region", "eu-west-1", func(m *Meter) {
			m.InstanceStarted(0, m6i("asg", OnDemand), 0)
		}, "m6i.large", new(*catalog.NoPriceError)},
		{"no EBS price in region", "eu-west-1", func(m *Meter) {
			m.cfg.RootVolumeGiB = 30
			i := m6i("asg", OnDemand)
			i.Type = "m6i.xlarge"
			m.InstanceStarted(0, i, 0)
		}, "30 GiB root volumes of asg", nil},
		{"windows spot", region, func(m *Meter) {
			f := linuxTask("a", 1024, 2048)
			f.Platform, f.Spot = catalog.WindowsX86_64, true
			m.FargateStarted(0, f, 0)
		}, "windows", new(*catalog.NoFargateRateError)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newMeter(t, noEBS())
			tc.setup(m)
			_, err := m.Finish(sec(60), euPriced(t), tc.region)
			if err == nil {
				t.Fatal("Finish succeeded, want an error")
			}
			if !strings.HasPrefix(err.Error(), "cost: ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want a cost: error naming %q", err, tc.want)
			}
			if tc.target != nil && !errors.As(err, tc.target) {
				t.Fatalf("error %q does not wrap %T", err, tc.target)
			}
			if _, err2 := m.AccruedUSD(sec(60), euPriced(t), tc.region); err2 == nil {
				t.Fatal("AccruedUSD succeeded, want an error")
			}
		})
	}
}

// euPriced is the default catalogue plus an eu-west-1 price for m6i.xlarge
// only, so that eu-west-1 has EC2 prices but no EBS price.
func euPriced(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default().Overlay("test", []byte(`[ec2]
prices = [{ instance = "m6i.xlarge", region = "eu-west-1", on_demand_usd_per_hour = 0.214, source = "S40-price", date = 2026-07-20 }]
`))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNilCatalogue(t *testing.T) {
	m := newMeter(t, noEBS())
	if _, err := m.Finish(0, nil, region); err == nil {
		t.Fatal("Finish with a nil catalogue succeeded")
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		cfg   func(*Config)
		field string
	}{
		{"negative EC2 minimum", func(c *Config) { c.EC2Minimum = -time.Second }, "EC2Minimum"},
		{"negative Fargate minimum", func(c *Config) { c.FargateMinimum = -1 }, "FargateMinimum"},
		{"negative volume", func(c *Config) { c.RootVolumeGiB = -1 }, "RootVolumeGiB"},
		{"negative provider volume", func(c *Config) { c.RootVolumeGiBByProvider = map[string]int{"x": -2} }, `RootVolumeGiBByProvider["x"]`},
		{"no volume type", func(c *Config) { c.RootVolumeType = "" }, "RootVolumeType"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.cfg(&cfg)
			_, err := New(cfg)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("New = %v, want a *FieldError on %s", err, tc.field)
			}
		})
	}
	cfg := DefaultConfig()
	cfg.RootVolumeGiB, cfg.RootVolumeType = 0, ""
	if _, err := New(cfg); err != nil {
		t.Fatalf("no volumes and no volume type: %v", err)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func(m *Meter)
	}{
		{"time backwards", func(m *Meter) { m.InstanceStarted(0, m6i("a", OnDemand), sec(5)); m.InstanceStopped(0, sec(4)) }},
		{"double start", func(m *Meter) {
			m.InstanceStarted(0, m6i("a", OnDemand), 0)
			m.InstanceStarted(0, m6i("a", OnDemand), 0)
		}},
		{"stop unknown", func(m *Meter) { m.InstanceStopped(3, 0) }},
		{"stop twice", func(m *Meter) {
			m.InstanceStarted(0, m6i("a", OnDemand), 0)
			m.InstanceStopped(0, 0)
			m.InstanceStopped(0, 0)
		}},
		{"interrupt on-demand", func(m *Meter) { m.InstanceStarted(0, m6i("a", OnDemand), 0); m.InstanceInterrupted(0, 0) }},
		{"no registered capacity", func(m *Meter) { i := m6i("a", OnDemand); i.RegisteredMiB = 0; m.InstanceStarted(0, i, 0) }},
		{"negative ID", func(m *Meter) { m.InstanceStarted(-1, m6i("a", OnDemand), 0) }},
		{"over-commit", func(m *Meter) {
			s := m.Service("s")
			m.InstanceStarted(0, m6i("a", OnDemand), 0)
			m.Reserve(0, s, 2000, 100, 0)
			m.Reserve(0, s, 49, 100, 0)
		}},
		{"release more than reserved", func(m *Meter) {
			s := m.Service("s")
			m.InstanceStarted(0, m6i("a", OnDemand), 0)
			m.Reserve(0, s, 100, 100, 0)
			m.Release(0, s, 100, 101, 0)
		}},
		{"negative reserve", func(m *Meter) {
			m.InstanceStarted(0, m6i("a", OnDemand), 0)
			m.Reserve(0, m.Service("s"), -1, 0, 0)
		}},
		{"unknown service", func(m *Meter) { m.InstanceStarted(0, m6i("a", OnDemand), 0); m.Reserve(0, 9, 1, 1, 0) }},
		{"reserve on stopped", func(m *Meter) { m.Reserve(0, m.Service("s"), 1, 1, 0) }},
		{"task twice", func(m *Meter) {
			m.FargateStarted(1, linuxTask("a", 256, 512), 0)
			m.FargateStarted(1, linuxTask("a", 256, 512), 0)
		}},
		{"task stop unknown", func(m *Meter) { m.FargateStopped(1, 0) }},
		{"task without size", func(m *Meter) { m.FargateStarted(1, linuxTask("a", 0, 512), 0) }},
		{"finish in the past", func(m *Meter) {
			m.InstanceStarted(0, m6i("a", OnDemand), sec(10))
			_, _ = m.Finish(sec(5), catalog.Default(), region)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "cost: ") {
					t.Fatalf("recovered %q, want a cost: panic", msg)
				}
			}()
			tc.f(newMeter(t, noEBS()))
		})
	}
}
