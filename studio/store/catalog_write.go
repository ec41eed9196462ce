package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CatalogWriter writes catalog rows inside one transaction through prepared
// statements: an import of 50,000 rows compiles each statement once.
type CatalogWriter struct {
	ctx   context.Context
	now   int64
	stmts map[string]*sql.Stmt
}

var catalogSQL = map[string]string{
	"insProduct": `INSERT INTO products(handle, title, body_html, vendor, product_type, tags,
		published, status, source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
	"updProduct": `UPDATE products SET title=?, body_html=?, vendor=?, product_type=?, tags=?,
		published=?, status=?, source=?, updated_at=? WHERE id=?`,
	"insVariant": `INSERT INTO variants(product_id, position, sku, options, price_minor,
		compare_at_minor, stock, image_src, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
	"updVariant": `UPDATE variants SET product_id=?, position=?, sku=?, options=?, price_minor=?,
		compare_at_minor=?, stock=?, image_src=?, updated_at=? WHERE id=?`,
	"clearSKU":   `UPDATE variants SET sku='' WHERE id=?`,
	"delVariant": `DELETE FROM variants WHERE id=?`,
	"delImages":  `DELETE FROM images WHERE product_id=?`,
	"insImage":   `INSERT INTO images(product_id, position, src, alt, local_path) VALUES (?,?,?,?,?)`,
}

// NewCatalogWriter prepares the catalog statements on tx. Close it before
// the transaction ends.
func NewCatalogWriter(ctx context.Context, tx *sql.Tx) (*CatalogWriter, error) {
	w := &CatalogWriter{ctx: ctx, now: time.Now().UnixMilli(), stmts: map[string]*sql.Stmt{}}
	for name, q := range catalogSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("store: prepare %s: %w", name, err)
		}
		w.stmts[name] = st
	}
	return w, nil
}

// Close releases the prepared statements.
func (w *CatalogWriter) Close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *CatalogWriter) exec(name string, args ...any) (sql.Result, error) {
	res, err := w.stmts[name].ExecContext(w.ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", name, err)
	}
	return res, nil
}

// InsertProduct adds a product (not its variants or images) and sets p.ID.
func (w *CatalogWriter) InsertProduct(p *Product) error {
	res, err := w.exec("insProduct", p.Handle, p.Title, p.BodyHTML, p.Vendor, p.Type, p.Tags,
		p.Published, p.Status, p.Source, w.now, w.now)
	if err != nil {
		return fmt.Errorf("product %q: %w", p.Handle, err)
	}
	p.ID, err = res.LastInsertId()
	return err
}

// UpdateProduct rewrites the product row p.ID.
func (w *CatalogWriter) UpdateProduct(p *Product) error {
	if _, err := w.exec("updProduct", p.Title, p.BodyHTML, p.Vendor, p.Type, p.Tags,
		p.Published, p.Status, p.Source, w.now, p.ID); err != nil {
		return fmt.Errorf("product %q: %w", p.Handle, err)
	}
	return nil
}

// InsertVariant adds v to product pid and sets v.ID.
func (w *CatalogWriter) InsertVariant(pid int64, v *Variant) error {
	res, err := w.exec("insVariant", pid, v.Position, v.SKU, EncodeOptions(v.Options), v.PriceMinor,
		ptrNull(v.CompareAtMinor), ptrNull(v.Stock), v.ImageSrc, w.now)
	if err != nil {
		return fmt.Errorf("variant %q: %w", v.SKU, err)
	}
	v.ID, err = res.LastInsertId()
	return err
}

// UpdateVariant rewrites variant v.ID, moving it to product pid if needed.
func (w *CatalogWriter) UpdateVariant(pid int64, v *Variant) error {
	if _, err := w.exec("updVariant", pid, v.Position, v.SKU, EncodeOptions(v.Options), v.PriceMinor,
		ptrNull(v.CompareAtMinor), ptrNull(v.Stock), v.ImageSrc, w.now, v.ID); err != nil {
		return fmt.Errorf("variant %q: %w", v.SKU, err)
	}
	return nil
}

// ClearSKU frees a variant's SKU for the rest of the transaction, so two
// variants can swap SKUs without tripping the unique index half-way.
func (w *CatalogWriter) ClearSKU(id int64) error {
	_, err := w.exec("clearSKU", id)
	return err
}

// DeleteVariant removes one variant.
func (w *CatalogWriter) DeleteVariant(id int64) error {
	_, err := w.exec("delVariant", id)
	return err
}

// ReplaceImages sets product pid's images to imgs, in their order.
func (w *CatalogWriter) ReplaceImages(pid int64, imgs []Image) error {
	if _, err := w.exec("delImages", pid); err != nil {
		return err
	}
	for i := range imgs {
		im := &imgs[i]
		res, err := w.exec("insImage", pid, im.Position, im.Src, im.Alt, im.LocalPath)
		if err != nil {
			return fmt.Errorf("image %d: %w", im.Position, err)
		}
		if im.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}
