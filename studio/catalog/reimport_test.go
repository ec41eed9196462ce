package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReimportCreatesNoDuplicatesAndAppliesUpdates(t *testing.T) {
	for _, sample := range []string{"shopify_products.csv", "woocommerce_products.csv"} {
		t.Run(sample, func(t *testing.T) {
			db, dir := openDB(t)
			c := newCDN(t)
			data := readTestdata(t, sample)
			first, err := importBytes(t, db, dir, c, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			before := listing(t, db)
			hits := c.hitCount()
			counts := [3]int{countRows(t, db, "products"), countRows(t, db, "variants"), countRows(t, db, "images")}

			again, err := importBytes(t, db, dir, c, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if again.Products != (Counts{Unchanged: first.Products.New}) || again.Variants != (Counts{Unchanged: first.Variants.New}) {
				t.Errorf("second import: products %+v, variants %+v; want all unchanged", again.Products, again.Variants)
			}
			if got := [3]int{countRows(t, db, "products"), countRows(t, db, "variants"), countRows(t, db, "images")}; got != counts {
				t.Errorf("rows (products, variants, images) %v after re-import, want %v", got, counts)
			}
			if !reflect.DeepEqual(listing(t, db), before) {
				t.Error("the catalog changed on re-importing the same file")
			}
			if c.hitCount() != hits {
				t.Errorf("re-import fetched %d images again; cached ones must be reused", c.hitCount()-hits)
			}
			if again.Images.Reused != first.Images.Cached {
				t.Errorf("re-import reused %d images, want %d", again.Images.Reused, first.Images.Cached)
			}
		})
	}
}

// The shop edits its catalog and exports again: a price changes, a variant
// is deleted, a SKU is renamed, a product is added. The import follows.
func TestReimportOfAnEditedExport(t *testing.T) {
	db, dir := openDB(t)
	c := newCDN(t)
	data := string(readTestdata(t, "shopify_products.csv"))
	if _, err := importBytes(t, db, dir, c, []byte(data), Options{}); err != nil {
		t.Fatal(err)
	}
	blueID := listing(t, db)[`silk-scarf/[{"name":"Color","value":"Blue"}]`]

	out := editCSV(t, []byte(data), func(col func(string) int, recs [][]string) [][]string {
		var kept [][]string
		for _, r := range recs {
			switch {
			case r[col("Variant SKU")] == "GZ-WHT-M":
				continue // the shop stopped selling white M
			case r[col("Variant SKU")] == "GZ-PUR-S":
				r[col("Variant Price")] = "44.00"
			case r[col("Handle")] == "silk-scarf" && r[col("Option1 Value")] == "Blue":
				r[col("Variant SKU")] = "SC-SAK-BLU" // the blue one gets a SKU
			}
			kept = append(kept, r)
		}
		towel := make([]string, len(recs[0]))
		for name, v := range map[string]string{"Handle": "tea-towel", "Title": "Tea towel", "Option1 Name": "Title",
			"Option1 Value": "Default Title", "Variant SKU": "TT-01", "Variant Inventory Tracker": "shopify",
			"Variant Inventory Qty": "9", "Variant Price": "7.00", "Status": "active"} {
			towel[col(name)] = v
		}
		return append(kept, towel)
	})

	dry, err := importBytes(t, db, dir, c, out, Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importBytes(t, db, dir, c, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantP, wantV := Counts{New: 1, Updated: 2, Unchanged: 3}, Counts{New: 1, Updated: 2, Unchanged: 6, Removed: 1}
	if rep.Products != wantP || rep.Variants != wantV {
		t.Errorf("import: products %+v variants %+v; want %+v and %+v", rep.Products, rep.Variants, wantP, wantV)
	}
	if dry.Products != rep.Products || dry.Variants != rep.Variants {
		t.Errorf("the dry run said products %+v variants %+v, the import did %+v %+v", dry.Products, dry.Variants, rep.Products, rep.Variants)
	}
	got := listing(t, db)
	if _, ok := got["GZ-WHT-M"]; ok {
		t.Error("the deleted variant GZ-WHT-M is still there")
	}
	if p := got["GZ-PUR-S"].PriceMinor; p != 4400 {
		t.Errorf("GZ-PUR-S price %d, want 4400", p)
	}
	blue, ok := got["SC-SAK-BLU"]
	if !ok || blue.PriceMinor != blueID.PriceMinor {
		t.Errorf("the blue scarf was not updated in place with its new SKU: %+v", blue)
	}
	if n := countRows(t, db, "variants"); n != 9 {
		t.Errorf("%d variants, want 9 (9 - 1 deleted + 1 new)", n)
	}
	if _, ok := got["TT-01"]; !ok {
		t.Error("the new product was not added")
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db, dir := openDB(t)
	c := newCDN(t)
	rep, err := importBytes(t, db, dir, c, readTestdata(t, "shopify_products.csv"), Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.DryRun || rep.Products != (Counts{New: 5}) || rep.Variants != (Counts{New: 9}) {
		t.Errorf("dry run report: %+v; want 5 new products and 9 new variants", rep)
	}
	for _, table := range []string{"products", "variants", "images"} {
		if n := countRows(t, db, table); n != 0 {
			t.Errorf("dry run wrote %d rows to %s", n, table)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "images")); !os.IsNotExist(err) {
		t.Errorf("dry run created the image cache (%v)", err)
	}
	if c.hitCount() != 0 {
		t.Errorf("dry run fetched %d images", c.hitCount())
	}
	if !strings.Contains(rep.Summary(), "dry run, nothing written") || !strings.Contains(rep.Summary(), "products: 5 new, 0 updated, 0 unchanged") {
		t.Errorf("summary does not say what would change:\n%s", rep.Summary())
	}
}
