// Package placement decides where Amazon ECS places tasks on EC2 container
// instances and which tasks it stops on scale-in, as the ECS documentation
// describes it (see ../shared/reference/ecs-behaviour.md §1). It is a leaf
// package: it imports no other package of ecsim and has its own small types.
//
// # Engines
//
// [Engine] is implemented twice. [Reference] is the specification in code: for
// every decision it scans every instance (or task), filters, then applies the
// strategy chain stage by stage. [Index] keeps incremental structures (ordered
// views per spread cell and class of the other resource, keyed by remaining
// memory or CPU with per-block resource bounds; per-group task counts per
// instance and per attribute value; cached bitsets per constraint
// expression; per-group scale-in heaps) and answers the same questions
// without scanning. Given equally seeded
// random sources and the same calls, both return identical placements,
// failures, scale-in victims and states; differential tests and a fuzz
// target check this.
//
// # Placement of one task (the pipeline, in this order)
//
//  1. Every registered instance is checked in this order, and counted under
//     the first check it fails: ACTIVE (DRAINING), agent connected (AGENT),
//     required attributes (ATTRIBUTE), CPU, memory, GPU (RESOURCE:CPU,
//     RESOURCE:MEMORY, RESOURCE:GPU), static host ports per protocol and the
//     limit of 100 reserved ports (RESOURCE:PORTS_TCP/UDP), a free task ENI for
//     awsvpc (RESOURCE:ENI), then the constraints in the order given
//     (MemberOf, DistinctInstance).
//  2. The strategies are applied lexicographically: each ranked strategy
//     keeps the candidates with the best rank — binpack: least of its
//     resource left after placement; spread(instanceId): fewest running tasks
//     of the group on the instance; spread(attribute:X): fewest running tasks
//     of the group on all instances sharing the candidate's value of X
//     (instances without X share one value). random, or the end of the chain,
//     stops ranking.
//  3. The remaining ties are broken by the rule in tiebreak.go: up to
//     Config.TieDraws uniform draws of an instance ID (the first drawn
//     candidate wins), then the first candidate at or after one more drawn
//     ID, cyclically. Draws are a pure function of (seed, decision number,
//     draw number); the seed is drawn once from the *rand.Rand given to the
//     constructor.
//
// A request for N tasks places them one after the other, each seeing the
// previous ones. When a task cannot be placed, Place returns a [Failure] with
// per-reason instance counts, the primary reason (the last check that
// rejected any instance) and the closest instance. Invalid requests (unknown
// fields, more than 5 strategies or 10 constraints, a task larger than every
// registered instance) are errors.
//
// # Scale-in
//
// ScaleIn picks victims one at a time from the group's running tasks that are
// not protected, taking PriorityStopFirst tasks first. The chain ranks tasks
// (higher is stopped first): binpack, the instance's remaining resource plus
// the task's; spread, the group's tasks on the instance or attribute value;
// ties are broken like placements, with the draws made among the group's
// running tasks (by rank of task ID). Victims become stopping:
// they leave their group's counts at once and keep their resources and ports
// until RemoveTask.
//
// # Modelling choices (not pinned down by AWS; see the reference document)
//
//   - Strategies are applied lexicographically; random ends a chain.
//   - Defaults: services spread(attribute:ecs.availability-zone) then
//     spread(instanceId); RunTask random (PolicySpec.Service).
//   - Spread counts include tasks on DRAINING instances; stopping tasks do
//     not count anywhere (spread, distinctInstance, task:group,
//     runningTasksCount) but hold resources and ports until removed.
//   - Failure counts attribute each instance to its first failed check; the
//     primary reason is the last check that rejected any instance; GPU and
//     DRAINING reasons are ours (ECS names no GPU reason and ignores
//     non-ACTIVE instances).
//   - Required attributes (runtimePlatform, awsvpc subnets) are checked
//     before resources and reported as ATTRIBUTE.
//   - The tie-break rule above (ECS documents none).
//   - Query-language choices are listed in package query.
//
// # Determinism, invariants and allocation
//
// Engines are deterministic for a given seed and call sequence; no map
// iteration order reaches a result. They are not safe for concurrent use.
// Every running task belongs to exactly one group and instance; an instance's
// remaining resources are its capacity minus the reservations of the tasks it
// holds (running and stopping) and never go below zero.
// Index does not allocate per placement, removal or scale-in in steady state
// (after warm-up: new policies, groups, attribute values and slice growth
// allocate once). Reference allocates freely. Failure analysis (and Trace)
// costs O(instances) and runs only when a task cannot be placed.
package placement
