//go:build race

package chatstore

// raceEnabled: the race detector slows the code ten times over, so the
// real-time figures mean nothing under it.
const raceEnabled = true
