package importer

// Kind names what an imported file holds.
type Kind string

// The kinds of files Import reads.
const (
	KindTaskDefinition     Kind = "task-definition"
	KindService            Kind = "service"
	KindCapacityProvider   Kind = "capacity-provider"
	KindCluster            Kind = "cluster"
	KindAutoScalingGroup   Kind = "auto-scaling-group"
	KindContainerInstances Kind = "container-instances"
	KindScalingPolicy      Kind = "scaling-policy"
	KindScheduledAction    Kind = "scheduled-action"
	KindAlarm              Kind = "alarm"
	KindScalableTarget     Kind = "scalable-target"
)

// File is what one imported file holds: the slices of its kind are set.
type File struct {
	Name string
	Kind Kind

	TaskDefinitions    []TaskDefinition
	Services           []Service
	CapacityProviders  []CapacityProvider
	Cluster            *Cluster
	AutoScalingGroups  []AutoScalingGroup
	ContainerInstances *ContainerInstances
	ScalingPolicies    []ScalingPolicy
	ScheduledActions   []ScheduledAction
	ScalableTargets    []ScalableTarget
	Alarms             []Alarm

	// Warnings list every field not imported, and adjustments made.
	Warnings []Warning
}

// Import reads any of the shapes this package knows, recognising it by its
// top-level fields. A file it cannot import is refused with an *Error.
func Import(name string, data []byte) (*File, error) {
	return importAs(name, data, "")
}

// CapacityProvidersJSON imports describe-capacity-providers output
// ({"capacityProviders": [...]}), create-capacity-provider input or output.
func CapacityProvidersJSON(name string, data []byte) (*File, error) {
	return importAs(name, data, KindCapacityProvider)
}

// ScalingPoliciesJSON imports describe-scaling-policies output, a
// put-scaling-policy input, or a bare Target tracking or step scaling
// policy configuration.
func ScalingPoliciesJSON(name string, data []byte) (*File, error) {
	return importAs(name, data, KindScalingPolicy)
}

// importAs imports data as kind, or as the detected kind when kind is "".
func importAs(name string, data []byte, kind Kind) (*File, error) {
	r := &report{file: name}
	m, ok := decodeJSON(r, data)
	if !ok {
		return nil, r.err()
	}
	if kind == "" {
		if kind = detect(r, m); kind == "" {
			return nil, r.err()
		}
	}
	f := &File{Name: name, Kind: kind}
	read(kind, r, m, f)
	if err := r.err(); err != nil {
		return nil, err
	}
	f.Warnings = r.warnings
	return f, nil
}

// read fills f from m as kind.
func read(kind Kind, r *report, m map[string]any, f *File) {
	switch kind {
	case KindTaskDefinition:
		if td := taskDefinition(r, m); td != nil {
			f.TaskDefinitions = append(f.TaskDefinitions, *td)
		}
	case KindService:
		f.Services = services(r, m)
	case KindCapacityProvider:
		capacityProviders(r, m, f)
	case KindCluster:
		cluster(r, m, f)
	case KindAutoScalingGroup:
		autoScalingGroups(r, m, f)
	case KindContainerInstances:
		containerInstances(r, m, f)
	case KindScalingPolicy:
		scalingPolicies(r, m, f)
	case KindScheduledAction:
		scheduledActions(r, m, f)
	case KindAlarm:
		alarms(r, m, f)
	case KindScalableTarget:
		scalableTargets(r, m, f)
	default:
		panic("importer: unknown kind " + string(kind))
	}
}

// detect recognises a file by its top-level fields.
func detect(r *report, m map[string]any) Kind {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := m[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("service", "services", "serviceName"):
		return KindService
	case has("taskDefinition", "containerDefinitions", "family"):
		return KindTaskDefinition
	case has("capacityProviders", "capacityProvider", "autoScalingGroupProvider"):
		return KindCapacityProvider
	case has("cluster"):
		return KindCluster
	case has("AutoScalingGroups"):
		return KindAutoScalingGroup
	case has("containerInstances"):
		return KindContainerInstances
	case has("ScalableTargets", "MinCapacity", "MaxCapacity"):
		return KindScalableTarget
	case has("ScalingPolicies", "TargetValue", "StepAdjustments", "TargetTrackingScalingPolicyConfiguration", "StepScalingPolicyConfiguration"):
		return KindScalingPolicy
	case has("PolicyARN"):
		r.refuse("", "a put-scaling-policy output holds only the policy's ARN and the alarms AWS created, not its configuration: import the put-scaling-policy input or describe-scaling-policies output instead")
	case has("ScheduledActions"):
		return KindScheduledAction
	case has("MetricAlarms"):
		return KindAlarm
	case has("image", "name"):
		r.refuse("", "this is a single container definition, not a task definition: it has no family and no containerDefinitions")
	default:
		r.refuse("", "not a shape ecsim imports: expected an ECS task definition, service, capacity provider, cluster, "+
			"Auto Scaling group, container instance list, Application Auto Scaling policy or scheduled action, or CloudWatch alarm list")
	}
	return ""
}
