package scenarios

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/models"
)

const minimal = `name = "minimal"
duration = "2h"

[providers.ec2]
instance_types = ["m6i.large"]
max_size = 4
desired_size = 1
managed_scaling = {}

[providers.FARGATE]

[task_definitions.web]
cpu = "0.5 vCPU"
memory = "1 GiB"

[services.web]
task_definition = "web"
capacity_provider_strategy = [{ capacity_provider = "ec2" }]
scaling = { min_capacity = 1, max_capacity = 4, target_tracking = [{ target_value = 50 }] }

[[variants]]
name = "ec2"

[[variants]]
name = "fargate"
overrides.services.web.capacity_provider_strategy = [{ capacity_provider = "FARGATE" }]

[sweep]
seeds = 2
parameters = [{ name = "n", path = "services.web.desired_count", values = [1, 3] }]
`

func mustParse(t *testing.T, doc string) *Scenario {
	t.Helper()
	s, err := Parse("test.toml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDefaultsFilled checks the defaults that models would otherwise take
// from zero values are set explicitly.
func TestDefaultsFilled(t *testing.T) {
	cfg, err := mustParse(t, minimal).Build("ec2")
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Providers[0]
	svc := cfg.Services[0]
	switch {
	case !p.ManagedDraining:
		t.Error("managed_draining should default to true")
	case p.RootVolumeGiB != 30 || p.LaunchLatency != models.LogNormal(45*time.Second, 90*time.Second):
		t.Errorf("provider defaults %+v", p)
	case p.ManagedScaling.TargetCapacity != 100 || *p.ManagedScaling.InstanceWarmupPeriod != 300*time.Second:
		t.Errorf("managed scaling defaults %+v", p.ManagedScaling)
	case *svc.Scaling.MetricPublishDelay != time.Minute:
		t.Errorf("metric publish delay %v", *svc.Scaling.MetricPublishDelay)
	case *svc.Scaling.TargetTracking[0].ScaleOutCooldown != 300*time.Second:
		t.Error("cooldown default")
	case svc.Deployment.MinimumHealthyPercent != 100 || svc.Deployment.MaximumPercent != 200:
		t.Errorf("deployment defaults %+v", svc.Deployment)
	case cfg.Timing.SchedulerDelay != 10*time.Second || !reflect.DeepEqual(cfg.Timing.ProvisioningTimeout, models.Uniform(10*time.Minute, 30*time.Minute)):
		t.Errorf("timing defaults %+v", cfg.Timing)
	case cfg.Quotas.FargateBurst != 100 || cfg.Start != time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC):
		t.Errorf("quotas/start %+v %v", cfg.Quotas, cfg.Start)
	case len(cfg.AZs) != 3 || cfg.AZs[0] != "us-east-1a":
		t.Errorf("azs %v", cfg.AZs)
	}
}

func TestVariantsAndRuns(t *testing.T) {
	s := mustParse(t, minimal)
	if got := s.Variants(); !reflect.DeepEqual(got, []string{"ec2", "fargate"}) {
		t.Fatalf("variants %v", got)
	}
	var names []string
	for _, r := range s.Runs() {
		names = append(names, r.Name)
	}
	want := []string{"ec2/n=1/seed=1", "ec2/n=1/seed=2", "ec2/n=3/seed=1", "ec2/n=3/seed=2",
		"fargate/n=1/seed=1", "fargate/n=1/seed=2", "fargate/n=3/seed=1", "fargate/n=3/seed=2"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("runs %v\nwant %v", names, want)
	}
	r := s.Runs()[7]
	cfg, err := s.BuildRun(r)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Seed != 2 || cfg.Variant != "fargate/n=3" || cfg.Services[0].DesiredCount != 3 ||
		cfg.Services[0].CapacityProviderStrategy[0].Provider != "FARGATE" {
		t.Errorf("run config: seed %d variant %q service %+v", cfg.Seed, cfg.Variant, cfg.Services[0])
	}
	if _, err := s.Build("nope"); err == nil || !strings.Contains(err.Error(), "no variant") {
		t.Errorf("unknown variant: %v", err)
	}
}

func TestRangeValues(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	ints, msg := paramValues(SweepParameter{From: f(40), To: f(80), Step: f(10)})
	if msg != "" || !reflect.DeepEqual(ints, []any{int64(40), int64(50), int64(60), int64(70), int64(80)}) {
		t.Errorf("integer range %v %q", ints, msg)
	}
	floats, _ := paramValues(SweepParameter{From: f(0.1), To: f(0.3), Step: f(0.1)})
	if !reflect.DeepEqual(floats, []any{0.1, 0.2, 0.3}) {
		t.Errorf("float range %v", floats)
	}
}

// TestBuildIsDeterministic runs a variant twice from two builds: same
// seed, same result, bit for bit.
func TestBuildIsDeterministic(t *testing.T) {
	s, err := Get("cpu-target-sweep")
	if err != nil {
		t.Fatal(err)
	}
	if s, err = s.Override("duration", "6h"); err != nil {
		t.Fatal(err)
	}
	r := s.Runs()[12]
	run := func() *models.Result {
		cfg, err := s.BuildRun(r)
		if err != nil {
			t.Fatal(err)
		}
		res, err := models.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(), run()
	if a.Cost.TotalUSD != b.Cost.TotalUSD || a.Requests != b.Requests || a.TasksStarted != b.TasksStarted {
		t.Errorf("two runs of %s differ: %v/%v USD, %v/%v requests", r.Name, a.Cost.TotalUSD, b.Cost.TotalUSD, a.Requests, b.Requests)
	}
}

func TestOverride(t *testing.T) {
	s := mustParse(t, minimal)
	s2, err := s.Override("services.web.scaling.target_tracking.0.target_value", 70)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := s2.Build("ec2")
	if cfg.Services[0].Scaling.TargetTracking[0].TargetValue != 70 {
		t.Errorf("override not applied: %v", cfg.Services[0].Scaling.TargetTracking[0].TargetValue)
	}
	if cfg, _ := s.Build("ec2"); cfg.Services[0].Scaling.TargetTracking[0].TargetValue != 50 {
		t.Error("override changed the original scenario")
	}
	_, err = s.Override("services.web.desired_count", "many")
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "services.web.desired_count: expected an integer") {
		t.Errorf("bad override: %v", err)
	}
}

// TestVariantProblemsPointAtVariant checks a problem caused by a variant
// is reported at the variant's line, once, tagged with the variant.
func TestVariantProblemsPointAtVariant(t *testing.T) {
	doc := strings.Replace(minimal, `overrides.services.web.capacity_provider_strategy = [{ capacity_provider = "FARGATE" }]`,
		`overrides.services.web.capacity_provider_strategy = [{ capacity_provider = "FARGAT" }]`, 1)
	_, err := Parse("test.toml", []byte(doc))
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("error %v", err)
	}
	want := `test.toml:26: services.web.capacity_provider_strategy[0].capacity_provider: provider "FARGAT" is not defined; did you mean "FARGATE"? (in variant "fargate/n=1")`
	if len(se.Problems) != 1 || se.Problems[0].String() != want {
		t.Errorf("got  %s\nwant %s", se, want)
	}
}

// TestSyntaxErrorDetail checks a TOML syntax error is placed on its line
// and carries the parser's excerpt for the CLI to show.
func TestSyntaxErrorDetail(t *testing.T) {
	_, err := Parse("s.toml", []byte("name = \"x\"\nduration = [\"1d\"\n"))
	var se *Error
	if !errors.As(err, &se) || len(se.Problems) != 1 {
		t.Fatalf("error %v", err)
	}
	p := se.Problems[0]
	if p.Line != 2 || !strings.HasPrefix(p.Msg, "TOML syntax:") || !strings.Contains(p.Detail, "duration") {
		t.Errorf("problem %+v", p)
	}
}
