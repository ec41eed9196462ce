//go:build !race

package chatstore

const raceEnabled = false
