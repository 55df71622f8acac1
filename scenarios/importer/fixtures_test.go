package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureOutcomes says what must happen to every real-world fixture: an
// empty string means it imports; otherwise the refusal must contain it.
var fixtureOutcomes = map[string]string{
	"task-definition/agent-ftest-busybox-port-5180.json":                         "",
	"task-definition/agent-ftest-container-ordering-healthy.json":                "",
	"task-definition/agent-ftest-network-link-2.json":                            "",
	"task-definition/agent-ftest-nvidia-gpu.json":                                "",
	"task-definition/agent-ftest-parallel-pull.json":                             "",
	"task-definition/awscli-describe-task-definition-hello_world.json":           "",
	"task-definition/awscli-register-task-definition-sleep360-input.json":        "",
	"task-definition/awscli-register-task-definition-sleep360-output.json":       "",
	"task-definition/container-patterns-ec2-and-fargate.json":                    "",
	"task-definition/ecsdg-appmesh-proxy.json":                                   "give neither memory nor memoryReservation",
	"task-definition/ecsdg-ec2-task-role-minimal.json":                           "",
	"task-definition/ecsdg-fargate-arm64.json":                                   "",
	"task-definition/ecsdg-fargate-linux-webserver.json":                         "",
	"task-definition/ecsdg-fargate-windows.json":                                 "",
	"task-definition/ecsdg-template-generate-cli-skeleton.json":                  "family is empty",
	"task-definition/firelens-appmesh-fargate-3-containers.json":                 "",
	"task-definition/firelens-efs-describe-shape.json":                           "",
	"task-definition/firelens-emf-bridge.json":                                   "",
	"task-definition/firelens-fluentd-task-size-no-networkmode.json":             "",
	"task-definition/firelens-newrelic-unit-strings.json":                        "",
	"task-definition/tfmod-container-definition-output.json":                     "single container definition",
	"service/awscli-create-service-ec2-output.json":                              "",
	"service/awscli-create-service-elb-input.json":                               "",
	"service/awscli-create-service-fargate-output.json":                          "",
	"service/awscli-describe-services-output.json":                               "",
	"service/awscli-update-service-capacity-provider-output.json":                "",
	"service/ecsdg-create-service-connect-input.json":                            "",
	"service/ecsdg-create-service-skeleton.json":                                 "serviceName is empty",
	"service/ecsdg-describe-services-fargate.json":                               "",
	"capacity-provider/awscli-describe-auto-scaling-groups.json":                 "",
	"capacity-provider/awscli-describe-capacity-providers-asg-and-fargate.json":  "",
	"capacity-provider/awscli-describe-capacity-providers-one-with-tags.json":    "",
	"capacity-provider/awscli-describe-container-instances.json":                 "",
	"capacity-provider/awscli-put-cluster-capacity-providers-output-2.json":      "",
	"capacity-provider/awscli-put-cluster-capacity-providers-output.json":        "",
	"autoscaling-policy/awscli-describe-scaling-policies-step.json":              "",
	"autoscaling-policy/awscli-describe-scheduled-actions.json":                  "not an ECS service",
	"autoscaling-policy/awscli-put-scaling-policy-output.json":                   "put-scaling-policy output",
	"autoscaling-policy/awscli-target-tracking-alb-requests-scale-out-only.json": "",
	"autoscaling-policy/awscli-target-tracking-cpu75-config.json":                "",
	"autoscaling-policy/awscli-target-tracking-custom-metric-config.json":        "",
}

// TestRealWorldFixtures imports every fixture of the four kinds and prints
// the warnings: each imports, or is refused with the expected reason.
func TestRealWorldFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/real-world/*/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(path, "testdata/real-world/"))
		t.Run(rel, func(t *testing.T) {
			want, ok := fixtureOutcomes[rel]
			if !ok {
				t.Fatalf("no expected outcome for %s: add it to fixtureOutcomes", rel)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Import(rel, data)
			if want != "" {
				if err == nil {
					t.Fatalf("imported (%s); want refusal containing %q", f.Kind, want)
				}
				if !strings.Contains(err.Error(), want) {
					t.Fatalf("refused with %q; want a reason containing %q", err, want)
				}
				t.Logf("refused: %v", err)
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			t.Logf("%s: %d warning(s)", f.Kind, len(f.Warnings))
			for _, w := range f.Warnings {
				t.Logf("  warning: %s", w)
			}
		})
	}
}

// TestFixturesMatchShared checks the copies against the shared folder when
// it is present, so a new or changed shared fixture is noticed.
func TestFixturesMatchShared(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "fixtures", "real-world")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("shared fixtures not present")
	}
	for _, kind := range []string{"task-definition", "service", "capacity-provider", "autoscaling-policy"} {
		files, _ := filepath.Glob(filepath.Join(shared, kind, "*.json"))
		for _, f := range files {
			rel := kind + "/" + filepath.Base(f)
			want, _ := os.ReadFile(f)
			got, err := os.ReadFile(filepath.Join("testdata", "real-world", filepath.FromSlash(rel)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: the copy in testdata is missing or differs from the shared fixture", rel)
			}
		}
	}
}
