package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile to VITRINA_CPUPROFILE when it is set: a
// developer's switch for `make bench` investigations, off for users.
func startProfile() func() {
	path := os.Getenv("VITRINA_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
