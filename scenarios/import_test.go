package scenarios

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/models"
)

// TestImportJoinsFiles imports a full set of CLI outputs for one service
// and checks the written scenario loads, keeps what was imported, and runs.
func TestImportJoinsFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/import/*.json")
	im, err := ImportFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Problems) > 0 {
		t.Fatalf("written scenario does not load:\n%s\n%s", (&Error{Problems: im.Problems}).Error(), im.TOML)
	}
	for _, w := range im.Warnings {
		t.Logf("warning: %s", w)
	}
	s, err := Parse("imported.toml", im.TOML)
	if err != nil {
		t.Fatal(err)
	}
	f := s.File()
	svc := f.Services["shop"]
	switch {
	case f.Name != "shop-cluster":
		t.Errorf("name %q", f.Name)
	case svc == nil || svc.TaskDefinition != "shop:3" || svc.DesiredCount != 4:
		t.Errorf("service %+v", svc)
	case svc.Scaling == nil || svc.Scaling.MinCapacity != 2 || svc.Scaling.MaxCapacity != 30:
		t.Errorf("scaling %+v", svc.Scaling)
	case len(svc.Scaling.TargetTracking) != 1 || svc.Scaling.TargetTracking[0].TargetValue != 60 || svc.Scaling.TargetTracking[0].ScaleOutCooldown.D().Seconds() != 60:
		t.Errorf("target tracking %+v", svc.Scaling.TargetTracking)
	case len(svc.Scaling.Step) != 1 || svc.Scaling.Step[0].Alarm.Threshold != 80 || svc.Scaling.Step[0].Alarm.Metric != models.MetricMemory:
		t.Errorf("step %+v", svc.Scaling.Step)
	case len(svc.Scaling.Scheduled) != 1 || svc.Scaling.Scheduled[0].TimeZone != "Europe/Berlin":
		t.Errorf("scheduled %+v", svc.Scaling.Scheduled)
	case f.Providers["shop-ec2"] == nil || f.Providers["shop-ec2"].MaxSize != 20 || f.Providers["shop-ec2"].ManagedScaling.TargetCapacity != 90:
		t.Errorf("provider %+v", f.Providers["shop-ec2"])
	case f.TaskDefinitions["shop"].HealthCheck == nil || f.TaskDefinitions["shop"].CPU != 1024 || f.TaskDefinitions["shop"].Memory != 2048:
		t.Errorf("task definition %+v", f.TaskDefinitions["shop"])
	}
	cfg, err := s.Build("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Check = true
	if _, err := models.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
}

// TestImportRealWorldCombinations writes scenarios from combinations of
// the real-world fixtures: each loads, or says what is missing.
func TestImportRealWorldCombinations(t *testing.T) {
	rw := func(p string) string { return filepath.Join("importer", "testdata", "real-world", p) }
	tests := []struct {
		name    string
		files   []string
		problem string // "" when the written scenario must load
	}{
		{"fargate task definition alone", []string{rw("task-definition/ecsdg-fargate-linux-webserver.json")}, ""},
		{"EC2 task definition alone", []string{rw("task-definition/awscli-describe-task-definition-hello_world.json")}, ""},
		{"windows on fargate", []string{rw("task-definition/ecsdg-fargate-windows.json")}, ""},
		{"service with revision mismatch on container instances", []string{
			rw("task-definition/awscli-register-task-definition-sleep360-output.json"),
			rw("service/awscli-create-service-ec2-output.json"),
			rw("capacity-provider/awscli-describe-container-instances.json")}, ""},
		{"bare target tracking config", []string{
			rw("task-definition/firelens-newrelic-unit-strings.json"),
			rw("autoscaling-policy/awscli-target-tracking-cpu75-config.json")}, ""},
		{"step policies of a service not imported", []string{
			rw("task-definition/ecsdg-fargate-linux-webserver.json"),
			rw("autoscaling-policy/awscli-describe-scaling-policies-step.json")}, ""},
		{"step policy without its alarm", []string{
			"testdata/import/task-definition.json", "testdata/import/service.json", "testdata/import/capacity-providers.json",
			"testdata/import/auto-scaling-groups.json", "testdata/import/scaling-policies.json"}, "alarm.threshold: missing required key"},
		{"service whose task definition is missing", []string{rw("service/awscli-describe-services-output.json")}, "not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			im, err := ImportFiles(tc.files...)
			if err != nil {
				t.Fatal(err)
			}
			probs := (&Error{Problems: im.Problems}).Error()
			if tc.problem == "" && len(im.Problems) > 0 {
				t.Fatalf("does not load:\n%s\n%s", probs, im.TOML)
			}
			if tc.problem != "" && !strings.Contains(probs, tc.problem) {
				t.Fatalf("problems %q, want one containing %q\n%s", probs, tc.problem, im.TOML)
			}
			for _, w := range im.Warnings {
				if strings.HasPrefix(w, "import:") {
					t.Log(w)
				}
			}
		})
	}
}

// TestImportRefusesBadFiles passes refusals through.
func TestImportRefusesBadFiles(t *testing.T) {
	_, err := ImportFiles(filepath.Join("importer", "testdata", "real-world", "service", "ecsdg-create-service-skeleton.json"))
	if err == nil || !strings.Contains(err.Error(), "serviceName is empty") {
		t.Fatalf("error %v", err)
	}
	if _, err := Import(ImportInput{Name: "x.json", Data: []byte("{")}); err == nil {
		t.Fatal("bad JSON imported")
	}
	if _, err := ImportFiles(filepath.Join(os.TempDir(), "does-not-exist.json")); err == nil {
		t.Fatal("missing file imported")
	}
}

// TestImportKeepsAZRebalancing: a service's availabilityZoneRebalancing
// reaches the written scenario in ECS's spelling.
func TestImportKeepsAZRebalancing(t *testing.T) {
	im, err := ImportFiles(filepath.Join("importer", "testdata", "real-world", "service", "awscli-update-service-capacity-provider-output.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(im.TOML), `availability_zone_rebalancing = "ENABLED"`) {
		t.Errorf("the written scenario lacks the setting:\n%s", im.TOML)
	}
}

// TestImportWarmPool: an Auto Scaling group's WarmPoolConfiguration reaches
// the written scenario, which loads and runs with the pool.
func TestImportWarmPool(t *testing.T) {
	asg := filepath.Join(t.TempDir(), "asg.json")
	if err := os.WriteFile(asg, []byte(`{"AutoScalingGroups": [{"AutoScalingGroupName": "shop-asg",
		"MinSize": 0, "MaxSize": 20, "DesiredCapacity": 2, "NewInstancesProtectedFromScaleIn": true,
		"AvailabilityZones": ["us-east-1a", "us-east-1b"], "Instances": [{"InstanceType": "m6i.large"}],
		"WarmPoolConfiguration": {"MinSize": 2, "MaxGroupPreparedCapacity": 6, "PoolState": "Stopped"}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/import/*.json")
	for i, f := range files {
		if filepath.Base(f) == "auto-scaling-groups.json" {
			files[i] = asg
		}
	}
	im, err := ImportFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Problems) > 0 {
		t.Fatalf("written scenario does not load:\n%s\n%s", (&Error{Problems: im.Problems}).Error(), im.TOML)
	}
	s, err := Parse("imported.toml", im.TOML)
	if err != nil {
		t.Fatal(err)
	}
	wp := s.File().Providers["shop-ec2"].WarmPool
	if wp == nil || wp.MinSize != 2 || wp.MaxGroupPreparedCapacity == nil || *wp.MaxGroupPreparedCapacity != 6 || wp.PoolState != "Stopped" {
		t.Fatalf("warm pool %+v in\n%s", wp, im.TOML)
	}
	cfg, err := s.Build("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Check = true
	r, err := models.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Providers) == 0 {
		t.Fatal("no provider in the result")
	}
}
