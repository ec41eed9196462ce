//go:build !unix

package chat

import "time"

// processCPU is not measured off Unix; the benchmark reports wall-clock
// throughput only.
func processCPU() (time.Duration, bool) { return 0, false }
