package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// SetShowStock sets the show's own stock of a product (a flash sale's
// units, the host's correction) and records a 'stock' event. From then on
// claims in this show take from it instead of the catalog's inventory. A
// product the catalog does not know is accepted: the relay's shop may sell
// things that were never imported.
func (db *DB) SetShowStock(ctx context.Context, showID int64, sku string, stock int, at time.Time, off time.Duration) error {
	if stock < 0 || sku == "" {
		return fmt.Errorf("store: stock of %q: %w: want a product and a stock of 0 or more (got %d)", sku, ErrBadStock, stock)
	}
	if at.IsZero() {
		at = time.Now()
	}
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, showID); err != nil {
			return err
		}
		key, _, err := resolveSKU(ctx, tx, showID, sku)
		if err != nil {
			return err
		}
		data := map[string]any{"stock": stock}
		was, known, err := stockOf(ctx, tx, showID, key)
		if err != nil {
			return err
		}
		if known && was != Unlimited {
			data["was"] = was
		}
		if err := putStock(ctx, tx, showID, key, stock, at); err != nil {
			return err
		}
		return insertEvent(ctx, tx, ShowEvent{ShowID: showID, At: at, Offset: off, Kind: KindStock, SKU: key, Data: jsonOf(data)})
	})
	if err != nil {
		return fmt.Errorf("store: stock of %q: %w", sku, err)
	}
	return nil
}

// ShowStock is what a claim on the product would take from now: the show's
// own stock, else the catalog's, else Unlimited when the shop does not
// track it. ErrNoProduct when neither knows the SKU or handle.
func (db *DB) ShowStock(ctx context.Context, showID int64, sku string) (int, error) {
	var stock int
	err := db.Read(ctx, func(tx *sql.Tx) error {
		if err := showExists(ctx, tx, showID); err != nil {
			return err
		}
		key, known, err := resolveSKU(ctx, tx, showID, sku)
		if err != nil {
			return err
		}
		if !known {
			return ErrNoProduct
		}
		stock, _, err = stockOf(ctx, tx, showID, key)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: stock of %q: %w", sku, err)
	}
	return stock, nil
}

// resolveSKU turns a SKU or handle into the key stock is kept under: the
// ref itself when the show has stock under it, else the catalog variant's
// SKU (a handle names its product's first variant, as in the show's
// catalog; a variant without a SKU is kept under its handle). known is
// false when neither the show nor the catalog has the product.
func resolveSKU(ctx context.Context, q querier, showID int64, ref string) (key string, known bool, err error) {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM show_stock WHERE show_id = ? AND sku = ?", showID, ref).Scan(&n); err != nil {
		return "", false, err
	}
	if n > 0 {
		return ref, true, nil
	}
	key, _, found, err := catalogStock(ctx, q, ref)
	if err != nil || !found {
		return ref, false, err
	}
	return key, true, nil
}

// stockOf is the stock under key: the show's row, else the catalog's.
func stockOf(ctx context.Context, q querier, showID int64, key string) (stock int, known bool, err error) {
	err = q.QueryRowContext(ctx, "SELECT stock FROM show_stock WHERE show_id = ? AND sku = ?", showID, key).Scan(&stock)
	if err == nil {
		return stock, true, nil
	}
	if err != sql.ErrNoRows {
		return 0, false, err
	}
	_, cat, found, err := catalogStock(ctx, q, key)
	switch {
	case err != nil || !found:
		return 0, false, err
	case !cat.Valid:
		return Unlimited, true, nil
	}
	return int(cat.Int64), true, nil
}

// catalogStock finds a variant by SKU, or by product handle (its first
// variant), and returns its key and catalog stock (NULL: not tracked).
func catalogStock(ctx context.Context, q querier, ref string) (key string, stock sql.NullInt64, found bool, err error) {
	err = q.QueryRowContext(ctx, "SELECT stock FROM variants WHERE sku = ? AND sku <> ''", ref).Scan(&stock)
	if err == nil {
		return ref, stock, true, nil
	}
	if err != sql.ErrNoRows {
		return "", stock, false, err
	}
	err = q.QueryRowContext(ctx, `SELECT v.sku, v.stock FROM variants v JOIN products p ON p.id = v.product_id
		WHERE p.handle = ? ORDER BY v.position, v.id LIMIT 1`, ref).Scan(&key, &stock)
	if err == sql.ErrNoRows {
		return "", stock, false, nil
	}
	if err != nil {
		return "", stock, false, err
	}
	if key == "" {
		key = ref
	}
	return key, stock, true, nil
}

// putStock writes the show's stock of key.
func putStock(ctx context.Context, tx *sql.Tx, showID int64, key string, stock int, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO show_stock(show_id, sku, stock, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(show_id, sku) DO UPDATE SET stock = excluded.stock, updated_at = excluded.updated_at`,
		showID, key, stock, at.UnixMilli())
	return err
}
