// Package chatstore keeps a show's chat in the store: a chat.Sink that
// writes every message with its decision and every resolution in batches,
// the audit log of the moderators' actions (chat.AuditLog) and the user
// card (chat.Cards).
//
// Why a package of its own: studio/chat is the moderation engine and must
// not depend on SQLite (`vitrina chat check` and the benchmarks run it
// bare), and studio/store keeps its own row types so that it depends on no
// domain package. This adapter imports both and maps between them, so
// neither imports the other and no cycle can form.
package chatstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// Sentinels; test them with errors.Is.
var (
	// ErrDropped: the queue was full (the store cannot keep up, or is
	// stuck), so the message was not kept. Counted in Stats.Dropped.
	ErrDropped = errors.New("chat store queue full: message dropped")
	// ErrClosed: the sink was closed.
	ErrClosed = errors.New("chat store closed")
)

// Config sets up a Sink.
type Config struct {
	DB   *store.DB
	Show string // the show the messages belong to ('' for none)
	// QueueSize bounds the messages waiting to be written (default
	// 65536: more than six seconds of a 10,000 messages a second flood);
	// QueueBytes bounds their text (default 64 MiB), so 64 KiB messages
	// cannot fill memory before the count does.
	QueueSize  int
	QueueBytes int64
	// BatchSize is the most rows one transaction writes (default 4096).
	BatchSize int
	// Linger is how long the writer waits for a batch to fill once it has
	// a message (default 10 ms): at 2,000 messages a second that is one
	// commit per 20 rows instead of one per row or two, for 10 ms of delay
	// on the way to disk, none on the way to the pane. Negative: none.
	Linger time.Duration
	Logger *slog.Logger
}

// Sink is a chat.Sink backed by the store. Record and Resolve only queue
// (the pipeline calls them under its lock): one goroutine writes what has
// queued up, all of it in one transaction, so the batches grow with the
// load and a flood costs a commit per batch, not per message. When the
// queue is full a message is dropped, counted and logged at error level;
// sized as it is, that takes a store stuck for seconds.
type Sink struct {
	cfg Config
	log *slog.Logger
	ch  chan *item

	mu     sync.RWMutex // closed, against a send on a closed channel
	closed bool
	done   chan struct{}

	pending atomic.Int64 // bytes queued
	st      counters
}

type item struct {
	msg   chat.Message
	dec   chat.Decision
	res   *chat.Resolution
	flush chan struct{}
	at    time.Time
	size  int64
	// textBytes is the text's length as received, before any cut.
	textBytes int
}

// Open starts the sink's writer. Close it at the end of the show.
func Open(cfg Config) (*Sink, error) {
	if cfg.DB == nil {
		return nil, fmt.Errorf("chatstore: no database")
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 65536
	}
	if cfg.QueueBytes <= 0 {
		cfg.QueueBytes = 64 << 20
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 4096
	}
	if cfg.Linger == 0 {
		cfg.Linger = 10 * time.Millisecond
	}
	s := &Sink{cfg: cfg, log: cfg.Logger, ch: make(chan *item, cfg.QueueSize), done: make(chan struct{})}
	if s.log == nil {
		s.log = slog.Default()
	}
	go s.writer()
	return s, nil
}

// itemOverhead is what a queued message costs besides its text.
const itemOverhead = 512

// Record queues a message and its decision. It never blocks.
func (s *Sink) Record(m chat.Message, d chat.Decision) error {
	n := len(m.Text)
	if n > store.MaxChatText {
		// Keep only what the store keeps (one byte more, so it can cut on
		// a rune), and copy it, so the queue does not hold a 10 MB text.
		m.Text = strings.Clone(m.Text[:store.MaxChatText+1])
	}
	it := &item{msg: m, dec: d, textBytes: n, size: int64(len(m.Text)+len(m.Display)) + itemOverhead}
	return s.enqueue(it)
}

// Resolve queues the end of a held message.
func (s *Sink) Resolve(r chat.Resolution) error {
	return s.enqueue(&item{res: &r, size: itemOverhead})
}

func (s *Sink) enqueue(it *item) error {
	it.at = time.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	if s.pending.Add(it.size) > s.cfg.QueueBytes {
		s.pending.Add(-it.size)
		return s.drop()
	}
	select {
	case s.ch <- it:
		s.st.queued.Add(1)
		s.st.depth(len(s.ch))
		return nil
	default:
		s.pending.Add(-it.size)
		return s.drop()
	}
}

// drop counts a message the queue had no room for and says so loudly: the
// first, then every 1024th, so a stuck store under a flood does not also
// flood the log.
func (s *Sink) drop() error {
	n := s.st.dropped.Add(1)
	if n == 1 || n%1024 == 0 {
		s.log.Error("chat store cannot keep up: messages dropped", "show", s.cfg.Show, "dropped", n,
			"queued", len(s.ch), "queue_bytes", s.pending.Load())
	}
	return ErrDropped
}

// Flush waits until everything queued before it has been written (or has
// failed), or ctx ends.
func (s *Sink) Flush(ctx context.Context) error {
	it := &item{flush: make(chan struct{})}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil // Close wrote everything
	}
	select {
	case s.ch <- it:
	case <-ctx.Done():
		s.mu.RUnlock()
		return ctx.Err()
	}
	s.mu.RUnlock()
	select {
	case <-it.flush:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops taking messages, writes what is queued and stops the writer.
// Later Records return ErrClosed.
func (s *Sink) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.ch)
	}
	s.mu.Unlock()
	<-s.done
	if n := s.st.lost.Load(); n > 0 {
		return fmt.Errorf("chatstore: %d messages could not be written", n)
	}
	return nil
}
