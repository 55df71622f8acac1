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
// # Event queue
//
// The queue is a radix queue on integer time (queue.go): a level-l bucket
// holds the events whose time first differs from the latest fired time in
// 12-bit digit l, so an event is placed in O(1) by a bit scan and moves
// down at most a few levels before it fires; a level-0 bucket is one
// exact time. Buckets are FIFO lists of 32-event chunks; a small bucket
// about to fire is sorted instead of being split further. Equal times
// always share a bucket and keep scheduling order, so ties need no
// comparisons. The work per event is bounded by the number of levels
// (six), whatever the queue size or the spread of times (seconds and
// hours mix freely); no parameter is tuned to the load. Cancel is O(1):
// the event is marked in a slot table and dropped when met; the queue is
// compacted when cancelled events outnumber live ones.
//
// # Allocation policy
//
// Scheduling, firing and cancelling do not allocate in steady state.
// Events are typed records (a [Handler] plus an int64 argument) stored in
// the queue's chunks, which are recycled through a free list; a slot
// table of 9 bytes per queued event validates EventIDs. Memory
// grows to the peak number of queued events and stays there (the chunk
// pool does not shrink). A recycled chunk may keep handler references of
// fired events until it is reused. Handlers should be long-lived values
// (a pointer to a model component), not a fresh closure per event.
//
// # Errors
//
// Scheduling in the past is a programmer error and panics. A handler that
// meets a condition the run cannot continue from calls [Engine.Fail];
// [Engine.Run] then returns that error.
package sim
