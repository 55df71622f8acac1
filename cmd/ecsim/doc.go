// Command ecsim is the command-line interface of ecsim, a discrete-event
// simulator and capacity planner for Amazon ECS.
//
// The CLI is thin: each command parses and validates its flags into an
// options struct (NewCmdX) and hands it to a run function (xRun) that does
// the work against injected writers and data, so tests call commands with
// buffers. One file per command; root.go registers them. Exit codes: 0 ok,
// 1 run failed, 2 bad input (flags, arguments, names, files), chosen with
// errors.As on typed errors in exitcode.go.
//
// Determinism: output is sorted and formatted without maps or clocks, so the
// same input prints the same bytes (the golden tests rely on it).
package main
