package catalog

import (
	"strings"

	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

// VariantTitle is how a variant is named where its product's title alone
// cannot tell it from its siblings (the chat's product names, the report's
// rows): the product's title, then its option values, "Linen shirt, L" or
// "Hoodie, Purple / S". Shopify's "Default Title" of a product without
// variants is no option: that product keeps its title.
func VariantTitle(title string, options []store.Option) string {
	var values []string
	for _, o := range options {
		if v := strings.TrimSpace(o.Value); v != "" && v != "Default Title" {
			values = append(values, v)
		}
	}
	if len(values) == 0 || title == "" {
		return title
	}
	return title + ", " + strings.Join(values, " / ")
}

// variants are every variant of the catalog, as the chat names them.
type variants struct {
	all      []show.Product   // in catalog order, each titled by VariantTitle
	byHandle map[string][]int // handle → indices into all, in the product's order
}

func (vs *variants) add(p show.Product, options []store.Option) {
	if vs.byHandle == nil {
		vs.byHandle = map[string][]int{}
	}
	p.Title = VariantTitle(p.Title, options)
	vs.byHandle[p.Handle] = append(vs.byHandle[p.Handle], len(vs.all))
	vs.all = append(vs.all, p)
}

// Variants lists every variant of the catalog, products in catalog order
// and each product's variants in its order, each titled as its own
// ("Linen shirt, L"; see VariantTitle) with its product's claim number.
// Products lists only the first of each.
func (c *ShowCatalog) Variants() []show.Product { return c.variants.all }

// Variants lists every variant in the show's order: each product of
// Products (the rundown's first, then the rest of the catalog), the
// variant it lists first, then the product's other variants in the
// product's order. A product's variants stay together, so the first of
// them is the one the rundown plans (or the product's first), the one a
// product's name alone or its claim number means. Titles are the
// ShowCatalog's Variants'.
func (r *RundownCatalog) Variants() []show.Product {
	vs := r.ShowCatalog.variants
	out := make([]show.Product, 0, len(vs.all))
	done := make([]bool, len(vs.all))
	for _, p := range r.order {
		group := vs.byHandle[p.Handle]
		for _, i := range group {
			if !done[i] && vs.all[i].SKU == p.SKU {
				done[i] = true
				out = append(out, vs.all[i])
			}
		}
		for _, i := range group {
			if !done[i] {
				done[i] = true
				out = append(out, vs.all[i])
			}
		}
	}
	return out
}
