// Package units parses and formats the quantities ecsim's scenario format and
// its importers of ECS JSON share: durations with days ("90s", "15m", "7d",
// "1d12h"), memory ("512", "2 GiB", "2 GB") and CPU ("256", "0.25 vCPU",
// "1 vcpu").
//
// Conventions follow ECS, which reads task sizes as strings: "GB" and "GiB"
// both mean 1,024 MiB and "MB" means MiB (register-task-definition
// normalises "2 GB" to 2048); one vCPU is 1,024 CPU units. Results are whole
// units: a fractional value that does not land on a whole MiB or CPU unit is
// an error rather than a silent rounding.
//
// The package is pure: no state, no allocation beyond error values and the
// returned strings.
package units
