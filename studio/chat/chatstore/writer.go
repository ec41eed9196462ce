package chatstore

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// Retrying a failed batch: a busy or briefly failing disk should cost a
// wait, not messages. The queue in front keeps taking messages meanwhile
// (and drops, counted, only when it is full).
const (
	retryFirst = 50 * time.Millisecond
	retryMax   = time.Second
	// writeLimit bounds one batch's transaction, so a wedged database
	// turns into a retry rather than a writer stuck for ever.
	writeLimit = 30 * time.Second
)

// writer takes what is queued, waits up to Linger for more, writes it in
// one transaction, and repeats; under a flood the batch is full at once.
// A flush marker ends the wait: someone is waiting for the disk.
func (s *Sink) writer() {
	defer close(s.done)
	batch := make([]*item, 0, s.cfg.BatchSize)
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for {
		it, ok := <-s.ch
		if !ok {
			return
		}
		batch, _ = store.Gather(s.ch, append(batch[:0], it), linger, s.cfg.Linger, s.cfg.BatchSize,
			func(*item) int { return 1 }, func(it *item) bool { return it.flush != nil })
		s.write(batch)
	}
}

func (s *Sink) write(batch []*item) {
	var msgs []store.ChatMessage
	var res []store.ChatResolution
	var flushes []chan struct{}
	var size int64
	oldest := time.Time{}
	for _, it := range batch {
		switch {
		case it.flush != nil:
			flushes = append(flushes, it.flush)
			continue
		case it.res != nil:
			res = append(res, storeResolution(s.cfg.Show, *it.res))
		default:
			msgs = append(msgs, storeMessage(s.cfg.Show, it))
		}
		size += it.size
		if oldest.IsZero() {
			oldest = it.at
		}
	}
	wait := retryFirst
	for try := 1; len(msgs)+len(res) > 0; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), writeLimit)
		err := s.cfg.DB.WriteChat(ctx, msgs, res)
		cancel()
		if err == nil {
			s.st.written.Add(uint64(len(msgs)))
			s.st.resolved.Add(uint64(len(res)))
			s.st.batches.Add(1)
			s.st.batch(len(msgs) + len(res))
			s.st.lag(time.Since(oldest))
			break
		}
		s.st.errors.Add(1)
		s.mu.RLock()
		closing := s.closed
		s.mu.RUnlock()
		if closing && try >= 3 {
			s.st.lost.Add(uint64(len(msgs) + len(res)))
			s.log.Error("chat store write failed: messages lost", "show", s.cfg.Show, "messages", len(msgs),
				"resolutions", len(res), "tries", try, "err", err)
			break
		}
		if try == 1 || try%10 == 0 {
			s.log.Error("chat store write failed, retrying", "show", s.cfg.Show, "messages", len(msgs), "tries", try, "err", err)
		}
		time.Sleep(wait)
		wait = min(2*wait, retryMax)
	}
	s.pending.Add(-size)
	for _, f := range flushes {
		close(f)
	}
}

// Stats are the sink's counters since Open.
type Stats struct {
	Queued   uint64        // messages and resolutions taken
	Written  uint64        // messages committed
	Resolved uint64        // resolutions committed
	Dropped  uint64        // refused because the queue was full
	Lost     uint64        // taken but never written (the store kept failing until Close)
	Errors   uint64        // failed write attempts (each batch is retried)
	Batches  uint64        // transactions committed
	MaxBatch int           // the largest batch
	MaxDepth int           // the longest the queue has been
	MaxLag   time.Duration // the longest from Record to commit
	Queue    int           // waiting now
}

// Stats returns the counters.
func (s *Sink) Stats() Stats {
	return Stats{Queued: s.st.queued.Load(), Written: s.st.written.Load(), Resolved: s.st.resolved.Load(),
		Dropped: s.st.dropped.Load(), Lost: s.st.lost.Load(), Errors: s.st.errors.Load(),
		Batches: s.st.batches.Load(), MaxBatch: int(s.st.maxBatch.Load()), MaxDepth: int(s.st.maxDepth.Load()),
		MaxLag: time.Duration(s.st.maxLag.Load()), Queue: len(s.ch)}
}

type counters struct {
	queued, written, resolved, dropped, lost, errors, batches atomic.Uint64
	maxBatch, maxDepth, maxLag                                atomic.Int64
}

func raise(v *atomic.Int64, x int64) {
	for {
		cur := v.Load()
		if x <= cur || v.CompareAndSwap(cur, x) {
			return
		}
	}
}

func (c *counters) batch(n int)         { raise(&c.maxBatch, int64(n)) }
func (c *counters) depth(n int)         { raise(&c.maxDepth, int64(n)) }
func (c *counters) lag(d time.Duration) { raise(&c.maxLag, int64(d)) }
func storeResolution(show string, r chat.Resolution) store.ChatResolution {
	return store.ChatResolution{Show: show, MessageID: r.MessageID, Verdict: string(r.Verdict), Moderator: r.Moderator, At: r.Time}
}
