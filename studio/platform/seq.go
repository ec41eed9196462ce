package platform

// Dedup is the receiving side of one sender's ids: ids only grow, so an
// id at or below the last one taken has been seen and is not applied
// again. The relay keeps one per host and per viewer session; a client
// keeps one over the relay's seqs. The zero value is ready.
type Dedup struct{ last uint64 }

// Take reports whether id is new, and if so remembers it. Id 0 (control
// messages, ephemeral events) is never a duplicate and never remembered.
func (d *Dedup) Take(id uint64) bool {
	if id == 0 {
		return true
	}
	if id <= d.last {
		return false
	}
	d.last = id
	return true
}

// Last is the highest id taken.
func (d *Dedup) Last() uint64 { return d.last }

// Log is the relay's bounded replay log: the latest entries in seq order,
// seqs counting from 1 without gaps. When full, the oldest entry goes.
type Log[T any] struct {
	ring []T
	head uint64 // seq of the newest entry; 0 while empty
	n    int    // entries held
}

// NewLog makes a log that keeps the latest capacity entries.
func NewLog[T any](capacity int) *Log[T] {
	if capacity < 1 {
		capacity = 1
	}
	return &Log[T]{ring: make([]T, capacity)}
}

// Append adds an entry and returns its seq.
func (l *Log[T]) Append(v T) uint64 {
	l.head++
	l.ring[int((l.head-1)%uint64(len(l.ring)))] = v
	if l.n < len(l.ring) {
		l.n++
	}
	return l.head
}

// Head is the seq of the newest entry (0 when nothing was logged).
func (l *Log[T]) Head() uint64 { return l.head }

// Oldest is the seq of the oldest entry held (0 when empty).
func (l *Log[T]) Oldest() uint64 {
	if l.n == 0 {
		return 0
	}
	return l.head - uint64(l.n) + 1
}

// After returns the entries with seq greater than seq, oldest first, and
// whether they are complete: false when some of them were already dropped,
// or when seq is ahead of the log (it came from another run).
func (l *Log[T]) After(seq uint64) ([]T, bool) {
	if seq > l.head {
		return nil, false
	}
	if seq == l.head {
		return nil, true
	}
	if seq+1 < l.Oldest() {
		return nil, false
	}
	out := make([]T, 0, l.head-seq)
	for s := seq + 1; s <= l.head; s++ {
		out = append(out, l.ring[int((s-1)%uint64(len(l.ring)))])
	}
	return out, true
}

// Get returns the entry with a seq, if it is still held.
func (l *Log[T]) Get(seq uint64) (T, bool) {
	var zero T
	if seq == 0 || seq > l.head || seq < l.Oldest() {
		return zero, false
	}
	return l.ring[int((seq-1)%uint64(len(l.ring)))], true
}
