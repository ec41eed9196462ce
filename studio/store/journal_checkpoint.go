package store

import (
	"context"
	"fmt"
	"time"
)

// checkpointEvery is how often a Journal's checkpointer copies the WAL
// into the database file. At 10,000 events a second the WAL grows by a
// few MB a second; a second's worth is a short checkpoint.
const checkpointEvery = time.Second

// sqliteAutoCheckpoint is SQLite's default wal_autocheckpoint (pages),
// what the writer goes back to when the journal closes.
const sqliteAutoCheckpoint = 1000

// startCheckpointer moves WAL checkpoints off the writer while a Journal is
// open. By default SQLite checkpoints inside the commit that takes the WAL
// past 1000 pages, and with synchronous=NORMAL that checkpoint fsyncs: at
// 10,000 events a second it struck every third of a second and set the
// write p99 (5-15 ms measured, against 3-4 ms without it). Here the writer
// connection stops checkpointing and a reader connection runs a PASSIVE
// checkpoint every second instead: PASSIVE never waits for the writer or
// the readers, and WAL mode lets it run beside a commit. Durability is
// unchanged, since a commit is safe once it is in the WAL. If the writer's
// connection is ever replaced it checkpoints by itself again: slower, not
// unsafe.
func (j *Journal) startCheckpointer(ctx context.Context) error {
	if _, err := j.db.w.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
		return fmt.Errorf("store: journal: %w", err)
	}
	j.ckptStop, j.ckptDone = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(j.ckptDone)
		tick := time.NewTicker(checkpointEvery)
		defer tick.Stop()
		for {
			select {
			case <-j.ckptStop:
				return
			case <-tick.C:
				j.checkpoint()
			}
		}
	}()
	return nil
}

func (j *Journal) checkpoint() {
	var busy, logged, copied int
	err := j.db.r.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logged, &copied)
	if err != nil {
		j.log.Warn("show journal: checkpoint", "err", err)
	}
}

// stopCheckpointer gives checkpoints back to the writer, after a last one
// of the journal's own.
func (j *Journal) stopCheckpointer() error {
	close(j.ckptStop)
	<-j.ckptDone
	j.checkpoint()
	if _, err := j.db.w.ExecContext(context.Background(), fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", sqliteAutoCheckpoint)); err != nil {
		return fmt.Errorf("store: journal: %w", err)
	}
	return nil
}
