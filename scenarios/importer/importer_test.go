package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecsim/ecsim/autoscale"
	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
)

func importFixture(t *testing.T, rel string) *File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "real-world", rel))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Import(rel, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestTaskDefinitionValues(t *testing.T) {
	tests := []struct {
		file string
		want func(d models.TaskDef, compat []string) bool
	}{
		{"task-definition/firelens-newrelic-unit-strings.json", func(d models.TaskDef, _ []string) bool {
			return d.CPU == 1024 && d.Memory == 2048 && d.NetworkMode == models.NetworkAwsvpc && len(d.Containers) == 2
		}},
		{"task-definition/ecsdg-fargate-windows.json", func(d models.TaskDef, _ []string) bool {
			return d.OS == catalog.OSWindows && d.CPU == 2048 && d.Memory == 4096
		}},
		{"task-definition/ecsdg-fargate-arm64.json", func(d models.TaskDef, c []string) bool {
			return d.Arch == catalog.ArchARM64 && len(c) == 1 && c[0] == "FARGATE"
		}},
		{"task-definition/agent-ftest-nvidia-gpu.json", func(d models.TaskDef, _ []string) bool {
			return d.Containers[0].GPUs == 1 && d.Containers[0].Essential
		}},
		{"task-definition/awscli-describe-task-definition-hello_world.json", func(d models.TaskDef, c []string) bool {
			return d.Family == "hello_world" && d.Revision == 8 && d.Containers[0].Ports[0].HostPort == 80 && len(c) == 2
		}},
		{"task-definition/firelens-emf-bridge.json", func(d models.TaskDef, _ []string) bool {
			return d.Containers[0].MemoryReservation == 50 && d.Containers[0].Ports[0].HostPort == 0
		}},
		{"task-definition/agent-ftest-container-ordering-healthy.json", func(d models.TaskDef, _ []string) bool {
			return !d.Containers[0].Essential && d.HealthCheck != nil && d.HealthCheck.Interval == 5*time.Second && d.HealthCheck.Retries == 3
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f := importFixture(t, tc.file)
			td := f.TaskDefinitions[0]
			if !tc.want(td.Def, td.RequiresCompatibilities) {
				t.Errorf("imported %+v (compat %v)", td.Def, td.RequiresCompatibilities)
			}
		})
	}
}

func TestServiceValues(t *testing.T) {
	f := importFixture(t, "service/awscli-update-service-capacity-provider-output.json")
	c := f.Services[0].Config
	if c.Name != "my-http-service" || c.TaskDef != "MyTaskDefinition" || c.DesiredCount != 2 ||
		len(c.CapacityProviderStrategy) != 1 || c.CapacityProviderStrategy[0] != (models.StrategyItem{Provider: "FARGATE", Weight: 1}) ||
		!c.Deployment.CircuitBreaker || !c.Deployment.Rollback || c.Deployment.MaximumPercent != 200 {
		t.Errorf("service %+v", c)
	}
	if r := c.AZRebalancing; r == nil || !*r {
		t.Errorf("availabilityZoneRebalancing ENABLED imported as %v", r)
	}
	if f.Services[0].Cluster != "MyCluster" {
		t.Errorf("cluster %q", f.Services[0].Cluster)
	}
	d := importFixture(t, "service/awscli-describe-services-output.json")
	if len(d.Services) != 1 || d.Services[0].Config.TaskDef != "amazon-ecs-sample:1" || d.Services[0].Config.DesiredCount != 10 ||
		d.Services[0].Config.AZRebalancing != nil {
		t.Errorf("describe-services %+v", d.Services)
	}
	lb := importFixture(t, "service/awscli-create-service-elb-input.json")
	if lb.Services[0].Config.LoadBalancer == nil || !hasWarning(lb, "loadBalancers", "target group") {
		t.Errorf("load balancer not imported with its assumption: %+v %v", lb.Services[0].Config, lb.Warnings)
	}
}

func TestCapacityValues(t *testing.T) {
	f := importFixture(t, "capacity-provider/awscli-describe-capacity-providers-asg-and-fargate.json")
	cp := f.CapacityProviders
	if len(cp) != 3 || cp[0].ASGName != "MyAutoScalingGroup" || !cp[0].ManagedTerminationProtection ||
		cp[0].ManagedScaling.MaximumScalingStepSize != 1000 || cp[1].Kind != models.ProviderFargate || cp[2].Kind != models.ProviderFargateSpot {
		t.Errorf("providers %+v", cp)
	}
	g := importFixture(t, "capacity-provider/awscli-describe-auto-scaling-groups.json").AutoScalingGroups[0]
	if g.Name != "my-asg" || g.MaxSize != 1 || g.DesiredCapacity != 1 || len(g.InstanceTypes) != 1 || g.InstanceTypes[0] != "t2.micro" {
		t.Errorf("group %+v", g)
	}
	c := importFixture(t, "capacity-provider/awscli-put-cluster-capacity-providers-output.json").Cluster
	if c.Name != "MyCluster" || len(c.DefaultStrategy) != 2 || c.DefaultStrategy[1].Provider != "MyCapacityProvider2" {
		t.Errorf("cluster %+v", c)
	}
	ci := importFixture(t, "capacity-provider/awscli-describe-container-instances.json").ContainerInstances
	if len(ci.Registered) != 1 || ci.Registered[0] != (Registered{CPU: 2048, MemoryMiB: 3955}) {
		t.Errorf("container instances %+v", ci)
	}
}

func TestScalingValues(t *testing.T) {
	f := importFixture(t, "autoscaling-policy/awscli-describe-scaling-policies-step.json")
	p := f.ScalingPolicies
	if len(p) != 2 || p[0].Service != "web-app" || p[0].Step.AdjustmentType != autoscale.PercentChangeInCapacity ||
		*p[0].Step.StepAdjustments[0].MetricIntervalLowerBound != 0 || p[0].Step.StepAdjustments[0].ScalingAdjustment != 200 ||
		*p[1].Step.Cooldown != time.Second || p[1].AlarmNames[0] != "web-app-cpu-lt-25" {
		t.Errorf("step policies %+v", p)
	}
	tt := importFixture(t, "autoscaling-policy/awscli-target-tracking-alb-requests-scale-out-only.json").ScalingPolicies[0].TargetTracking
	if tt.TargetValue != 1000 || !tt.DisableScaleIn || tt.PredefinedMetricSpecification.ResourceLabel == "" || *tt.ScaleOutCooldown != time.Minute {
		t.Errorf("target tracking %+v", tt)
	}
	cm := importFixture(t, "autoscaling-policy/awscli-target-tracking-custom-metric-config.json").ScalingPolicies[0].TargetTracking
	if cm.CustomizedMetricSpecification.MetricName != "MyUtilizationMetric" || cm.CustomizedMetricSpecification.Statistic != autoscale.Average {
		t.Errorf("custom metric %+v", cm.CustomizedMetricSpecification)
	}
}

// TestTimestampsEpochAndISO checks both timestamp forms AWS outputs use.
func TestTimestampsEpochAndISO(t *testing.T) {
	doc := `{"ScheduledActions": [
	  {"ScheduledActionName": "a", "ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount",
	   "ResourceId": "service/c/web", "Schedule": "rate(1 hour)", "StartTime": 1767225600.5, "EndTime": "2026-01-02T00:00:00.000000-05:00",
	   "ScalableTargetAction": {"MinCapacity": 2}}]}`
	f, err := Import("x.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	a := f.ScheduledActions[0].Action
	if !a.StartTime.Equal(time.Date(2026, 1, 1, 0, 0, 0, 5e8, time.UTC)) || !a.EndTime.Equal(time.Date(2026, 1, 2, 5, 0, 0, 0, time.UTC)) {
		t.Errorf("times %v %v", a.StartTime, a.EndTime)
	}
	if f.ScheduledActions[0].Service != "web" || *a.ScalableTargetAction.MinCapacity != 2 {
		t.Errorf("action %+v", f.ScheduledActions[0])
	}
}

// TestUnknownFieldsWarned checks typos become warnings with a suggestion,
// never silently dropped.
func TestUnknownFieldsWarned(t *testing.T) {
	doc := `{"family": "x", "containerDefinitions": [{"name": "a", "memory": 128, "memoryReservaton": 64, "entrypoint": ["sh"]}], "cpuu": "256"}`
	f, err := Import("x.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`memoryReservaton: unknown field, not imported (did you mean "memoryReservation"?)`,
		`entrypoint: unknown field, not imported (did you mean "entryPoint"?)`, `cpuu: unknown field`} {
		if !hasWarning(f, "", want) {
			t.Errorf("no warning %q in %v", want, f.Warnings)
		}
	}
}

func TestRefusals(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`[1, 2]`, "JSON object"},
		{`{"family": "x", "containerDefinitions": [{"name": "a"}]}`, "neither memory nor memoryReservation"},
		{`{"family": "x", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "a", "memory": 64}]}`, "Fargate requires them"},
		{`{"family": "x", "cpu": "lots", "memory": "1 GB", "containerDefinitions": [{"name": "a"}]}`, "expected CPU units"},
		{`{"serviceName": "s", "taskDefinition": "t", "launchType": "EXTERNAL"}`, "EC2 and FARGATE"},
		{`{"serviceName": "s", "taskDefinition": "t", "availabilityZoneRebalancing": "yes"}`, "expected ENABLED or DISABLED"},
		{`{"hello": 1}`, "not a shape ecsim imports"},
		{`{"TargetValue": 50}`, "exactly one of PredefinedMetricSpecification"},
	} {
		_, err := Import("x.json", []byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.doc, err, tc.want)
		}
	}
}

