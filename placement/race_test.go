//go:build race

package placement

// raceEnabled reports whether the race detector is on; heavy randomized
// tests run fewer cases then.
const raceEnabled = true
