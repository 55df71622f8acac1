// Package catalog is ecsim's catalogue of EC2 instance types, EC2 and EBS
// prices, Fargate rates and Fargate task sizes, and the rule for what an
// instance registers with ECS.
//
// The data lives in an embedded TOML file (data/catalog.toml) whose header
// names its sources and dates; every price row carries its own source tag and
// as-of date, and rows that are assumptions say so (Verified false plus a
// Note). A user file in the same format overlays it: rows with the same key
// replace whole rows and new rows are added (see Catalog.Overlay). The
// figures come from the project reference (ecs-behaviour.md §1.1, §1.9, §2,
// §8); the modelling choices it names are settings of the data:
//
//   - registered memory = floor(nominal MiB × (1 − overhead)) −
//     ECS_RESERVED_MEMORY, overhead 0.022 by default and per type
//     overridable (InstanceType.Register);
//   - EC2 Spot = 0.35 × On-Demand per family, Fargate Spot = 0.30 ×
//     On-Demand, both overridable by factor or by explicit rate.
//
// Invariants: a Catalog is immutable once built; every accessor returns
// copies, so a *Catalog may be shared between goroutines and simulations.
// Every price refers to a known instance type; every known region has at
// least one price. Default parses the embedded data once (sync.OnceValues)
// and panics only if the embedded file is broken, which the tests rule out.
//
// Determinism: lists are sorted (instance types by family, vCPUs, memory,
// name; regions and families by name; suggestions by distance then name), so
// map order never reaches a caller.
//
// Allocation: building a catalogue allocates its tables once. Lookup and
// Price do not allocate on success; list methods allocate the returned copy.
// Errors for unknown names allocate their suggestions.
package catalog
