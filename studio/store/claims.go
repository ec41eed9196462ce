package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Claim is a viewer's claim ("type 12 to buy") or a purchase, as the relay
// reports it. ID is the idempotency key, the relay's event id: the relay
// retries until it has an answer, and a retry must not take stock twice.
type Claim struct {
	ID       string
	ShowID   int64
	SKU      string // a SKU or a product handle, as cues name products
	Qty      int
	User     string
	Purchase bool
	Code     string // a promo code the claim uses, "" for none: see DropPromo
	At       time.Time
	Offset   time.Duration
}

// ClaimResult is the answer to a claim. A refusal is an answer, not an
// error: Reason says why, in words the relay can show the viewer.
type ClaimResult struct {
	Accepted  bool
	Duplicate bool // the ID was accepted before; nothing changed this time
	StockLeft int  // after the claim; Unlimited when the shop does not track it
	Reason    string
}

// Reasons a claim is refused.
const (
	ReasonSoldOut        = "sold out"
	ReasonNotEnough      = "not enough stock"
	ReasonUnknownProduct = "unknown product"
)

// Unlimited is the stock of a product whose shop does not track stock
// (variants.stock is NULL): every claim on it is accepted.
const Unlimited = -1

// Claim takes c.Qty units of a product for a viewer, in one write
// transaction: the stock check, the decrement, the claim row and its
// 'claim' or 'purchase' event (and, with c.Code, the promo code's
// redemption and its 'redeem' event: see DropPromo) commit together or not
// at all. A code that may not be used refuses the whole claim. Overselling
// is impossible because the store has one writer connection and each
// transaction starts IMMEDIATE: no other claim can read the stock between
// this one's read and its write. Only accepted claims are stored; a
// refused one can be retried and is judged again.
func (db *DB) Claim(ctx context.Context, c Claim) (ClaimResult, error) {
	if c.ID == "" || c.Qty < 1 || c.SKU == "" {
		return ClaimResult{}, fmt.Errorf("store: claim %q: %w: want an id, a product and a quantity of at least 1 (got %d)",
			c.ID, ErrBadClaim, c.Qty)
	}
	if c.At.IsZero() {
		c.At = time.Now()
	}
	var res ClaimResult
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, c.ShowID); err != nil {
			return err
		}
		var sku string
		err := tx.QueryRowContext(ctx, "SELECT sku FROM claims WHERE show_id = ? AND id = ?", c.ShowID, c.ID).Scan(&sku)
		if err == nil {
			left, _, err := stockOf(ctx, tx, c.ShowID, sku)
			res = ClaimResult{Accepted: true, Duplicate: true, StockLeft: left}
			return err
		}
		if err != sql.ErrNoRows {
			return err
		}
		sku, known, err := resolveSKU(ctx, tx, c.ShowID, c.SKU)
		if err != nil {
			return err
		}
		if !known {
			res = ClaimResult{StockLeft: 0, Reason: ReasonUnknownProduct}
			return nil
		}
		stock, _, err := stockOf(ctx, tx, c.ShowID, sku)
		if err != nil {
			return err
		}
		switch {
		case stock == 0:
			res = ClaimResult{Reason: ReasonSoldOut}
			return nil
		case stock != Unlimited && c.Qty > stock:
			res = ClaimResult{StockLeft: stock, Reason: ReasonNotEnough}
			return nil
		}
		if c.Code != "" {
			reason, err := redeem(ctx, tx, c, sku)
			if err != nil || reason != "" {
				res = ClaimResult{StockLeft: stock, Reason: reason}
				return err
			}
		}
		if stock != Unlimited {
			stock -= c.Qty
			if err := putStock(ctx, tx, c.ShowID, sku, stock, c.At); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims(show_id, id, sku, qty, user, purchase, at, offset_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ShowID, c.ID, sku, c.Qty, c.User, c.Purchase,
			c.At.UnixMilli(), c.Offset.Milliseconds()); err != nil {
			return err
		}
		kind := KindClaim
		if c.Purchase {
			kind = KindPurchase
		}
		res = ClaimResult{Accepted: true, StockLeft: stock}
		data := map[string]any{"claim": c.ID, "qty": c.Qty, "stock_left": stock}
		if c.Code != "" {
			data["code"] = c.Code
		}
		return insertEvent(ctx, tx, ShowEvent{ShowID: c.ShowID, At: c.At, Offset: c.Offset, Kind: kind, SKU: sku,
			Data: jsonOf(data)})
	})
	if err != nil {
		return ClaimResult{}, fmt.Errorf("store: claim %q: %w", c.ID, err)
	}
	return res, nil
}

// Claims lists a show's accepted claims and purchases in the order they
// were accepted. SKU is the product's SKU even where the claim named its
// handle.
func (db *DB) Claims(ctx context.Context, showID int64) ([]Claim, error) {
	var out []Claim
	err := db.Read(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, showID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, sku, qty, user, purchase, at, offset_ms FROM claims
			WHERE show_id = ? ORDER BY rowid`, showID)
		if err != nil {
			return err
		}
		for rows.Next() {
			c := Claim{ShowID: showID}
			var at, off int64
			if err := rows.Scan(&c.ID, &c.SKU, &c.Qty, &c.User, &c.Purchase, &at, &off); err != nil {
				rows.Close()
				return err
			}
			c.At, c.Offset = time.UnixMilli(at), time.Duration(off)*time.Millisecond
			out = append(out, c)
		}
		return closeRows(rows, "claims")
	})
	if err != nil {
		return nil, fmt.Errorf("store: claims of show %d: %w", showID, err)
	}
	return out, nil
}

func showExists(ctx context.Context, q querier, showID int64) error {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM shows WHERE id = ?", showID).Scan(&one)
	if err == sql.ErrNoRows {
		return fmt.Errorf("show %d: %w", showID, ErrNoShow)
	}
	return err
}
