package chat

import (
	"sync"
	"time"
)

// Sink is where the pipeline sends every message with its decision, and
// every approve, deny or expiry of a held one, so that nothing is lost: a
// message the pane never shows (rate-limited, held, blocked) is still
// stored. The store implements it later; the pipeline calls it inside
// its lock, in order, so an implementation must not block for long (queue
// and write in batches) and must be safe for use from several goroutines.
type Sink interface {
	Record(m Message, d Decision) error
	Resolve(r Resolution) error
}

// Verdict is what became of a held message.
type Verdict string

const (
	Approved Verdict = "approved" // a moderator let it through
	Denied   Verdict = "denied"   // a moderator kept it out
	Expired  Verdict = "expired"  // the held queue was full and it was the oldest
)

// Resolution is the end of a message's time in the held queue.
type Resolution struct {
	MessageID string
	Verdict   Verdict
	Moderator string // empty for Expired
	Time      time.Time
}

// Record is a message and its decision, as MemorySink keeps them.
type Record struct {
	Message  Message
	Decision Decision
}

// MemorySink keeps everything in memory, for tests and for `vitrina chat
// check`. It grows without bound: not for a live show.
type MemorySink struct {
	mu          sync.Mutex
	records     []Record
	resolutions []Resolution
}

func (s *MemorySink) Record(m Message, d Decision) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records = append(s.records, Record{m, d})
	return nil
}

func (s *MemorySink) Resolve(r Resolution) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resolutions = append(s.resolutions, r)
	return nil
}

// Records returns a copy of what was recorded, oldest first.
func (s *MemorySink) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Record(nil), s.records...)
}

// Resolutions returns a copy of the resolutions, oldest first.
func (s *MemorySink) Resolutions() []Resolution {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Resolution(nil), s.resolutions...)
}

// CountingSink stores nothing and counts: for floods and benchmarks, where
// keeping every message would measure the sink, not the pipeline.
type CountingSink struct {
	mu                 sync.Mutex
	Recorded, Resolved int
}

func (s *CountingSink) Record(Message, Decision) error {
	s.mu.Lock()
	s.Recorded++
	s.mu.Unlock()
	return nil
}

func (s *CountingSink) Resolve(Resolution) error {
	s.mu.Lock()
	s.Resolved++
	s.mu.Unlock()
	return nil
}

// Counts returns how many messages and resolutions it has seen.
func (s *CountingSink) Counts() (recorded, resolved int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Recorded, s.Resolved
}
