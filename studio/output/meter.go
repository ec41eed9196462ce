package output

import (
	"sync"
	"sync/atomic"
	"time"
)

// Counters are an output's live figures, for the destinations panel and
// the log: what it sent, at what rate, and for WHIP the round trip.
type Counters struct {
	Bytes       int64
	BitrateKbps int
	RTT         time.Duration // WHIP only: from RTCP receiver reports
}

// Counting is implemented by outputs that count what they send; the
// handler adds their counters to its Status.
type Counting interface {
	Counters() Counters
}

// Meter counts bytes sent and gives the bitrate over the last two seconds
// or so: short enough to show a stall, long enough not to flicker with
// every keyframe. Outputs embed one and call Add for each packet sent.
type Meter struct {
	bytes atomic.Int64
	rtt   atomic.Int64

	mu       sync.Mutex
	mark     time.Time // start of the current window
	markSent int64
	rate     int // kbps over the previous window
}

const meterWindow = 2 * time.Second

// Add records n bytes sent now.
func (m *Meter) Add(n int) {
	total := m.bytes.Add(int64(n))
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.mark.IsZero() {
		m.mark, m.markSent = now, total-int64(n)
		return
	}
	if d := now.Sub(m.mark); d >= meterWindow {
		m.rate = int(float64(total-m.markSent) * 8 / d.Seconds() / 1000)
		m.mark, m.markSent = now, total
	}
}

// SetRTT records the latest round-trip time.
func (m *Meter) SetRTT(d time.Duration) { m.rtt.Store(int64(d)) }

// Counters returns the figures so far. A destination that stopped sending
// for more than two windows shows 0 kbps, not its last rate.
func (m *Meter) Counters() Counters {
	m.mu.Lock()
	rate := m.rate
	if !m.mark.IsZero() && time.Since(m.mark) > 2*meterWindow {
		rate = 0
	}
	m.mu.Unlock()
	return Counters{Bytes: m.bytes.Load(), BitrateKbps: rate, RTT: time.Duration(m.rtt.Load())}
}
