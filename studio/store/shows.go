package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Show is one live session. EndedAt is zero while the show is live, and
// stays zero for a show whose process died: its last event tells when it
// really stopped.
type Show struct {
	ID                 int64
	Title, Recording   string
	StartedAt, EndedAt time.Time
}

// Live tells whether the show has not ended (or never said so).
func (s Show) Live() bool { return s.EndedAt.IsZero() }

// StartShow records a show that starts at at, with the path of its
// recording ("" when none), and returns its id.
func (db *DB) StartShow(ctx context.Context, title, recording string, at time.Time) (int64, error) {
	if at.IsZero() {
		at = time.Now()
	}
	var id int64
	err := db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "INSERT INTO shows(title, recording, started_at) VALUES (?, ?, ?)",
			title, recording, at.UnixMilli())
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: start show %q: %w", title, err)
	}
	return id, nil
}

// EndShow marks show id as ended at at. Ending it twice is ErrShowEnded, so
// a second caller learns it did not set the time it thinks it set.
func (db *DB) EndShow(ctx context.Context, id int64, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE shows SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
			at.UnixMilli(), id)
		if err != nil {
			return fmt.Errorf("store: end show %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		if _, err := loadShow(ctx, tx, "WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: end show %d: %w", id, err)
		}
		return fmt.Errorf("store: end show %d: %w", id, ErrShowEnded)
	})
}

// Shows lists every show, newest first.
func (db *DB) Shows(ctx context.Context) ([]Show, error) {
	rows, err := db.r.QueryContext(ctx, showColumns+" ORDER BY started_at DESC, id DESC")
	if err != nil {
		return nil, fmt.Errorf("store: shows: %w", err)
	}
	var out []Show
	for rows.Next() {
		s, err := scanShow(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: shows: %w", err)
		}
		out = append(out, s)
	}
	return out, closeRows(rows, "shows")
}

// FindShow finds a show the way `vitrina report SHOW` and `vitrina clips
// SHOW` name one: its numeric id, "latest", or its exact title (the newest
// show of that title, since a weekly show keeps its name). An id wins over
// a show titled with the same digits. ErrNoShow when nothing matches.
func (db *DB) FindShow(ctx context.Context, ref string) (Show, error) {
	if ref == "" {
		return Show{}, fmt.Errorf("store: %w: no show named", ErrNoShow)
	}
	if ref == "latest" {
		s, err := loadShow(ctx, db.r, "ORDER BY started_at DESC, id DESC LIMIT 1")
		if errors.Is(err, ErrNoShow) {
			return Show{}, fmt.Errorf("store: latest show: %w: there is no show yet", ErrNoShow)
		}
		return s, err
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		s, err := loadShow(ctx, db.r, "WHERE id = ?", id)
		if !errors.Is(err, ErrNoShow) {
			return s, err
		}
	}
	s, err := loadShow(ctx, db.r, "WHERE title = ? ORDER BY started_at DESC, id DESC LIMIT 1", ref)
	if errors.Is(err, ErrNoShow) {
		return Show{}, fmt.Errorf("store: %w: no show has id or title %q", ErrNoShow, ref)
	}
	return s, err
}

const showColumns = "SELECT id, title, recording, started_at, ended_at FROM shows"

type rowScanner interface{ Scan(dest ...any) error }

func scanShow(r rowScanner) (Show, error) {
	var s Show
	var started int64
	var ended sql.NullInt64
	if err := r.Scan(&s.ID, &s.Title, &s.Recording, &started, &ended); err != nil {
		return Show{}, err
	}
	s.StartedAt = time.UnixMilli(started)
	if ended.Valid {
		s.EndedAt = time.UnixMilli(ended.Int64)
	}
	return s, nil
}

// loadShow reads the one show that tail (a WHERE and/or ORDER clause)
// selects; a bare ErrNoShow if none, for the caller to wrap with the ref.
func loadShow(ctx context.Context, q querier, tail string, args ...any) (Show, error) {
	s, err := scanShow(q.QueryRowContext(ctx, showColumns+" "+tail, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Show{}, ErrNoShow
	}
	if err != nil {
		return Show{}, fmt.Errorf("store: show: %w", err)
	}
	return s, nil
}
