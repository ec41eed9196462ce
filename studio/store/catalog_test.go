package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

func seedCatalog(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	stock := int64(3)
	was := int64(5900)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		w, err := NewCatalogWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		p := &Product{Handle: "hoodie", Title: "Hoodie", Published: true, Status: "active"}
		if err := w.InsertProduct(p); err != nil {
			return err
		}
		for _, v := range []*Variant{
			{Position: 1, SKU: "H-S", Options: []Option{{"Size", "S"}}, PriceMinor: 4900, CompareAtMinor: &was, Stock: &stock},
			{Position: 2, SKU: "H-M", Options: []Option{{"Size", "M"}}, PriceMinor: 4900, ImageSrc: "b.jpg"},
		} {
			if err := w.InsertVariant(p.ID, v); err != nil {
				return err
			}
		}
		return w.ReplaceImages(p.ID, []Image{{Position: 1, Src: "a.jpg", LocalPath: "/c/a.jpg"}, {Position: 2, Src: "b.jpg", LocalPath: "/c/b.jpg"}, {Position: 3, Src: "gone.jpg"}})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFindListingBySKUOrHandle(t *testing.T) {
	db := openTemp(t)
	seedCatalog(t, db)
	ctx := context.Background()
	m, err := FindListing(ctx, db.Reader(), "H-M")
	if err != nil || m.SKU != "H-M" || len(m.Images) != 2 || m.Images[0] != "/c/b.jpg" {
		t.Errorf("by SKU: %+v, %v; want H-M with its own picture first and the uncached one left out", m, err)
	}
	s, err := FindListing(ctx, db.Reader(), "hoodie")
	if err != nil || s.SKU != "H-S" || s.CompareAtMinor == nil || *s.CompareAtMinor != 5900 || s.Stock == nil || *s.Stock != 3 {
		t.Errorf("by handle: %+v, %v; want the first variant H-S", s, err)
	}
	if _, err := FindListing(ctx, db.Reader(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown ref: %v, want ErrNotFound", err)
	}
	if ls, err := ListVariants(ctx, db.Reader()); err != nil || len(ls) != 2 || ls[1].Stock != nil {
		t.Errorf("ListVariants: %+v, %v", ls, err)
	}
}

// The unique SKU index holds, and ClearSKU lets two variants swap SKUs in
// one transaction, as a re-import of a renamed catalog needs.
func TestSKUsAreUniqueAndSwappable(t *testing.T) {
	db := openTemp(t)
	seedCatalog(t, db)
	ctx := context.Background()
	p, err := LoadProduct(ctx, db.Reader(), "hoodie")
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Variants[0], p.Variants[1]
	err = db.Write(ctx, func(tx *sql.Tx) error {
		w, _ := NewCatalogWriter(ctx, tx)
		defer w.Close()
		a.SKU = b.SKU
		return w.UpdateVariant(p.ID, &a)
	})
	if err == nil {
		t.Fatal("two variants got the same SKU")
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		w, _ := NewCatalogWriter(ctx, tx)
		defer w.Close()
		if err := w.ClearSKU(a.ID); err != nil {
			return err
		}
		if err := w.ClearSKU(b.ID); err != nil {
			return err
		}
		a.SKU, b.SKU = "H-M", "H-S"
		if err := w.UpdateVariant(p.ID, &a); err != nil {
			return err
		}
		return w.UpdateVariant(p.ID, &b)
	})
	if err != nil {
		t.Fatalf("swapping SKUs: %v", err)
	}
	if l, _ := FindListing(ctx, db.Reader(), "H-M"); l.Options[0].Value != "S" {
		t.Errorf("after the swap H-M is size %s, want S", l.Options[0].Value)
	}
}
