package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// replaceOnce edits a sample and fails the test when the text to edit is not
// there, so a changed sample cannot make a case pass vacuously.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("the sample has %q %d times, want once", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

func mustEncode(t *testing.T, e *encoding.Encoder, s string) string {
	t.Helper()
	out, err := e.String(s)
	if err != nil {
		t.Fatalf("encoding the sample: %v", err)
	}
	return out
}

// russianShopify is a small export in Cyrillic only, so that it can be
// written in Windows-1251.
const russianShopify = "Handle,Title,Body (HTML),Vendor,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Compare At Price,Image Src\n" +
	"platok,Платок «Гжель»,\"<p>Шерсть, 90 на 90 см</p>\",Павлово-Посадская мануфактура,Цвет,Синий,PL-BLU,4,3500.00,4200.00,\n" +
	"platok,,,,,Красный,PL-RED,2,3500.00,,\n"

const westernShopify = "Handle,Title,Body (HTML),Vendor,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price\n" +
	"creme,Crème brûlée set « Façon »,<p>Ramequins en grès</p>,Maison Éloïse,Title,Default Title,CB-01,6,29.90\n"

// Every malformed file is refused with the line of each bad row and its
// reason, and nothing at all is written.
func TestMalformedFilesImportNothing(t *testing.T) {
	shop := string(readTestdata(t, "shopify_products.csv"))
	woo := string(readTestdata(t, "woocommerce_products.csv"))
	cp1251 := mustEncode(t, charmap.Windows1251.NewEncoder(), russianShopify)
	utf16NoBOM := mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), shop)

	cases := []struct {
		name string
		data string
		want []string // each must appear in the error or the report's errors
		sent error
	}{
		{"bad price", replaceOnce(t, shop, "GZ-PUR-M,450,shopify,5,deny,manual,49.00", "GZ-PUR-M,450,shopify,5,deny,manual,49,00"),
			[]string{`line 7: 50 fields, but the header has 49`}, ErrBadRows}, // an unquoted comma adds a field
		{"stray comma in a product's first row", replaceOnce(t, shop, "GZ-PUR-S,450,shopify,12,deny,manual,49.00", "GZ-PUR-S,450,shopify,12,deny,manual,49,00"),
			[]string{`line 2: 50 fields, but the header has 49`, `line 7: belongs to product "gzhel-hoodie", which is bad (line 2)`}, ErrBadRows},
		{"bad price, quoted", replaceOnce(t, shop, "GZ-PUR-M,450,shopify,5,deny,manual,49.00", `GZ-PUR-M,450,shopify,5,deny,manual,"49,00"`),
			[]string{`line 7: Variant Price "49,00": not a price: write decimals with a dot`}, ErrBadRows},
		{"bad price after a multi-line body", replaceOnce(t, shop, "GZ-PUR-S,450,shopify,12,deny,manual,49.00", "GZ-PUR-S,450,shopify,12,deny,manual,49.0O"),
			[]string{`line 6: Variant Price "49.0O": not a price`}, ErrBadRows},
		{"negative price", replaceOnce(t, shop, "APR-LIN-01,450,shopify,30,deny,manual,24.50", "APR-LIN-01,450,shopify,30,deny,manual,-24.50"),
			[]string{`line 10: Variant Price "-24.50": a price cannot be negative`}, ErrBadRows},
		{"missing title", replaceOnce(t, shop, "linen-apron,Tablier en lin « Café »,", "linen-apron,,"),
			[]string{`line 10: Title: missing`, `line 11: belongs to product "linen-apron", which is bad (line 10)`}, ErrBadRows},
		{"bare quote", replaceOnce(t, shop, "linen-apron,Tablier en lin « Café »,", `linen-apron,Tablier "en" lin,`),
			[]string{`line 10: broken quoting: a " inside a field`}, ErrBadRows},
		{"unclosed quote", replaceOnce(t, shop, `90×90 cm.</p>"`, `90×90 cm.</p>`),
			[]string{`line 12: broken quoting: a closing " is followed by more text`}, ErrBadRows},
		{"quote never closed", shop + "tail,\"Unclosed title\nmore text\n",
			[]string{`line 16: broken quoting: a quoted field starts here and is not closed properly (the reader got to line 17)`}, ErrBadRows},
		{"duplicate SKU", replaceOnce(t, shop, "GZ-WHT-S", "GZ-PUR-S"),
			[]string{`line 8: SKU "GZ-PUR-S": already used at line 2`}, ErrBadRows},
		{"bad stock", replaceOnce(t, shop, "GZ-WHT-M,450,shopify,3,", "GZ-WHT-M,450,shopify,many,"),
			[]string{`line 9: Variant Inventory Qty "many": not a whole number`}, ErrBadRows},
		{"missing handle", replaceOnce(t, shop, "gift-card,Gift card", ",Gift card"),
			[]string{`line 15: Handle: missing`}, ErrBadRows},
		{"woo variation of a missing parent", replaceOnce(t, woo, "id:40,,,,,,2,", "id:999,,,,,,2,"),
			[]string{`line 4: Parent "id:999": no variable product in the file has this ID or SKU`}, ErrBadRows},
		{"woo bad sale price", replaceOnce(t, woo, ",9.99,12.00,", ",9.99€,12.00,"),
			[]string{`line 6: Sale price "9.99€": not a price`}, ErrBadRows},
		{"woo missing name", replaceOnce(t, woo, ",Wool scarf,1,0,visible,,", ",,1,0,visible,,"),
			[]string{`line 12: Name: missing`, `line 10: belongs to product "SCARF", which is bad (line 12)`}, ErrBadRows},
		{"windows-1251 without --encoding", cp1251,
			[]string{"line 2: byte 0xCF is not UTF-8", "--encoding windows-1251"}, ErrEncoding},
		{"utf-16 without a BOM", utf16NoBOM, []string{"UTF-16 without a byte order mark", "--encoding utf-16le"}, ErrEncoding},
		{"unknown format", "Name,Price\nCup,3.00\n", []string{"line 1:", "neither Shopify's Handle and Title", `"Name", "Price"`}, ErrUnknownFormat},
		{"empty", "", []string{"empty file"}, ErrEmpty},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, dir := openDB(t)
			rep, err := importBytes(t, db, dir, newCDN(t), []byte(c.data), Options{})
			if err == nil {
				t.Fatal("the import succeeded")
			}
			if !errors.Is(err, c.sent) || !errors.Is(err, ErrBadFile) {
				t.Errorf("error %v: want %v and ErrBadFile", err, c.sent)
			}
			all := err.Error()
			if rep != nil {
				for _, e := range rep.Errors {
					all += "\n" + e.Error()
				}
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("no %q in:\n%s", w, all)
				}
			}
			for _, table := range []string{"products", "variants", "images"} {
				if n := countRows(t, db, table); n != 0 {
					t.Errorf("%d rows in %s after a refused file", n, table)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "images")); !os.IsNotExist(err) {
				t.Error("images were cached for a refused file")
			}
		})
	}
}

