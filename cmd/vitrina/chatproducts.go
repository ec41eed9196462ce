package main

import (
	"strconv"
	"strings"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/show"
)

// chatProducts is how the chat pipeline knows the show's products, so that
// "I want the ceramic mug", "#3" or a bare "3" count as interest in that
// product (the window's "Asked about" strip, the want-it counts of the
// report). Each variant is named by its full title and its claim number;
// the product's name without the variant ("Ceramic mug" of "Ceramic mug,
// blue") names its first variant in the show's order. nil when the
// catalog cannot list its products.
func chatProducts(cat show.Catalog) []chat.Product {
	cl, ok := cat.(catalogLister)
	if !ok {
		return nil
	}
	var out []chat.Product
	named := map[string]bool{}
	for _, p := range cl.Products() {
		ref := p.Key()
		if ref == "" || p.Title == "" {
			continue
		}
		cp := chat.Product{Ref: ref, Title: p.Title, Keywords: []string{p.Title}}
		if base := baseTitle(p.Title); base != "" && !named[strings.ToLower(base)] {
			named[strings.ToLower(base)] = true
			cp.Keywords = append(cp.Keywords, base)
		}
		if p.Number > 0 {
			cp.Number = strconv.Itoa(p.Number)
		}
		out = append(out, cp)
	}
	return out
}

// baseTitle is a variant's title without its variant part ("Linen shirt"
// of "Linen shirt, M" or "Linen shirt — M"); "" when it has none.
func baseTitle(title string) string {
	for _, sep := range []string{", ", " — ", " – ", " - ", " / "} {
		if i := strings.Index(title, sep); i > 0 {
			return strings.TrimSpace(title[:i])
		}
	}
	return ""
}