func hasWarning(f *File, field, text string) bool {
	for _, w := range f.Warnings {
		if strings.Contains(w.Field, field) && strings.Contains(w.String(), text) {
			return true
		}
	}
	return false
}

func TestWarmPoolImport(t *testing.T) {
	asg := func(pool string) string {
		return `{"AutoScalingGroups": [{"AutoScalingGroupName": "g", "MinSize": 0, "MaxSize": 4, "DesiredCapacity": 1,
			"Instances": [{"InstanceType": "m6i.large"}], "WarmPoolConfiguration": ` + pool + `}]}`
	}
	three := 3
	for _, tc := range []struct {
		name, pool string
		want       models.WarmPoolConfig
		warning    string
	}{
		{"stopped, prepared capacity unset", `{"MinSize": 1, "MaxGroupPreparedCapacity": -1, "PoolState": "Stopped", "Status": "PendingDelete"}`,
			models.WarmPoolConfig{MinSize: 1, PoolState: "Stopped"}, "Status"},
		{"running with a cap", `{"MaxGroupPreparedCapacity": 3, "PoolState": "Running"}`,
			models.WarmPoolConfig{MaxGroupPreparedCapacity: &three, PoolState: "Running"}, ""},
		{"hibernated", `{"PoolState": "Hibernated"}`, models.WarmPoolConfig{PoolState: "Stopped"}, "Hibernated is not modelled"},
		{"reuse on scale-in", `{"InstanceReusePolicy": {"ReuseOnScaleIn": true}}`, models.WarmPoolConfig{PoolState: "Stopped"}, "ReuseOnScaleIn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Import("asg.json", []byte(asg(tc.pool)))
			if err != nil {
				t.Fatal(err)
			}
			got := f.AutoScalingGroups[0].WarmPool
			if got == nil || got.MinSize != tc.want.MinSize || got.PoolState != tc.want.PoolState ||
				(got.MaxGroupPreparedCapacity == nil) != (tc.want.MaxGroupPreparedCapacity == nil) ||
				(got.MaxGroupPreparedCapacity != nil && *got.MaxGroupPreparedCapacity != *tc.want.MaxGroupPreparedCapacity) {
				t.Fatalf("warm pool %+v, want %+v", got, tc.want)
			}
			if tc.warning != "" && !hasWarning(f, "", tc.warning) {
				t.Errorf("no warning about %q: %v", tc.warning, f.Warnings)
			}
		})
	}
	if _, err := Import("asg.json", []byte(asg(`{"PoolState": "Frozen"}`))); err == nil || !strings.Contains(err.Error(), "expected Stopped, Running or Hibernated") {
		t.Errorf("PoolState Frozen: error %v", err)
	}
}

func TestCapacityRebalanceImport(t *testing.T) {
	f, err := Import("asg.json", []byte(`{"AutoScalingGroups": [{"AutoScalingGroupName": "g", "MinSize": 0, "MaxSize": 4,
		"DesiredCapacity": 1, "Instances": [{"InstanceType": "m6i.large"}], "CapacityRebalance": true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !f.AutoScalingGroups[0].CapacityRebalance {
		t.Error("CapacityRebalance true was not imported")
	}
}
