package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Product is one catalog product as stored, with its variants and images in
// position order.
type Product struct {
	ID                                          int64
	Handle, Title, BodyHTML, Vendor, Type, Tags string
	Published                                   bool
	Status, Source                              string
	Variants                                    []Variant
	Images                                      []Image
}

// Variant is one buyable thing: a size, a colour. Prices are integer minor
// units (hundredths); nil CompareAtMinor means no "was" price and nil Stock
// means the shop does not track stock for it.
type Variant struct {
	ID             int64
	Position       int
	SKU            string
	Options        []Option
	PriceMinor     int64
	CompareAtMinor *int64
	Stock          *int64
	ImageSrc       string
}

// Option is one axis of a variant: Size = M.
type Option struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Image is one product picture: where the file named it, and the local copy
// in the data directory ("" when caching it failed).
type Image struct {
	ID        int64
	Position  int
	Src, Alt  string
	LocalPath string
}

// Querier is what both *sql.DB and *sql.Tx give, so reads work in and out of
// a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// LoadCatalog reads every product with its variants and images, keyed by
// handle. The importer compares a whole file against it in memory: three
// scans are far cheaper than one query per product on a 50,000-row file.
func LoadCatalog(ctx context.Context, q Querier) (map[string]*Product, error) {
	return loadProducts(ctx, q, "")
}

// LoadProduct reads one product by handle; ErrNotFound if there is none.
func LoadProduct(ctx context.Context, q Querier, handle string) (*Product, error) {
	ps, err := loadProducts(ctx, q, "WHERE handle = ?", handle)
	if err != nil {
		return nil, err
	}
	if p := ps[handle]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("store: product %q: %w", handle, ErrNotFound)
}

// loadProducts reads the products that filter (a WHERE clause on products)
// selects, with their variants and images.
func loadProducts(ctx context.Context, q Querier, filter string, args ...any) (map[string]*Product, error) {
	byHandle := map[string]*Product{}
	byID := map[int64]*Product{}
	// The whole catalog needs no product filter on variants and images; a
	// subquery there would only cost time on a big import.
	where := "WHERE product_id IN (SELECT id FROM products " + filter + ")"
	if filter == "" {
		where = ""
	}
	rows, err := q.QueryContext(ctx, `SELECT id, handle, title, body_html, vendor, product_type,
		tags, published, status, source FROM products `+filter, args...)
	if err != nil {
		return nil, fmt.Errorf("store: load products: %w", err)
	}
	for rows.Next() {
		p := &Product{}
		if err := rows.Scan(&p.ID, &p.Handle, &p.Title, &p.BodyHTML, &p.Vendor, &p.Type,
			&p.Tags, &p.Published, &p.Status, &p.Source); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: load products: %w", err)
		}
		byHandle[p.Handle], byID[p.ID] = p, p
	}
	if err := closeRows(rows, "products"); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT id, product_id, position, sku, options, price_minor,
		compare_at_minor, stock, image_src FROM variants `+where+`
		ORDER BY product_id, position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: load variants: %w", err)
	}
	for rows.Next() {
		var v Variant
		var pid int64
		var opts string
		var cmp, stock sql.NullInt64
		if err := rows.Scan(&v.ID, &pid, &v.Position, &v.SKU, &opts, &v.PriceMinor, &cmp, &stock, &v.ImageSrc); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: load variants: %w", err)
		}
		if err := json.Unmarshal([]byte(opts), &v.Options); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: variant %d options: %w", v.ID, err)
		}
		v.CompareAtMinor, v.Stock = nullPtr(cmp), nullPtr(stock)
		if p := byID[pid]; p != nil {
			p.Variants = append(p.Variants, v)
		}
	}
	if err := closeRows(rows, "variants"); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT id, product_id, position, src, alt, local_path
		FROM images `+where+` ORDER BY product_id, position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: load images: %w", err)
	}
	for rows.Next() {
		var im Image
		var pid int64
		if err := rows.Scan(&im.ID, &pid, &im.Position, &im.Src, &im.Alt, &im.LocalPath); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: load images: %w", err)
		}
		if p := byID[pid]; p != nil {
			p.Images = append(p.Images, im)
		}
	}
	if err := closeRows(rows, "images"); err != nil {
		return nil, err
	}
	return byHandle, nil
}

func closeRows(rows *sql.Rows, what string) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: load %s: %w", what, err)
	}
	return nil
}

func nullPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func ptrNull(p *int64) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *p, Valid: true}
}

// EncodeOptions is the canonical JSON of a variant's options, as stored; two
// variants with equal options encode to equal strings.
func EncodeOptions(opts []Option) string {
	if len(opts) == 0 {
		return "[]"
	}
	b, err := json.Marshal(opts)
	if err != nil { // cannot happen: two strings per element
		panic(err)
	}
	return string(b)
}
