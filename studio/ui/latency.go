package ui

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// latency keeps how long things took to reach the screen: from an engine
// event (or a chat message) being handed over to its widget being updated
// on the UI goroutine. It keeps the newest samples only.
type latency struct {
	mu      sync.Mutex
	samples []time.Duration
	next    int
	count   int64
}

const latencySamples = 1 << 16

func (l *latency) add(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.samples) < latencySamples {
		l.samples = append(l.samples, d)
	} else {
		l.samples[l.next] = d
		l.next = (l.next + 1) % latencySamples
	}
	l.count++
}

// Latency is a summary of those delays.
type Latency struct {
	Count         int64
	P50, P99, Max time.Duration
}

func (s Latency) String() string {
	return fmt.Sprintf("n=%d p50=%v p99=%v max=%v", s.Count,
		s.P50.Round(10*time.Microsecond), s.P99.Round(10*time.Microsecond), s.Max.Round(10*time.Microsecond))
}

func (l *latency) summary() Latency {
	l.mu.Lock()
	s := slices.Clone(l.samples)
	n := l.count
	l.mu.Unlock()
	if len(s) == 0 {
		return Latency{}
	}
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return Latency{Count: n, P50: at(0.50), P99: at(0.99), Max: s[len(s)-1]}
}
