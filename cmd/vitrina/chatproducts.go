package main

import (
	"strconv"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/show"
)

// chatProducts is how the chat pipeline knows the show's products, so that
// "I want the blue mug", "#3" or a bare "3" count as interest in that
// product (the window's "Asked about" strip, the want-it counts of the
// report). Each variant is named by its title's words in any order and by
// its claim number (the chat derives the rest from the titles: the name
// without the variant names the first variant in the show's order), and by
// the keywords of its [[rundown]] entry. nil when the catalog cannot list
// its products.
func chatProducts(cat show.Catalog, rundown []show.RundownItem) []chat.Product {
	cl, ok := cat.(catalogLister)
	if !ok {
		return nil
	}
	keywords := map[string][]string{} // product key → the show's keywords
	for _, it := range rundown {
		if len(it.Keywords) == 0 {
			continue
		}
		// A handle names its first variant, as everywhere in the rundown;
		// an entry the catalog does not know is the rundown's warning.
		if p, err := cat.Product(it.Product); err == nil {
			keywords[p.Key()] = append(keywords[p.Key()], it.Keywords...)
		}
	}
	var out []chat.Product
	for _, p := range cl.Products() {
		ref := p.Key()
		if ref == "" || p.Title == "" {
			continue
		}
		cp := chat.Product{Ref: ref, Title: p.Title, Keywords: keywords[ref]}
		if p.Number > 0 {
			cp.Number = strconv.Itoa(p.Number)
		}
		out = append(out, cp)
	}
	return out
}
