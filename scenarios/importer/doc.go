// Package importer reads real Amazon ECS and Application Auto Scaling JSON
// into ecsim's world types: task definitions (register-task-definition
// input, describe-task-definition output), services (create-service input,
// create/update-service and describe-services output), capacity providers
// (describe-capacity-providers, put-cluster-capacity-providers output),
// Auto Scaling groups (describe-auto-scaling-groups), container instances
// (describe-container-instances), scaling policies (put-scaling-policy
// input, describe-scaling-policies output, the bare policy configurations
// given to --target-tracking-scaling-policy-configuration), scheduled
// actions (describe-scheduled-actions), scalable targets
// (describe-scalable-targets) and CloudWatch alarms (describe-alarms).
//
// Both the bare API shapes and the CLI's wrapped outputs are accepted,
// task sizes may be strings ("1 vCPU", "2 GB", "256"), and timestamps epoch
// seconds or ISO 8601.
//
// # Nothing is dropped silently
//
// Every field is either imported, or reported as a Warning: fields ecsim
// does not model (images, environment, IAM roles, logging), read-only state
// of describe outputs (ARNs, counts, events), and unknown fields (with a
// "did you mean" when one is close). A file that ECS itself would reject —
// an empty generate-cli-skeleton template, a container without memory in
// a task without memory — or that holds nothing ecsim can simulate is
// refused with an *Error that says why.
//
// Determinism: results and warnings come in document order (objects'
// fields sorted by name), so the same file gives the same output. The
// package holds no state and reads no files: callers pass the bytes.
package importer
