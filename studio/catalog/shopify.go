package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vitrina-live/vitrina/studio/store"
)

// Shopify's product CSV: one row per variant, the product's own fields only
// on its first row (the one with the Title), and extra images on rows that
// carry just Handle and Image Src. Rows of one product share the Handle.

// parseShopify builds items from the rows. Column keys are lower case.
func parseShopify(rows []*row, res *parsed) {
	byHandle := map[string]*item{}
	badProduct := map[string]int{} // handle → line of its bad first row
	for _, rw := range rows {
		handle := rw.get("handle")
		e := &rowErrs{rw: rw}
		if rw.broken { // already reported; make its product's later rows say whose they are
			if handle != "" && byHandle[handle] == nil {
				if _, seen := badProduct[handle]; !seen {
					badProduct[handle] = rw.line
				}
			}
			continue
		}
		if handle == "" {
			e.bad("handle", "missing: every row needs the Handle of its product")
			res.errs = append(res.errs, e.list...)
			continue
		}
		it := byHandle[handle]
		first := it == nil
		if first {
			if l, bad := badProduct[handle]; bad {
				res.errs = append(res.errs, badRowFor(rw, handle, l))
				continue
			}
			it = shopifyProduct(rw, e)
			if len(e.list) > 0 {
				badProduct[handle] = rw.line
				res.errs = append(res.errs, e.list...)
				continue
			}
		}
		var v *store.Variant
		if first || shopifyHasVariant(rw) {
			v = shopifyVariant(rw, it, e)
		}
		imgPos := 0
		if src := rw.get("image src"); src != "" {
			if s := rw.get("image position"); s != "" {
				n, err := strconv.Atoi(s)
				if err != nil || n <= 0 {
					e.bad("image position", "not a positive whole number")
				}
				imgPos = n
			}
		}
		if first {
			byHandle[handle] = it
			res.items = append(res.items, it)
		}
		if len(e.list) > 0 {
			res.errs = append(res.errs, e.list...)
			it.partial = true
			continue
		}
		if v != nil {
			it.p.Variants = append(it.p.Variants, *v)
			it.vlines = append(it.vlines, rw.line)
			if v.ImageSrc != "" {
				it.addImage(v.ImageSrc, "", 0, rw.lineOf("variant image"))
			}
		}
		if src := rw.get("image src"); src != "" {
			it.addImage(src, rw.get("image alt text"), imgPos, rw.lineOf("image src"))
		}
	}
}

// shopifyProduct reads the product's own fields from its first row.
func shopifyProduct(rw *row, e *rowErrs) *item {
	it := &item{line: rw.line}
	p := &it.p
	p.Handle, p.Source = rw.get("handle"), string(Shopify)
	p.Title = rw.get("title")
	if p.Title == "" {
		e.bad("title", fmt.Sprintf("missing: the first row of product %q must have its Title", p.Handle))
	}
	p.BodyHTML = rw.raw("body (html)")
	p.Vendor, p.Type, p.Tags = rw.get("vendor"), rw.get("type"), rw.get("tags")

	p.Status = strings.ToLower(rw.get("status"))
	switch p.Status {
	case "":
		p.Status = "active" // exports before 2021 have no Status column
	case "active", "draft", "archived":
	default:
		e.bad("status", "want active, draft or archived")
	}
	switch strings.ToLower(rw.get("published")) {
	case "true", "yes", "1":
		p.Published = true
	case "false", "no", "0":
	case "":
		p.Published = p.Status == "active"
	default:
		e.bad("published", "want TRUE or FALSE")
	}
	for i := 1; i <= 3; i++ {
		it.optNames[i-1] = rw.get(fmt.Sprintf("option%d name", i))
	}
	return it
}

// shopifyHasVariant tells a variant row from an images-only row.
func shopifyHasVariant(rw *row) bool {
	for _, k := range []string{"option1 value", "option2 value", "option3 value", "variant sku", "variant price", "variant compare at price", "variant inventory qty"} {
		if rw.get(k) != "" {
			return true
		}
	}
	return false
}

func shopifyVariant(rw *row, it *item, e *rowErrs) *store.Variant {
	v := &store.Variant{SKU: rw.get("variant sku"), ImageSrc: rw.get("variant image")}
	for i := 1; i <= 3; i++ {
		val := rw.get(fmt.Sprintf("option%d value", i))
		name := it.optNames[i-1]
		if val == "" || (i == 1 && strings.EqualFold(name, "Title") && val == "Default Title") {
			continue // Shopify's single-variant product: no real option
		}
		if name == "" {
			name = fmt.Sprintf("Option %d", i)
		}
		v.Options = append(v.Options, store.Option{Name: name, Value: val})
	}
	price, err := ParseMoney(rw.get("variant price"))
	switch {
	case err == errPriceEmpty:
		e.bad("variant price", "missing: every variant needs a price")
	case err != nil:
		e.bad("variant price", err.Error())
	}
	v.PriceMinor = price
	if s := rw.get("variant compare at price"); s != "" {
		cmp, err := ParseMoney(s)
		if err != nil {
			e.bad("variant compare at price", err.Error())
		} else if cmp > 0 { // Shopify writes 0.00 for "no compare-at price"
			v.CompareAtMinor = &cmp
		}
	}
	// A blank Variant Inventory Tracker means Shopify does not count this
	// variant's stock, whatever the quantity column says.
	tracked := !rw.t.has("variant inventory tracker") || rw.get("variant inventory tracker") != ""
	if s := rw.get("variant inventory qty"); s != "" && tracked {
		n, err := parseStock(s)
		if err != nil {
			e.bad("variant inventory qty", err.Error())
		}
		v.Stock = &n
	}
	return v
}
