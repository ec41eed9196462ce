package catalog

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vitrina-live/vitrina/studio/store"
)

// Format is the shop the export came from.
type Format string

const (
	Shopify     Format = "shopify"
	WooCommerce Format = "woocommerce"
)

// item is one product as the file gives it, with the lines it came from so
// later checks can still name them.
type item struct {
	p       store.Product // IDs unset
	line    int           // the product's own row
	vlines  []int         // per variant
	ilines  []int         // per image
	partial bool          // some of its own rows were bad and skipped

	optNames [3]string // Shopify names options on the first row only
}

// parsed is the whole file, read and checked, before any database work.
type parsed struct {
	format   Format
	encoding string
	rows     int
	items    []*item
	errs     []RowError
	warns    []RowError
}

// parse reads decoded text. Row problems are collected, never fatal; only a
// file that cannot be read at all (no header, unknown format) is an error.
func parse(text []byte) (*parsed, error) {
	t, err := newTable(text)
	if err != nil {
		return nil, err
	}
	res := &parsed{}
	switch {
	case t.has("handle") && t.has("title"):
		res.format = Shopify
	case t.has("type") && t.has("name") && (t.has("regular price") || t.has("sku")):
		res.format = WooCommerce
	default:
		return nil, fmt.Errorf("%w: line 1: the header has neither Shopify's Handle and Title columns nor WooCommerce's Type, Name and Regular price (it starts %s); export the products from Shopify or WooCommerce as CSV",
			ErrUnknownFormat, headStart(t.header))
	}
	var rows []*row
	for {
		rw, bad, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		res.rows++
		if bad != nil {
			res.errs = append(res.errs, *bad)
		}
		if rw != nil {
			rows = append(rows, rw)
		}
	}
	if res.format == Shopify {
		parseShopify(rows, res)
	} else {
		parseWoo(rows, res)
	}
	res.finish()
	return res, nil
}

func headStart(h []string) string {
	n := min(len(h), 4)
	q := make([]string, n)
	for i := range n {
		q[i] = fmt.Sprintf("%q", h[i])
	}
	s := strings.Join(q, ", ")
	if len(h) > n {
		s += ", …"
	}
	return s
}

// finish applies the checks that span rows and formats: a SKU names one
// variant in the file, options tell a product's variants apart, and images
// are in position order without repeats.
func (res *parsed) finish() {
	skuLine := map[string]int{}
	handleLine := map[string]int{}
	kept := res.items[:0]
	for _, it := range res.items {
		if first, dup := handleLine[it.p.Handle]; dup {
			res.errs = append(res.errs, RowError{Line: it.line, Reason: fmt.Sprintf(
				"product %q is already defined at line %d", it.p.Handle, first)})
			continue
		}
		handleLine[it.p.Handle] = it.line
		seenOpts := map[string]int{}
		vs, vl := it.p.Variants[:0], it.vlines[:0]
		for i, v := range it.p.Variants {
			line := it.vlines[i]
			key := store.EncodeOptions(v.Options)
			if first, dup := seenOpts[key]; dup {
				res.errs = append(res.errs, RowError{Line: line, Reason: fmt.Sprintf(
					"product %q already has a variant with these options (line %d)", it.p.Handle, first)})
				it.partial = true
				continue
			}
			if first, dup := skuLine[v.SKU]; dup && v.SKU != "" {
				res.errs = append(res.errs, RowError{Line: line, Column: "SKU", Value: v.SKU, Reason: fmt.Sprintf(
					"already used at line %d; a SKU names one variant", first)})
				it.partial = true
				continue
			}
			seenOpts[key] = line
			if v.SKU != "" {
				skuLine[v.SKU] = line
			}
			v.Position = len(vs) + 1
			vs, vl = append(vs, v), append(vl, line)
		}
		it.p.Variants, it.vlines = vs, vl
		if len(vs) == 0 {
			if !it.partial {
				res.warns = append(res.warns, RowError{Line: it.line, Reason: fmt.Sprintf(
					"product %q has no variants with a price: skipped", it.p.Handle)})
			}
			continue
		}
		it.sortImages()
		kept = append(kept, it)
	}
	res.items = kept
	sort.SliceStable(res.errs, func(i, j int) bool { return res.errs[i].Line < res.errs[j].Line })
	sort.SliceStable(res.warns, func(i, j int) bool { return res.warns[i].Line < res.warns[j].Line })
}

func (it *item) sortImages() {
	idx := make([]int, len(it.p.Images))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return it.p.Images[idx[a]].Position < it.p.Images[idx[b]].Position })
	seen := map[string]bool{}
	var imgs []store.Image
	var lines []int
	for _, i := range idx {
		im := it.p.Images[i]
		if seen[im.Src] {
			continue
		}
		seen[im.Src] = true
		im.Position = len(imgs) + 1
		imgs, lines = append(imgs, im), append(lines, it.ilines[i])
	}
	it.p.Images, it.ilines = imgs, lines
}

// unpositioned sorts an image named without a position (a variant's
// picture) after every positioned one, in file order.
const unpositioned = 1 << 30

// addImage appends an image unless the product has it already; a later row
// that gives the same picture a position or alt text fills them in.
func (it *item) addImage(src, alt string, pos, line int) {
	for i := range it.p.Images {
		if im := &it.p.Images[i]; im.Src == src {
			if pos > 0 && im.Position == unpositioned {
				im.Position = pos
			}
			if im.Alt == "" {
				im.Alt = alt
			}
			return
		}
	}
	if pos <= 0 {
		pos = unpositioned
	}
	it.p.Images = append(it.p.Images, store.Image{Src: src, Alt: alt, Position: pos})
	it.ilines = append(it.ilines, line)
}

// badRowFor reports a row that belongs to a product whose own row was bad.
func badRowFor(rw *row, handle string, productLine int) RowError {
	return RowError{Line: rw.line, Reason: fmt.Sprintf(
		"belongs to product %q, which is bad (line %d)", handle, productLine)}
}
