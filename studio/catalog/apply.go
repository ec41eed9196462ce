package catalog

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/vitrina-live/vitrina/studio/store"
)

// apply writes the plans inside the caller's transaction, in an order the
// unique SKU index accepts at every step: first the variants that leave,
// then the SKUs that change hands are freed, then everything is written.
func apply(ctx context.Context, tx *sql.Tx, plans []*productPlan) error {
	w, err := store.NewCatalogWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.Close()
	for _, pp := range plans {
		for _, id := range pp.remove {
			if err := w.DeleteVariant(id); err != nil {
				return fmt.Errorf("product %q: %w", pp.it.p.Handle, err)
			}
		}
	}
	for _, pp := range plans {
		for _, vp := range pp.variants {
			if vp.old != nil && vp.old.SKU != "" && vp.old.SKU != vp.v.SKU {
				if err := w.ClearSKU(vp.old.ID); err != nil {
					return fmt.Errorf("product %q: %w", pp.it.p.Handle, err)
				}
			}
		}
	}
	for _, pp := range plans {
		if err := applyProduct(w, pp); err != nil {
			return fmt.Errorf("product %q (line %d): %w", pp.it.p.Handle, pp.it.line, err)
		}
	}
	return nil
}

func applyProduct(w *store.CatalogWriter, pp *productPlan) error {
	p := &pp.it.p
	switch {
	case pp.old == nil:
		if err := w.InsertProduct(p); err != nil {
			return err
		}
	case pp.fieldsChanged:
		p.ID = pp.old.ID
		if err := w.UpdateProduct(p); err != nil {
			return err
		}
	default:
		p.ID = pp.old.ID
	}
	for _, vp := range pp.variants {
		var err error
		switch {
		case vp.old == nil:
			err = w.InsertVariant(p.ID, vp.v)
		case vp.changed(p.ID):
			err = w.UpdateVariant(p.ID, vp.v)
		}
		if err != nil {
			return err
		}
	}
	if pp.imagesChanged || (pp.old == nil && len(p.Images) > 0) {
		return w.ReplaceImages(p.ID, p.Images)
	}
	return nil
}
