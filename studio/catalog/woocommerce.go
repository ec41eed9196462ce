package catalog

import (
	"fmt"
	"strings"

	"github.com/vitrina-live/vitrina/studio/store"
)

// WooCommerce's product CSV (Products → Export): one row per product and one
// per variation. A variation names its variable product in Parent, as
// "id:NN" or the parent's SKU, and may come before or after it. The exporter
// writes newlines in descriptions as a literal \n, joins lists with commas
// (escaping a comma inside a value as \,), and puts a ' before a value that
// starts with = + - or @ so spreadsheets do not run it as a formula.

type wooVariation struct {
	rw     *row
	v      store.Variant
	parent string
	images []string
}

func parseWoo(rows []*row, res *parsed) {
	byRef := map[string]*item{} // "id:NN" and "sku:X" → product
	variable := map[*item]bool{}
	badRef := map[string]int{} // refs of products whose row was bad → that line
	var variations []wooVariation
	for _, rw := range rows {
		e := &rowErrs{rw: rw}
		kinds := map[string]bool{}
		for _, k := range splitWoo(woo(rw, "type")) {
			kinds[strings.ToLower(k)] = true
		}
		id, sku := woo(rw, "id"), woo(rw, "sku")
		refs := []string{}
		if id != "" {
			refs = append(refs, "id:"+id)
		}
		if sku != "" {
			refs = append(refs, "sku:"+sku)
		}
		switch {
		case rw.broken: // already reported; variations of it will say so
			for _, r := range refs {
				badRef[r] = rw.line
			}
		case kinds["variation"]:
			v := wooVariant(rw, e, true)
			parent := woo(rw, "parent")
			if parent == "" {
				e.bad("parent", "missing: a variation needs the ID (id:NN) or SKU of its variable product")
			}
			if len(e.list) > 0 {
				res.errs = append(res.errs, e.list...)
				continue
			}
			variations = append(variations, wooVariation{rw: rw, v: *v, parent: parent, images: splitWoo(woo(rw, "images"))})
		case kinds["grouped"]:
			res.warns = append(res.warns, RowError{Line: rw.line, Reason: fmt.Sprintf(
				"grouped product %q skipped: it has no price of its own (its members are imported from their own rows)", woo(rw, "name"))})
		case kinds["simple"] || kinds["external"] || kinds["variable"]:
			it := wooProduct(rw, e, id, sku)
			var v *store.Variant
			if !kinds["variable"] {
				v = wooVariant(rw, e, false)
			}
			if len(e.list) > 0 {
				for _, r := range refs {
					badRef[r] = rw.line
				}
				res.errs = append(res.errs, e.list...)
				continue
			}
			if v != nil {
				it.p.Variants, it.vlines = []store.Variant{*v}, []int{rw.line}
			}
			for i, src := range splitWoo(woo(rw, "images")) {
				it.addImage(src, "", i+1, rw.lineOf("images"))
			}
			for _, r := range refs {
				byRef[r] = it
			}
			variable[it] = kinds["variable"]
			res.items = append(res.items, it)
		default:
			e.bad("type", "want simple, variable, variation, external or grouped")
			res.errs = append(res.errs, e.list...)
		}
	}
	for _, wv := range variations {
		ref := "sku:" + wv.parent
		if strings.HasPrefix(wv.parent, "id:") {
			ref = wv.parent
		}
		it := byRef[ref]
		switch {
		case it == nil && badRef[ref] != 0:
			res.errs = append(res.errs, badRowFor(wv.rw, wv.parent, badRef[ref]))
		case it == nil:
			res.errs = append(res.errs, RowError{Line: wv.rw.lineOf("parent"), Column: wv.rw.t.headerName("parent"), Value: wv.parent,
				Reason: "no variable product in the file has this ID or SKU"})
		case !variable[it]:
			res.errs = append(res.errs, RowError{Line: wv.rw.lineOf("parent"), Column: wv.rw.t.headerName("parent"), Value: wv.parent,
				Reason: fmt.Sprintf("product %q is not a variable product", it.p.Handle)})
			it.partial = true
		default:
			if len(wv.images) > 0 {
				wv.v.ImageSrc = wv.images[0]
				it.addImage(wv.images[0], "", 0, wv.rw.lineOf("images"))
			}
			it.p.Variants = append(it.p.Variants, wv.v)
			it.vlines = append(it.vlines, wv.rw.line)
		}
	}
}