// With --skip-bad the good rows go in, and an earlier import's variant that
// sits on a skipped row is kept rather than pruned.
func TestSkipBadImportsTheGoodRows(t *testing.T) {
	shop := string(readTestdata(t, "shopify_products.csv"))
	bad := replaceOnce(t, shop, "GZ-PUR-M,450,shopify,5,deny,manual,49.00", `GZ-PUR-M,450,shopify,5,deny,manual,"49,00"`)
	bad = replaceOnce(t, bad, "linen-apron,Tablier en lin « Café »,", "linen-apron,,")

	db, dir := openDB(t)
	c := newCDN(t)
	rep, err := importBytes(t, db, dir, c, []byte(bad), Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := badRowCount(rep.Errors); got != 3 {
		t.Errorf("%d bad rows reported, want 3 (lines 7, 10, 11): %v", got, rep.Errors)
	}
	if rep.Products != (Counts{New: 4}) || rep.Variants != (Counts{New: 7}) {
		t.Errorf("products %+v variants %+v; want 4 and 7 new", rep.Products, rep.Variants)
	}
	got := listing(t, db)
	if _, ok := got["GZ-PUR-M"]; ok {
		t.Error("the variant with the bad price was imported")
	}
	if _, ok := got["APR-LIN-01"]; ok {
		t.Error("the product without a title was imported")
	}
	if _, ok := got["GZ-PUR-S"]; !ok {
		t.Error("the good variants of a product with a bad row were not imported")
	}
	if !strings.Contains(rep.Summary(), "skipped 3 bad rows") || !strings.Contains(rep.Summary(), "line 7: Variant Price") {
		t.Errorf("the summary does not list the skipped rows:\n%s", rep.Summary())
	}

	// The good file, then the bad one again: GZ-PUR-M stays.
	if _, err := importBytes(t, db, dir, c, []byte(shop), Options{}); err != nil {
		t.Fatal(err)
	}
	rep, err = importBytes(t, db, dir, c, []byte(bad), Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := listing(t, db)["GZ-PUR-M"]; !ok || rep.Variants.Removed != 0 {
		t.Errorf("a variant on a skipped bad row was pruned (removed %d)", rep.Variants.Removed)
	}
}
