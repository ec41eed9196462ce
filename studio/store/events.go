package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// The kinds of show event. Clips and chapters cut at pin/unpin; the report
// counts the rest.
const (
	KindPin        = "pin"
	KindUnpin      = "unpin"
	KindSaleStart  = "sale_start" // a flash sale: price, stock, duration
	KindSaleEnd    = "sale_end"
	KindStock      = "stock" // a product's stock was set (by the host, a flash sale)
	KindClaim      = "claim" // written by Claim, in the claim's transaction
	KindPurchase   = "purchase"
	KindPromo      = "promo" // a promo code dropped
	KindCoupon     = "coupon"
	KindGiveaway   = "giveaway" // banner, entrants added, draw
	KindLowerThird = "lower_third"
	KindViewers    = "viewers"
	KindChatRate   = "chat_rate"
	KindModeration = "moderation"
	KindRedeem     = "redeem" // a promo code or coupon used
)

// Kinds lists every kind the store accepts.
var Kinds = []string{KindPin, KindUnpin, KindSaleStart, KindSaleEnd, KindStock, KindClaim, KindPurchase,
	KindPromo, KindCoupon, KindGiveaway, KindLowerThird, KindViewers, KindChatRate, KindModeration, KindRedeem}

// ShowEvent is one thing that happened in a show. At is the wall clock and
// Offset the place on the recording's timeline (from the show's start);
// both are kept to the millisecond, far finer than a frame.
type ShowEvent struct {
	ID     int64
	ShowID int64
	At     time.Time
	Offset time.Duration
	Kind   string
	SKU    string          // the product, when the event is about one
	Data   json.RawMessage // kind-specific details (price, stock, code, count...), may be nil
}

// check refuses what the table would store but no reader could use; a zero
// At means now, so a caller that only knows the offset still gets a time.
func (ev *ShowEvent) check() error {
	if ev.ShowID <= 0 {
		return fmt.Errorf("%w: no show id", ErrBadEvent)
	}
	if !slices.Contains(Kinds, ev.Kind) {
		return fmt.Errorf("%w: unknown kind %q", ErrBadEvent, ev.Kind)
	}
	if len(ev.Data) > 0 && !json.Valid(ev.Data) {
		return fmt.Errorf("%w: %s data is not JSON", ErrBadEvent, ev.Kind)
	}
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	return nil
}

// AppendEvents stores evs in one transaction: all of them or, on any
// error, none. For many small appends from many goroutines use a Journal,
// which shares one commit among them.
func (db *DB) AppendEvents(ctx context.Context, evs ...ShowEvent) error {
	evs = slices.Clone(evs) // check fills in At; the caller's slice stays as given
	for i := range evs {
		if err := evs[i].check(); err != nil {
			return fmt.Errorf("store: event %d: %w", i, err)
		}
	}
	return db.Write(ctx, func(tx *sql.Tx) error { return insertEvents(ctx, tx, evs) })
}

const insertEventSQL = `INSERT INTO show_events(show_id, at, offset_ms, kind, sku, data) VALUES (?, ?, ?, ?, ?, ?)`

// insertEvents writes checked events inside tx through one prepared
// statement.
func insertEvents(ctx context.Context, tx *sql.Tx, evs []ShowEvent) error {
	if err := checkShows(ctx, tx, evs); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, insertEventSQL)
	if err != nil {
		return fmt.Errorf("store: events: %w", err)
	}
	defer st.Close()
	return execEvents(ctx, st, evs)
}

// checkShows looks each show of evs up once, so a missing show is
// ErrBadEvent with its id rather than a bare foreign-key failure.
func checkShows(ctx context.Context, tx *sql.Tx, evs []ShowEvent) error {
	seen := map[int64]bool{}
	for _, ev := range evs {
		if seen[ev.ShowID] {
			continue
		}
		if err := showExists(ctx, tx, ev.ShowID); err != nil {
			return fmt.Errorf("store: event: %w: %w", ErrBadEvent, err)
		}
		seen[ev.ShowID] = true
	}
	return nil
}

func execEvents(ctx context.Context, st *sql.Stmt, evs []ShowEvent) error {
	for _, ev := range evs {
		if _, err := st.ExecContext(ctx, ev.ShowID, ev.At.UnixMilli(), ev.Offset.Milliseconds(),
			ev.Kind, ev.SKU, nullJSON(ev.Data)); err != nil {
			return fmt.Errorf("store: %s event: %w", ev.Kind, err)
		}
	}
	return nil
}

// insertEvent writes one event from inside another change's transaction
// (a claim, a stock change, a draw), which has already checked the show.
func insertEvent(ctx context.Context, tx *sql.Tx, ev ShowEvent) error {
	if err := ev.check(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if _, err := tx.ExecContext(ctx, insertEventSQL, ev.ShowID, ev.At.UnixMilli(), ev.Offset.Milliseconds(),
		ev.Kind, ev.SKU, nullJSON(ev.Data)); err != nil {
		return fmt.Errorf("store: %s event: %w", ev.Kind, err)
	}
	return nil
}

// Events lists a show's events in timeline order (offset, then the order
// they were stored). ErrNoShow if there is no such show.
func (db *DB) Events(ctx context.Context, showID int64) ([]ShowEvent, error) {
	var out []ShowEvent
	err := db.Read(ctx, func(tx *sql.Tx) error {
		if _, err := loadShow(ctx, tx, "WHERE id = ?", showID); err != nil {
			return fmt.Errorf("store: events of show %d: %w", showID, err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, at, offset_ms, kind, sku, data FROM show_events
			WHERE show_id = ? ORDER BY offset_ms, id`, showID)
		if err != nil {
			return fmt.Errorf("store: events: %w", err)
		}
		for rows.Next() {
			ev := ShowEvent{ShowID: showID}
			var at, off int64
			var data sql.NullString
			if err := rows.Scan(&ev.ID, &at, &off, &ev.Kind, &ev.SKU, &data); err != nil {
				rows.Close()
				return fmt.Errorf("store: events: %w", err)
			}
			ev.At, ev.Offset = time.UnixMilli(at), time.Duration(off)*time.Millisecond
			if data.Valid {
				ev.Data = json.RawMessage(data.String)
			}
			out = append(out, ev)
		}
		return closeRows(rows, "events")
	})
	return out, err
}

func nullJSON(b json.RawMessage) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// jsonOf encodes event details the store writes itself; its values are
// plain maps of strings and numbers, which always encode.
func jsonOf(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("store: event data: %v", err))
	}
	return b
}