func wooProduct(rw *row, e *rowErrs, id, sku string) *item {
	it := &item{line: rw.line}
	p := &it.p
	p.Source = string(WooCommerce)
	// WooCommerce exports no slug; the SKU is the stable name a show file
	// can use, and the ID is the fallback for a product without one.
	switch {
	case sku != "":
		p.Handle = sku
	case id != "":
		p.Handle = "woo-" + id
	default:
		e.whole("a product needs an ID or a SKU to be told apart on the next import")
	}
	if p.Title = woo(rw, "name"); p.Title == "" {
		e.bad("name", "missing: every product needs a Name")
	}
	p.BodyHTML = wooText(unescapeWoo(rw.raw("description")))
	if strings.TrimSpace(p.BodyHTML) == "" {
		p.BodyHTML = wooText(unescapeWoo(rw.raw("short description")))
	}
	if cats := splitWoo(woo(rw, "categories")); len(cats) > 0 {
		p.Type = cats[0]
	}
	p.Tags, p.Vendor = woo(rw, "tags"), woo(rw, "brands")
	switch woo(rw, "published") {
	case "1", "":
		p.Published, p.Status = true, "active"
	case "0":
		p.Status = "draft"
	case "-1":
		p.Status = "private"
	default:
		e.bad("published", "want 1, 0 or -1")
	}
	return it
}

func wooVariant(rw *row, e *rowErrs, variation bool) *store.Variant {
	v := &store.Variant{SKU: woo(rw, "sku")}
	regular, sale := woo(rw, "regular price"), woo(rw, "sale price")
	var reg, sal int64
	var errR, errS error
	if regular != "" {
		if reg, errR = ParseMoney(regular); errR != nil {
			e.bad("regular price", errR.Error())
		}
	}
	if sale != "" {
		if sal, errS = ParseMoney(sale); errS != nil {
			e.bad("sale price", errS.Error())
		}
	}
	switch {
	case regular == "" && sale == "":
		e.bad("regular price", "missing: every variant needs a price")
	case sale != "":
		// The sale price is what a buyer pays now; the regular one is the
		// "was" price a card strikes through.
		v.PriceMinor = sal
		if regular != "" && reg > sal {
			v.CompareAtMinor = &reg
		}
	default:
		v.PriceMinor = reg
	}
	if s := woo(rw, "stock"); s != "" {
		n, err := parseStock(s)
		if err != nil {
			e.bad("stock", err.Error())
		}
		v.Stock = &n
	} else if woo(rw, "in stock?") == "0" {
		zero := int64(0) // stock not managed, but marked out of stock
		v.Stock = &zero
	}
	if variation {
		for n := 1; rw.t.has(fmt.Sprintf("attribute %d name", n)); n++ {
			name, val := woo(rw, fmt.Sprintf("attribute %d name", n)), woo(rw, fmt.Sprintf("attribute %d value(s)", n))
			if name != "" && val != "" { // an empty value is WooCommerce's "any"
				v.Options = append(v.Options, store.Option{Name: name, Value: val})
			}
		}
	}
	return v
}

// woo is a trimmed field with the exporter's formula guard removed.
func woo(rw *row, key string) string { return unescapeWoo(rw.get(key)) }

func unescapeWoo(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// wooText turns the exporter's literal \n back into newlines (and its \\n
// into a literal \n).
func wooText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], `\\n`):
			b.WriteString(`\n`)
			i += 2
		case strings.HasPrefix(s[i:], `\n`):
			b.WriteByte('\n')
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitWoo splits a WooCommerce list on commas that are not escaped as \,.
func splitWoo(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if v := strings.TrimSpace(cur.String()); v != "" {
			out = append(out, v)
		}
		cur.Reset()
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == ',':
			cur.WriteByte(',')
			i++
		case s[i] == ',':
			flush()
		default:
			cur.WriteByte(s[i])
		}
	}
	flush()
	return out
}
