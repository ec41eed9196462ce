package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Outbox keeps the events one relay room has not acknowledged yet, with
// their wire ids, and where the studio stopped reading the room. It is
// the platform client's memory across cuts, relay restarts and crashes.
type Outbox struct {
	db   *DB
	room string
}

// OutboxFrame is one event waiting for its ack. It is an alias of an
// unnamed struct so that platform.Outbox, which spells the same struct,
// is satisfied without either package importing the other.
type OutboxFrame = struct {
	ID    uint64
	Frame []byte
}

// Outbox opens the outbox of a room (the relay's events URL, without
// credentials).
func (db *DB) Outbox(room string) *Outbox { return &Outbox{db: db, room: room} }

// Add gives the next event its id, has frame encode it with that id, and
// stores it in one transaction: an event is either kept with its id or not
// at all.
func (o *Outbox) Add(ctx context.Context, frame func(id uint64) ([]byte, error)) (uint64, error) {
	var id uint64
	err := o.db.Write(ctx, func(tx *sql.Tx) error {
		next, err := o.nextID(ctx, tx)
		if err != nil {
			return err
		}
		b, err := frame(next)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO platform_outbox(room, id, frame, created_at) VALUES (?, ?, ?, ?)`,
			o.room, next, b, time.Now().UnixMilli()); err != nil {
			return fmt.Errorf("store: outbox: %w", err)
		}
		id = next
		return o.setNext(ctx, tx, next+1)
	})
	return id, err
}

// Pending lists the events without an ack, oldest first.
func (o *Outbox) Pending(ctx context.Context) ([]OutboxFrame, error) {
	var out []OutboxFrame
	err := o.db.Read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, frame FROM platform_outbox WHERE room = ? AND acked_at IS NULL ORDER BY id`, o.room)
		if err != nil {
			return fmt.Errorf("store: outbox: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var f OutboxFrame
			if err := rows.Scan(&f.ID, &f.Frame); err != nil {
				return fmt.Errorf("store: outbox: %w", err)
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// Ack marks every pending event with an id up to and including id as
// taken: the relay takes a sender's ids in order, so an ack (or its
// welcome's last_id) covers the ones before it.
func (o *Outbox) Ack(ctx context.Context, id uint64) error {
	return o.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE platform_outbox SET acked_at = ? WHERE room = ? AND id <= ? AND acked_at IS NULL`,
			time.Now().UnixMilli(), o.room, id)
		if err != nil {
			return fmt.Errorf("store: outbox ack: %w", err)
		}
		return nil
	})
}

// Raise makes ids allocated from now on greater than floor: a relay that
// remembers a higher last id for this host (a studio on a new data
// directory) would otherwise drop the new events as duplicates.
func (o *Outbox) Raise(ctx context.Context, floor uint64) error {
	return o.db.Write(ctx, func(tx *sql.Tx) error {
		next, err := o.nextID(ctx, tx)
		if err != nil || next > floor {
			return err
		}
		return o.setNext(ctx, tx, floor+1)
	})
}

// Cursor is the relay epoch and the last seq processed in it (empty and 0
// before the first).
func (o *Outbox) Cursor(ctx context.Context) (epoch string, seq uint64, err error) {
	err = o.db.Read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT epoch, seq FROM platform_cursor WHERE room = ?`, o.room).Scan(&epoch, &seq)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return epoch, seq, err
}

// SetCursor records the last seq processed.
func (o *Outbox) SetCursor(ctx context.Context, epoch string, seq uint64) error {
	return o.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO platform_cursor(room, epoch, seq) VALUES (?, ?, ?)
			ON CONFLICT(room) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq`, o.room, epoch, seq)
		return err
	})
}

func (o *Outbox) nextID(ctx context.Context, tx *sql.Tx) (uint64, error) {
	var next uint64
	err := tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT next_id FROM platform_cursor WHERE room = ?1), 1),
		coalesce((SELECT max(id) + 1 FROM platform_outbox WHERE room = ?1), 1))`, o.room).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("store: outbox id: %w", err)
	}
	return next, nil
}

func (o *Outbox) setNext(ctx context.Context, tx *sql.Tx, next uint64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO platform_cursor(room, epoch, seq, next_id) VALUES (?, '', 0, ?)
		ON CONFLICT(room) DO UPDATE SET next_id = excluded.next_id`, o.room, next)
	if err != nil {
		return fmt.Errorf("store: outbox id: %w", err)
	}
	return nil
}
