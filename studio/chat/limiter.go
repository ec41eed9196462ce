package chat

import "time"

// displayLimiter is a token bucket for the pane: at most rate messages a
// second on average, bursts up to burst. Under a flood of 10,000 messages
// a second the pane stays readable; what it does not show is counted and
// still stored. It runs on message time, so tests need no clock and a
// replay shows what the live pane would have shown.
type displayLimiter struct {
	rate, burst, tokens float64
	last                time.Time
}

func newDisplayLimiter(cfg DisplayConfig) *displayLimiter {
	return &displayLimiter{rate: cfg.PerSecond, burst: float64(cfg.Burst), tokens: float64(cfg.Burst)}
}

func (l *displayLimiter) allow(now time.Time) bool {
	if !l.last.IsZero() && now.After(l.last) {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	if l.last.IsZero() || now.After(l.last) {
		l.last = now
	}
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}
