//go:build race

package sim

// raceEnabled trims the heaviest randomized tests under the race
// detector, which slows them tenfold.
const raceEnabled = true
