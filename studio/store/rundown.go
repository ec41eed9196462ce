package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ErrBadRundown: a rundown entry without a product, a product listed
// twice, or a negative planned time: a caller's bug.
var ErrBadRundown = errors.New("bad rundown")

// RundownEntry is one product of a show's rundown, as it was when the show
// started.
type RundownEntry struct {
	Position int    // 1-based, in the host's order
	Product  string // the SKU, or the handle of a product without one
	Title    string
	Planned  time.Duration // 0 when no time was planned
	Notes    string
	FAQ      []string
}

// SetRundown stores show id's rundown, replacing any earlier one (a show
// restarted by the same process writes it again). Positions are given by
// the order of entries, whatever their Position says. ErrNoShow when the
// show is not in the store.
func (db *DB) SetRundown(ctx context.Context, id int64, entries []RundownEntry) error {
	seen := map[string]bool{}
	for i, e := range entries {
		if e.Product == "" || seen[e.Product] || e.Planned < 0 {
			return fmt.Errorf("store: rundown of show %d: entry %d (%q): %w", id, i+1, e.Product, ErrBadRundown)
		}
		seen[e.Product] = true
	}
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM show_rundown WHERE show_id = ?", id); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO show_rundown(show_id, position, product, title, planned_ms, notes, faq)
			VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, e := range entries {
			faq := e.FAQ
			if faq == nil {
				faq = []string{}
			}
			b, err := json.Marshal(faq)
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, id, i+1, e.Product, e.Title, e.Planned.Milliseconds(), e.Notes, string(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: rundown of show %d: %w", id, err)
	}
	return nil
}

// Rundown reads show id's rundown in order; empty when the show had none
// (or started before this table existed).
func (db *DB) Rundown(ctx context.Context, id int64) ([]RundownEntry, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT position, product, title, planned_ms, notes, faq
		FROM show_rundown WHERE show_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("store: rundown of show %d: %w", id, err)
	}
	var out []RundownEntry
	for rows.Next() {
		var e RundownEntry
		var ms int64
		var faq string
		if err := rows.Scan(&e.Position, &e.Product, &e.Title, &ms, &e.Notes, &faq); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: rundown of show %d: %w", id, err)
		}
		e.Planned = time.Duration(ms) * time.Millisecond
		if err := json.Unmarshal([]byte(faq), &e.FAQ); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: rundown of show %d: faq of %q: %w", id, e.Product, err)
		}
		out = append(out, e)
	}
	return out, closeRows(rows, "rundown")
}
