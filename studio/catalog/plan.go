package catalog

import (
	"slices"

	"github.com/vitrina-live/vitrina/studio/store"
)

// Counts is what an import did, or would do, to products or variants.
type Counts struct {
	New, Updated, Unchanged, Removed int
}

// productPlan is what to do with one product of the file.
type productPlan struct {
	it            *item
	old           *store.Product // nil: a new product
	fieldsChanged bool
	imagesChanged bool
	variants      []variantPlan
	remove        []int64 // variants of this product no longer in the file
}

type variantPlan struct {
	v      *store.Variant // the file's; ID set when it matches a stored one
	old    *store.Variant // nil: a new variant
	oldPID int64          // the product old belongs to now
}

// changed: the variant must be written to belong to product pid as the file has it.
func (vp variantPlan) changed(pid int64) bool {
	return vp.old == nil || pid != vp.oldPID || !sameVariant(*vp.v, *vp.old)
}

// plan matches the file against the stored catalog. A variant is the same
// one first by SKU, anywhere in the shop (so a SKU can move between
// products), then, for those left, by its options inside the same product
// (so a variant without a SKU, or whose SKU was renamed, is updated rather
// than duplicated). Matching by SKU for the whole file first keeps a later
// product's options match from taking a variant another product's SKU names.
//
// With prune, a stored variant that a product of the file no longer lists
// is removed. Import prunes only for a file without bad rows: a bad row
// cannot always be pinned to its product (broken quoting hides even the
// Handle), and the missing variant may be on it.
func plan(existing map[string]*store.Product, items []*item, prune bool) ([]*productPlan, Counts, Counts) {
	bySKU := map[string]*store.Variant{}
	owner := map[int64]*store.Product{}
	for _, p := range existing {
		for i := range p.Variants {
			v := &p.Variants[i]
			owner[v.ID] = p
			if v.SKU != "" {
				bySKU[v.SKU] = v
			}
		}
	}
	claimed := map[int64]bool{}
	plans := make([]*productPlan, len(items))
	for i, it := range items {
		pp := &productPlan{it: it, old: existing[it.p.Handle]}
		pp.variants = make([]variantPlan, len(it.p.Variants))
		for j := range it.p.Variants {
			v := &it.p.Variants[j]
			pp.variants[j].v = v
			if old := bySKU[v.SKU]; v.SKU != "" && old != nil {
				pp.variants[j].old, claimed[old.ID] = old, true
			}
		}
		plans[i] = pp
	}
	for _, pp := range plans {
		if pp.old == nil {
			continue
		}
		for j := range pp.variants {
			vp := &pp.variants[j]
			if vp.old != nil {
				continue
			}
			key := store.EncodeOptions(vp.v.Options)
			for k := range pp.old.Variants {
				ov := &pp.old.Variants[k]
				// A stored variant whose SKU is still in the file belongs to
				// that row, not to this one.
				if !claimed[ov.ID] && store.EncodeOptions(ov.Options) == key {
					vp.old, claimed[ov.ID] = ov, true
					break
				}
			}
		}
	}

	var prod, vars Counts
	for _, pp := range plans {
		for j := range pp.variants {
			if vp := &pp.variants[j]; vp.old != nil {
				vp.v.ID, vp.oldPID = vp.old.ID, owner[vp.old.ID].ID
			}
		}
		var pid int64 // a new product has none yet, so a variant moved to it counts as changed
		if pp.old != nil {
			pid = pp.old.ID
			pp.fieldsChanged = !sameProduct(pp.it.p, *pp.old)
			pp.imagesChanged = !sameImages(pp.it.p.Images, pp.old.Images)
			if prune {
				for _, ov := range pp.old.Variants {
					if !claimed[ov.ID] {
						pp.remove = append(pp.remove, ov.ID)
					}
				}
			}
		}
		variantsChanged := len(pp.remove) > 0
		for _, vp := range pp.variants {
			switch {
			case vp.old == nil:
				vars.New++
				variantsChanged = true
			case vp.changed(pid):
				vars.Updated++
				variantsChanged = true
			default:
				vars.Unchanged++
			}
		}
		vars.Removed += len(pp.remove)
		// A product whose variants changed counts as updated: that is what
		// the host sees change on its card.
		switch {
		case pp.old == nil:
			prod.New++
		case pp.fieldsChanged || pp.imagesChanged || variantsChanged:
			prod.Updated++
		default:
			prod.Unchanged++
		}
	}
	return plans, prod, vars
}

func sameProduct(a, b store.Product) bool {
	return a.Title == b.Title && a.BodyHTML == b.BodyHTML && a.Vendor == b.Vendor &&
		a.Type == b.Type && a.Tags == b.Tags && a.Published == b.Published &&
		a.Status == b.Status && a.Source == b.Source
}

func sameVariant(a, b store.Variant) bool {
	return a.Position == b.Position && a.SKU == b.SKU && a.PriceMinor == b.PriceMinor &&
		samePtr(a.CompareAtMinor, b.CompareAtMinor) && samePtr(a.Stock, b.Stock) &&
		a.ImageSrc == b.ImageSrc && store.EncodeOptions(a.Options) == store.EncodeOptions(b.Options)
}

func sameImages(a, b []store.Image) bool {
	return slices.EqualFunc(a, b, func(x, y store.Image) bool {
		return x.Src == y.Src && x.Alt == y.Alt && x.Position == y.Position && x.LocalPath == y.LocalPath
	})
}

func samePtr(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
