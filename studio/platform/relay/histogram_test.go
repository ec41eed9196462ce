package relay

import (
	"fmt"
	"sync/atomic"
	"time"
)

// histogram counts latencies in 100 µs buckets up to 5 s, safely from many
// goroutines.
type histogram struct {
	buckets [50000]atomic.Int64
	n, sum  atomic.Int64
	on      atomic.Bool // samples count only while on
}

const bucketWidth = 100 * time.Microsecond

func (h *histogram) add(d time.Duration) {
	if !h.on.Load() {
		return
	}
	i := int(max(d, 0) / bucketWidth)
	if i >= len(h.buckets) {
		i = len(h.buckets) - 1
	}
	h.buckets[i].Add(1)
	h.n.Add(1)
	h.sum.Add(int64(d))
}

// percentile is the upper edge of the bucket holding the p-th percentile.
func (h *histogram) percentile(p float64) time.Duration {
	total := h.n.Load()
	if total == 0 {
		return 0
	}
	want := int64(float64(total)*p/100 + 0.5)
	var seen int64
	for i := range h.buckets {
		seen += h.buckets[i].Load()
		if seen >= max(want, 1) {
			return time.Duration(i+1) * bucketWidth
		}
	}
	return time.Duration(len(h.buckets)) * bucketWidth
}

func (h *histogram) String() string {
	n := h.n.Load()
	if n == 0 {
		return "no samples"
	}
	r := func(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }
	return fmt.Sprintf("n=%d mean=%s p50=%s p95=%s p99=%s", n, r(time.Duration(h.sum.Load()/n)),
		r(h.percentile(50)), r(h.percentile(95)), r(h.percentile(99)))
}
