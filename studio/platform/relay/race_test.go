//go:build race

package relay

// raceEnabled: the race detector's shadow memory makes RSS meaningless.
const raceEnabled = true
