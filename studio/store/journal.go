package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Journal appends show events with group commit: appends from any number
// of goroutines queue on a channel, and one goroutine writes whatever has
// queued in a single transaction. Each Append returns once the transaction
// holding its events has committed.
//
// Why: a commit costs far more than an insert (BEGIN, the WAL write
// syscalls, COMMIT, the driver's round trips): one transaction per event
// tops out near 12,000 events a second on a 2-core machine, so at 10,000 the
// writer connection is nearly always busy and a claim waits behind it. Batching pays one commit for everything that
// arrived in the meantime. The writer lingers a moment (1 ms by default)
// after the first append of a batch: measured at 10,000 appends a second,
// committing at once gave batches of two and a writer that used a whole
// core, and that CPU, on a shared machine, became everyone's latency. A
// lone event waits that millisecond, far inside the 10 ms budget.
//
// Durability: the store runs WAL with synchronous=NORMAL. A committed
// batch is in the WAL file when Append returns, so it survives the
// process being killed (kill -9, a crash); a power cut can lose the
// commits since the last checkpoint. That is the trade this store makes
// everywhere, and what lets a commit take well under a millisecond.
type Journal struct {
	db       *DB
	in       chan journalReq
	maxBatch int
	linger   time.Duration
	log      *slog.Logger
	ins      *sql.Stmt      // prepared once on the one writer connection
	shows    map[int64]bool // shows known to exist; only run's goroutine uses it

	mu     sync.RWMutex // held for reading while sending, for writing by Close
	closed bool
	done   chan struct{}

	commits  atomic.Int64 // transactions written, to see the grouping in tests
	ckptStop chan struct{}
	ckptDone chan struct{}
}

type journalReq struct {
	evs  []ShowEvent
	done chan error
}

// JournalOptions tune a Journal; the zero value is fine.
type JournalOptions struct {
	// MaxBatch caps the events in one transaction (default 4096), so one
	// commit never holds the writer long enough to delay a claim.
	MaxBatch int
	// Linger is how long the writer waits for more appends after the
	// first of a batch (default 1 ms; negative: not at all).
	Linger time.Duration
	// Queue is how many appends may wait for the writer (default 4096).
	Queue  int
	Logger *slog.Logger
}

// NewJournal starts a journal on db. Close it before the DB. Open one per
// DB: while it is open it runs the WAL checkpoints (journal_checkpoint.go).
func (db *DB) NewJournal(ctx context.Context, opts JournalOptions) (*Journal, error) {
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 4096
	}
	if opts.Queue <= 0 {
		opts.Queue = 4096
	}
	switch {
	case opts.Linger == 0:
		opts.Linger = time.Millisecond
	case opts.Linger < 0:
		opts.Linger = 0
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	ins, err := db.w.PrepareContext(ctx, insertEventSQL)
	if err != nil {
		return nil, fmt.Errorf("store: journal: %w", err)
	}
	j := &Journal{db: db, in: make(chan journalReq, opts.Queue), maxBatch: opts.MaxBatch, linger: opts.Linger,
		log: opts.Logger, ins: ins, shows: map[int64]bool{}, done: make(chan struct{})}
	if err := j.startCheckpointer(ctx); err != nil {
		ins.Close()
		return nil, err
	}
	go j.run()
	return j, nil
}

// Append stores evs (all or none of them) and returns once they are
// committed. If ctx ends first Append returns ctx's error, and the events
// may or may not have been stored.
func (j *Journal) Append(ctx context.Context, evs ...ShowEvent) error {
	if len(evs) == 0 {
		return nil
	}
	evs = append([]ShowEvent(nil), evs...)
	for i := range evs {
		if err := evs[i].check(); err != nil {
			return fmt.Errorf("store: journal: event %d: %w", i, err)
		}
	}
	req := journalReq{evs: evs, done: make(chan error, 1)}
	j.mu.RLock()
	if j.closed {
		j.mu.RUnlock()
		return ErrJournalClosed
	}
	select {
	case j.in <- req:
		j.mu.RUnlock()
	case <-ctx.Done():
		j.mu.RUnlock()
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops taking appends, commits those already queued and returns
// when the last has committed. Closing twice is a no-op.
func (j *Journal) Close() error {
	j.mu.Lock()
	first := !j.closed
	if first {
		j.closed = true
		close(j.in)
	}
	j.mu.Unlock()
	<-j.done
	if !first {
		return nil
	}
	return errors.Join(j.stopCheckpointer(), j.ins.Close())
}

func (j *Journal) run() {
	defer close(j.done)
	var batch []journalReq
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for req := range j.in {
		var n int
		batch, n = Gather(j.in, append(batch[:0], req), linger, j.linger, j.maxBatch,
			func(r journalReq) int { return len(r.evs) }, nil)
		j.commit(batch, n)
	}
}

// commit writes a batch in one transaction. If it fails, each append is
// tried on its own, so one bad append (a show that does not exist) fails
// alone instead of failing everyone who shared its commit.
func (j *Journal) commit(batch []journalReq, n int) {
	ctx := context.Background() // an append's own ctx only bounds its wait
	evs := make([]ShowEvent, 0, n)
	for _, r := range batch {
		evs = append(evs, r.evs...)
	}
	err := j.db.Write(ctx, func(tx *sql.Tx) error { return j.insert(ctx, tx, evs) })
	j.commits.Add(1)
	if err == nil || len(batch) == 1 {
		for _, r := range batch {
			r.done <- err
		}
		return
	}
	j.log.Warn("show journal: batch failed, retrying its appends one by one", "appends", len(batch), "err", err)
	for _, r := range batch {
		r.done <- j.db.Write(ctx, func(tx *sql.Tx) error { return j.insert(ctx, tx, r.evs) })
	}
}

// insert is insertEvents with the journal's prepared statement, checking
// each show once in the journal's life rather than once a batch.
func (j *Journal) insert(ctx context.Context, tx *sql.Tx, evs []ShowEvent) error {
	for _, ev := range evs {
		if j.shows[ev.ShowID] {
			continue
		}
		if err := checkShows(ctx, tx, []ShowEvent{ev}); err != nil {
			return err
		}
		j.shows[ev.ShowID] = true
	}
	return execEvents(ctx, tx.StmtContext(ctx, j.ins), evs)
}
