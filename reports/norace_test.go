//go:build !race

package reports

// raceEnabled is true under -race (see race_test.go).
const raceEnabled = false
