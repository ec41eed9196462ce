package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

// ShowCatalog is the imported catalog as the show's cues see it: a product
// found by SKU or handle, with the claim number viewers type (its place in
// the catalog, 1-based), its options as specs, and "sponsored" in its tags
// marking a paid partnership. It is read once, when the show starts.
type ShowCatalog struct {
	byRef    map[string]show.Product
	order    []show.Product // one per handle (its first variant), in catalog order
	variants variants       // every variant (variants.go)
}

// LoadShowCatalog reads the whole catalog from the store.
func LoadShowCatalog(ctx context.Context, db *store.DB) (*ShowCatalog, error) {
	products, err := store.LoadCatalog(ctx, db.Reader())
	if err != nil {
		return nil, err
	}
	list, err := store.ListVariants(ctx, db.Reader())
	if err != nil {
		return nil, err
	}
	c := &ShowCatalog{byRef: map[string]show.Product{}}
	numbers := map[string]int{}
	for _, l := range list {
		if _, ok := numbers[l.Handle]; !ok {
			numbers[l.Handle] = len(numbers) + 1
		}
		p := show.Product{SKU: l.SKU, Handle: l.Handle, Title: l.Title, PriceMinor: l.PriceMinor,
			Images: l.Images, Number: numbers[l.Handle]}
		if l.CompareAtMinor != nil {
			p.CompareAtMinor = *l.CompareAtMinor
		}
		if l.Stock != nil {
			p.Stock = int(*l.Stock)
		}
		for _, o := range l.Options {
			if len(p.Specs) < 3 && o.Name != "" && o.Value != "" && o.Value != "Default Title" {
				p.Specs = append(p.Specs, o.Name+": "+o.Value)
			}
		}
		if pr := products[l.Handle]; pr != nil {
			for _, t := range strings.Split(pr.Tags, ",") {
				if strings.EqualFold(strings.TrimSpace(t), "sponsored") {
					p.Sponsored = true
				}
			}
		}
		c.variants.add(p, l.Options)
		if l.SKU != "" {
			c.byRef[l.SKU] = p
		}
		if _, ok := c.byRef[l.Handle]; !ok {
			c.byRef[l.Handle] = p // a handle names its first variant
			c.order = append(c.order, p)
		}
	}
	return c, nil
}

// Product finds a product by SKU or handle.
func (c *ShowCatalog) Product(ref string) (show.Product, error) {
	if p, ok := c.byRef[ref]; ok {
		return p, nil
	}
	return show.Product{}, fmt.Errorf("%w: %q is no SKU or handle of the catalog", show.ErrNoProduct, ref)
}

// Products lists the catalog's products (each handle's first variant) in
// catalog order: the rundown of a show whose cues name none.
func (c *ShowCatalog) Products() []show.Product { return c.order }
