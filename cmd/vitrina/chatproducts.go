package main

import (
	"strconv"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/show"
)

// variantLister is a catalog that can list every variant in the show's
// order, each titled as its own ("Linen shirt, L"): catalog.ShowCatalog
// and catalog.RundownCatalog do.
type variantLister interface{ Variants() []show.Product }

// chatProducts is how the chat pipeline knows the show's products, so that
// "I want the L shirt", "#3" or a bare "3" count as interest in that
// variant (the window's "Asked about" strip, the want-it counts of the
// report). Every variant is one product of the chat, its ref its SKU (or
// its handle), named by its title's words in any order ("Linen shirt, L":
// the chat derives the rest from the titles, the name without the variant
// naming the product's first variant in the show's order), and by the
// keywords of its [[rundown]] entry. A claim number is the product's, so
// it names the product's first variant, as its name alone does. A catalog
// that cannot list its variants gives its products (one each); nil when it
// cannot list those either.
func chatProducts(cat show.Catalog, rundown []show.RundownItem) []chat.Product {
	var list []show.Product
	switch cl := cat.(type) {
	case variantLister:
		list = cl.Variants()
	case catalogLister:
		list = cl.Products()
	default:
		return nil
	}
	keywords := map[string][]string{} // product key → the show's keywords
	for _, it := range rundown {
		if len(it.Keywords) == 0 {
			continue
		}
		// A handle names its first variant, the base that the product's
		// name alone names; an entry the catalog does not know is the
		// rundown's warning.
		if p, err := cat.Product(it.Product); err == nil {
			keywords[p.Key()] = append(keywords[p.Key()], it.Keywords...)
		}
	}
	var out []chat.Product
	refs, numbers := map[string]bool{}, map[int]bool{}
	for _, p := range list {
		ref := p.Key()
		if ref == "" || p.Title == "" || refs[ref] {
			continue // a second variant without a SKU has no ref of its own
		}
		refs[ref] = true
		cp := chat.Product{Ref: ref, Title: p.Title, Keywords: keywords[ref]}
		if p.Number > 0 && !numbers[p.Number] {
			numbers[p.Number] = true
			cp.Number = strconv.Itoa(p.Number)
		}
		out = append(out, cp)
	}
	return out
}

// productNames names the chat's product refs by their titles ("Linen
// shirt, L" for TEE-L), for the window's interest strip; "" for a ref the
// chat does not know. nil without products.
func productNames(products []chat.Product) func(ref string) string {
	if len(products) == 0 {
		return nil
	}
	titles := make(map[string]string, len(products))
	for _, p := range products {
		titles[p.Ref] = p.Title
	}
	return func(ref string) string { return titles[ref] }
}
