package cost

import (
	"reflect"
	"strings"
	"testing"
)

// mixedRun bills a small cluster: two instances (On-Demand and Spot, one
// with a root volume override), three services and Fargate tasks.
func mixedRun(t *testing.T) Report {
	t.Helper()
	cfg := DefaultConfig()
	cfg.RootVolumeGiBByProvider = map[string]int{"spot": 50}
	m := newMeter(t, cfg)
	web, api := m.Service("web"), m.Service("api")
	m.InstanceStarted(0, m6i("od", OnDemand), 0)
	m.InstanceStarted(1, m6i("spot", Spot), sec(30))
	m.Reserve(0, web, 1024, 2000, sec(40))
	m.Reserve(1, api, 512, 1000, sec(100))
	m.Reserve(0, api, 256, 500, sec(200))
	m.FargateStarted(0, linuxTask("worker", 512, 1024), sec(300))
	m.Release(0, web, 1024, 2000, sec(1800))
	spot := linuxTask("worker", 1024, 3072)
	spot.Spot, spot.Provider, spot.EphemeralGiB = true, "FARGATE_SPOT", 40
	m.FargateStarted(1, spot, sec(1900))
	m.InstanceInterrupted(1, sec(2000))
	m.FargateStopped(0, sec(2500))
	return finish(t, m, sec(3600))
}

func TestCheckCatchesBrokenSums(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(r *Report)
		want   string
	}{
		{"total", func(r *Report) { r.TotalUSD *= 1.001 }, "Σ lines"},
		{"a line", func(r *Report) { r.Lines[0].USD += 0.01 }, "×"},
		{"a kind", func(r *Report) { r.ByKind[EBS].USD += 0.001 }, "Σ by kind"},
		{"a provider", func(r *Report) { r.ByProvider[0].USD -= 0.001 }, "Σ by provider"},
		{"a service", func(r *Report) { r.ByService[0].EC2USD += 0.001 }, "EC2"},
		{"service total", func(r *Report) { r.ByService[0].USD += 0.001; r.ByService[0].EC2USD += 0.001 }, "Σ by service + unused"},
		{"unused", func(r *Report) { r.UnusedUSD += 0.001 }, "unused"},
		{"provider unused", func(r *Report) { r.ByProvider[1].UnusedUSD += 0.001 }, "Σ provider unused"},
		{"fargate split", func(r *Report) {
			for i := range r.ByService {
				if r.ByService[i].FargateUSD > 0 {
					r.ByService[i].FargateUSD -= 0.001
					r.ByService[i].EC2USD += 0.001
				}
			}
		}, "Σ Fargate lines"},
		{"negative", func(r *Report) { r.ByService[0].EC2USD, r.ByService[0].FargateUSD = -1, 1+r.ByService[0].FargateUSD }, "is -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mixedRun(t)
			if err := r.Check(); err != nil {
				t.Fatalf("unbroken report: %v", err)
			}
			tc.break_(&r)
			err := r.Check()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check = %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}

func TestMixedRunBreakdown(t *testing.T) {
	r := mixedRun(t)
	var names []string
	for _, s := range r.ByService {
		names = append(names, s.Service)
	}
	if strings.Join(names, ",") != "api,web,worker" {
		t.Fatalf("services %v", names)
	}
	var providers []string
	for _, p := range r.ByProvider {
		providers = append(providers, p.Provider)
	}
	if strings.Join(providers, ",") != "FARGATE,FARGATE_SPOT,od,spot" {
		t.Fatalf("providers %v", providers)
	}
	// The Spot instance was interrupted after 1970 s: not charged, but its
	// 50 GiB volume is; api's share of it is ½(512/2048 + 1000/8000) over
	// 1900 s.
	spotEBS := 50 * gp3 / gbMonthSecs
	assertUSD(t, "spot provider", r.ByProvider[3].USD, spotEBS*1970)
	assertUSD(t, "Spot kind", r.Kind(EC2Spot), 0)
	web, _ := r.Service("web")
	odPerSec := m6iLarge/hour + 30*gp3/gbMonthSecs
	assertUSD(t, "web", web.EC2USD, odPerSec*0.5*(0.5+0.25)*1760)
	api, _ := r.Service("api")
	assertUSD(t, "api", api.EC2USD, odPerSec*0.5*(0.125+0.0625)*3400+spotEBS*0.5*(0.25+0.125)*1900)
	worker, _ := r.Service("worker")
	assertUSD(t, "worker", worker.FargateUSD,
		(0.5*fgVCPU+fgGB)*2200/hour+(fgSpot*(fgVCPU+3*fgGB)+20*fgStorage)*1700/hour)
	for i := 1; i < len(r.Lines); i++ {
		a, b := r.Lines[i-1], r.Lines[i]
		if a.Kind > b.Kind || (a.Kind == b.Kind && a.Provider > b.Provider) {
			t.Fatalf("lines out of order: %+v before %+v", a, b)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := mixedRun(t), mixedRun(t)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("two equal runs differ:\n%+v\n%+v", a, b)
	}
}
