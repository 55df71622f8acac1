// Package series records ecsim's time series: fixed-resolution buckets from
// the run's start to its end, one value per bucket and series, ready for
// tables and plots.
//
// # Buckets and downsampling
//
// A [Recorder] covers [Start, End) with buckets of one step. The step is the
// resolution (default one minute) times a whole factor chosen so that no
// series holds more than MaxPoints values (default 10,080, one week of
// minutes):
//
//	step = resolution × ceil(ceil(duration / resolution) / maxPoints)
//
// so a one-week run keeps one-minute buckets, a four-week run four-minute
// buckets, and memory stays bounded whatever the run length. Bucket i covers
// [Start + i·step, min(Start + (i+1)·step, End)); only the last bucket can be
// shorter than a step, and its Mean divides by its own width.
//
// # Gauges and counters
//
// A gauge ([Recorder.Gauge]) is a piecewise-constant function of time: Set
// gives it a value from that instant until the next Set (right-continuous),
// and it starts at 0 at Start. Its aggregation over a bucket is one of:
//
//   - Last: the value in effect at the bucket's end (step-line gauges such as
//     task counts);
//   - Mean: the time-weighted average over the bucket, ∫g dt / width (the
//     right one for utilisation);
//   - Max and Min: the largest and smallest value held for a positive time
//     in the bucket (two Sets at one instant: only the second is ever held).
//
// A counter ([Recorder.Counter]) sums what Add reports into the bucket that
// contains the Add's time (requests, dropped requests); an Add at exactly End
// counts in the last bucket, since events at the run's end still belong to it.
// Buckets with no Set carry the gauge's value forward; buckets with no Add
// hold 0.
//
// # Invariants
//
// Times given to one gauge never decrease and lie in [Start, End]; every
// bucket of a closed gauge is defined; a Mean bucket lies between the Min and
// Max of the values held in it. Violations are programmer errors and panic
// with a "series:" prefix, as do duplicate series and writes after Close.
//
// # Determinism
//
// No global state and no clock: values depend only on the calls made.
// [Recorder.Close] returns a [Set] sorted by name, then labels, whatever the
// order of creation.
//
// # Allocation policy
//
// Creating a series allocates its values slice once (the number of buckets is
// known from the configuration). Set and Add never allocate and cost O(1)
// plus O(buckets crossed) for a gauge whose value held over several buckets.
// A closed series implements gonum/plot's plotter.XYer over its own values,
// so plots read it without copying.
package series
