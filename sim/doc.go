// Package sim is ecsim's discrete-event kernel: a virtual clock, an event
// queue with cancellation, drift-free periodic timers, run control and
// named random streams.
//
// # Time
//
// Simulation time is a [Time]: an integer offset (nanoseconds, like
// [time.Duration]) from the scenario's start. Wall-clock time, for cron
// schedules, time zones and diurnal demand, is [Engine.WallClock], the
// scenario start plus the offset. Integer time means no float drift:
// the n-th firing of a periodic timer is at exactly start + n·period.
//
// # Determinism
//
// Events fire in order of time; events at equal times fire in the order
// they were scheduled (a FIFO tie-break by a sequence number). Nothing
// else orders events, so the same schedule of calls gives the same run.
// Random numbers come from named streams ([Engine.Stream]): each stream
// is seeded from the scenario seed and a hash of its name alone, so adding
// a stream never shifts another stream's draws.
//
// # Allocation policy
//
// Scheduling, firing and cancelling do not allocate in steady state.
// Events are typed records (a [Handler] plus an int64 argument) kept in a
// slab of slots reused through a free list; the queue is a 4-ary heap of
// value entries that each slot indexes into, which makes Cancel O(log n).
// Handlers should be long-lived values (a pointer to a model component),
// not a fresh closure per event.
//
// # Errors
//
// Scheduling in the past is a programmer error and panics. A handler that
// meets a condition the run cannot continue from calls [Engine.Fail];
// [Engine.Run] then returns that error.
package sim
