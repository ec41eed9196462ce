//go:build unix

package chat

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used (user plus system). On
// a shared machine wall-clock benchmarks measure the neighbours too; the
// msg/cpu-s figure divides by the CPU time the pipeline actually got.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
