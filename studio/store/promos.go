package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Promo is a promo code a show dropped: claims that carry its code redeem
// it, at most Limit times (0: no limit), until Expires (zero: while the
// show runs).
type Promo struct {
	ShowID   int64
	Code     string
	Discount string
	Limit    int
	Expires  time.Time
	At       time.Time
	Offset   time.Duration
}

// Redemption is a claim that used a promo code.
type Redemption struct {
	ClaimID string
	Code    string
	SKU     string
	Qty     int
	At      time.Time
	Offset  time.Duration
}

// Reasons a claim with a promo code is refused. The claim takes no stock:
// the viewer can claim again without the code.
const (
	ReasonUnknownCode = "unknown promo code"
	ReasonCodeExpired = "promo code expired"
	ReasonCodeUsedUp  = "promo code used up"
)

// DropPromo records a promo code dropped in a show and its 'promo' event,
// in one transaction. Dropping the same code again renews its expiry and
// limit; its redemptions so far still count.
func (db *DB) DropPromo(ctx context.Context, p Promo) error {
	if p.Code == "" || p.Limit < 0 {
		return fmt.Errorf("store: promo %q: %w: want a code and a limit of 0 (none) or more (got %d)", p.Code, ErrBadEvent, p.Limit)
	}
	if p.At.IsZero() {
		p.At = time.Now()
	}
	var limit, expires any
	data := map[string]any{"code": p.Code, "discount": p.Discount}
	if p.Limit > 0 {
		limit, data["limit"] = p.Limit, p.Limit
	}
	if !p.Expires.IsZero() {
		expires, data["valid_ms"] = p.Expires.UnixMilli(), p.Expires.Sub(p.At).Milliseconds()
	}
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, p.ShowID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO show_promos(show_id, code, discount, max_uses, expires_at, dropped_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(show_id, code) DO UPDATE SET discount = excluded.discount,
			max_uses = excluded.max_uses, expires_at = excluded.expires_at, dropped_at = excluded.dropped_at`,
			p.ShowID, p.Code, p.Discount, limit, expires, p.At.UnixMilli()); err != nil {
			return err
		}
		return insertEvent(ctx, tx, ShowEvent{ShowID: p.ShowID, At: p.At, Offset: p.Offset, Kind: KindPromo, Data: jsonOf(data)})
	})
	if err != nil {
		return fmt.Errorf("store: promo %q: %w", p.Code, err)
	}
	return nil
}

// redeem checks a claim's promo code inside the claim's transaction and,
// when it may be used, records the redemption and its 'redeem' event. A
// refusal is a reason, with nothing written.
func redeem(ctx context.Context, tx *sql.Tx, c Claim, sku string) (reason string, err error) {
	var limit, expires sql.NullInt64
	err = tx.QueryRowContext(ctx, "SELECT max_uses, expires_at FROM show_promos WHERE show_id = ? AND code = ?",
		c.ShowID, c.Code).Scan(&limit, &expires)
	if err == sql.ErrNoRows {
		return ReasonUnknownCode, nil
	}
	if err != nil {
		return "", err
	}
	if expires.Valid && c.At.UnixMilli() > expires.Int64 {
		return ReasonCodeExpired, nil
	}
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM redemptions WHERE show_id = ? AND code = ?",
		c.ShowID, c.Code).Scan(&used); err != nil {
		return "", err
	}
	if limit.Valid && int64(used) >= limit.Int64 {
		return ReasonCodeUsedUp, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO redemptions(show_id, claim_id, code, sku, qty, at, offset_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ShowID, c.ID, c.Code, sku, c.Qty, c.At.UnixMilli(), c.Offset.Milliseconds()); err != nil {
		return "", err
	}
	return "", insertEvent(ctx, tx, ShowEvent{ShowID: c.ShowID, At: c.At, Offset: c.Offset, Kind: KindRedeem, SKU: sku,
		Data: jsonOf(map[string]any{"code": c.Code, "claim": c.ID, "qty": c.Qty, "used": used + 1})})
}

// Redemptions lists a show's redemptions in the order they were made.
func (db *DB) Redemptions(ctx context.Context, showID int64) ([]Redemption, error) {
	var out []Redemption
	err := db.Read(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, showID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT claim_id, code, sku, qty, at, offset_ms FROM redemptions
			WHERE show_id = ? ORDER BY rowid`, showID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r Redemption
			var at, off int64
			if err := rows.Scan(&r.ClaimID, &r.Code, &r.SKU, &r.Qty, &at, &off); err != nil {
				rows.Close()
				return err
			}
			r.At, r.Offset = time.UnixMilli(at), time.Duration(off)*time.Millisecond
			out = append(out, r)
		}
		return closeRows(rows, "redemptions")
	})
	if err != nil {
		return nil, fmt.Errorf("store: redemptions of show %d: %w", showID, err)
	}
	return out, nil
}
