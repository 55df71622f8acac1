//go:build race

package reports

// raceEnabled is true under -race, where rasterising PNGs is about twenty
// times slower: tests that render whole reports then use fewer variants.
const raceEnabled = true
