// Package scenarios is ecsim's scenario language: TOML files describing a
// simulated ECS cluster — capacity providers, task definitions, services
// with their workloads and auto scaling, task streams — plus variants to
// compare and sweeps to expand, and importers of real ECS JSON. It turns a
// file into models.Config values for models.Run.
//
// # Pipeline
//
// Load (or Parse, ParseFS) reads a file in four steps, as Kubernetes does
// with component config: decode (BurntSushi/toml into a tree, then a
// strict reflective decoder into the format structs of format*.go, whose
// tags carry key names, defaults, ranges and enums), default (tag defaults
// for absent keys, rules in code for the ones that depend on other keys),
// validate and build (one pass, compile*.go, that checks every rule and
// fills the models.Config). Every variant and sweep combination is built
// the same way at load time, and each resulting config is also offered to
// models.New with a short duration, so nothing that loads can be refused
// later.
//
// Problems are collected, never the first only: unknown keys (with a "did
// you mean"), wrong types, values out of range, undefined references,
// invalid Fargate sizes, cluster query syntax with its column, and so on,
// each as a Problem with file, line, dotted key and expectation, sorted by
// line and returned together as an *Error (the CLI maps it to exit code 2).
// Lines come from a scanner of the validated document (positions.go),
// because the TOML library does not expose them for list elements.
//
// Variants and sweeps edit a copy of the parsed tree before the typed
// decoding, so any key can be overridden, and problems a variant causes
// point at the variant's own line.
//
// # Invariants
//
// A *Scenario only exists for a file whose base, variants and sweep
// combinations all build. Build and BuildRun return a fresh Config each
// time (demand models such as noise have state), so each Config is run once.
//
// # Determinism
//
// Map-keyed tables (providers, services, …) are built in file order, ties
// by name; runs come in a fixed order with stable names; random streams of
// demand noise are seeded from the scenario seed and a name, so the same
// file and seed give the same Config and the same results.
//
// # Allocation
//
// Loading and building allocate freely (a 1,000-service file builds in tens
// of milliseconds, see BenchmarkBuildRun); nothing here is on the
// simulation's hot path. A loaded Scenario is immutable and safe for
// concurrent Build calls.
package scenarios
