package store

import "time"

// Gather is the group commit of the store's batching writers (the show
// journal, the chat sink): given a batch holding its first item, it takes
// more from ch, waiting up to linger for them (not at all when linger is 0
// or the first item is urgent), then only what is already queued, until
// the batch weighs limit. An urgent item, someone waiting for the disk, ends
// the wait; a closed ch ends the batch. timer is the caller's, reused
// between batches, and is left stopped. It returns the batch and its
// weight. urgent may be nil.
func Gather[T any](ch <-chan T, batch []T, timer *time.Timer, linger time.Duration, limit int,
	weight func(T) int, urgent func(T) bool) ([]T, int) {
	n := 0
	waiting := linger > 0
	for _, it := range batch {
		n += weight(it)
		if urgent != nil && urgent(it) {
			waiting = false
		}
	}
	if waiting {
		timer.Reset(linger)
	}
	// Since Go 1.23 a stopped or reset timer never delivers a stale tick,
	// so it is stopped and reset without draining its channel.
	defer timer.Stop()
	for n < limit {
		var it T
		var ok bool
		if waiting {
			select {
			case it, ok = <-ch:
			case <-timer.C:
				waiting = false
				continue
			}
		} else {
			select {
			case it, ok = <-ch:
			default:
				return batch, n
			}
		}
		if !ok {
			return batch, n // closed: write what there is, then stop
		}
		batch = append(batch, it)
		n += weight(it)
		if urgent != nil && urgent(it) {
			waiting = false
		}
	}
	return batch, n
}
