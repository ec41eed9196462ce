package catalog

import (
	"context"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
)

const rundownShop = `Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty
mug,Blue mug,Title,Default Title,MUG-BLU,12.99,40
kettle,Kettle,Title,Default Title,KET-01,49.99,8
tee,T-shirt,Size,S,TEE-S,19.00,5
tee,,Size,M,TEE-M,19.00,3
scarf,Scarf,Title,Default Title,SCARF,25.00,2
`

func rundownCatalog(t *testing.T) *ShowCatalog {
	t.Helper()
	db, _ := openDB(t)
	ctx := context.Background()
	if _, err := Import(ctx, db, []byte(rundownShop), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}); err != nil {
		t.Fatal(err)
	}
	c, err := LoadShowCatalog(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func minutes(m float64) *float64 { return &m }

func titles(ps []show.Product) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.SKU)
	}
	return out
}

// The rundown's products come first in the host's order, then the rest of
// the catalog in catalog order; each claim number stays the catalog's.
func TestRundownOrdersTheCatalogAndKnowsNotes(t *testing.T) {
	c := rundownCatalog(t)
	r, problem := NewRundownCatalog(c, []show.RundownItem{
		{Product: "kettle", Minutes: minutes(5), Notes: "Boils in 90 s.", FAQ: []string{"Cordless? Yes."}},
		{Product: "TEE-M", Minutes: minutes(2.5)},
		{Product: "MUG-BLU", Notes: "Lead-free glaze."},
	})
	if problem != "" {
		t.Errorf("problem %q for a good rundown", problem)
	}
	if got, want := titles(r.Products()), []string{"KET-01", "TEE-M", "MUG-BLU", "SCARF"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
	if r.Products()[0].Number != 2 {
		t.Errorf("the kettle's claim number is %d, want its catalog place 2", r.Products()[0].Number)
	}
	// Notes by SKU or by handle; none for a product outside the rundown.
	for _, ref := range []string{"KET-01", "kettle"} {
		if n, faq := r.Notes(ref); n != "Boils in 90 s." || len(faq) != 1 {
			t.Errorf("Notes(%q) = %q %q", ref, n, faq)
		}
	}
	if n, faq := r.Notes("SCARF"); n != "" || faq != nil {
		t.Errorf("notes of a product outside the rundown: %q %q", n, faq)
	}
	if r.Planned("KET-01") != 5*time.Minute || r.Planned("TEE-M") != 150*time.Second || r.Planned("MUG-BLU") != 0 {
		t.Errorf("planned %v %v %v", r.Planned("KET-01"), r.Planned("TEE-M"), r.Planned("MUG-BLU"))
	}
	st := r.StoreEntries()
	if len(st) != 3 || st[0].Product != "KET-01" || st[0].Title != "Kettle" || st[1].Position != 2 || st[2].Notes != "Lead-free glaze." {
		t.Errorf("store entries %+v", st)
	}
	// Lookups still work for every product.
	if p, err := r.Product("scarf"); err != nil || p.SKU != "SCARF" {
		t.Errorf("Product(scarf) = %+v, %v", p, err)
	}
}

func TestRundownReportsUnknownAndRepeatedProductsInOneLine(t *testing.T) {
	c := rundownCatalog(t)
	r, problem := NewRundownCatalog(c, []show.RundownItem{
		{Product: "MUG-BLU"}, {Product: "NOPE-1"}, {Product: "mug"}, {Product: "nope-2"},
	})
	for _, want := range []string{"3 of 4 entries left out", `not in the catalog: "NOPE-1", "nope-2"`, `earlier entry: "mug"`} {
		if !strings.Contains(problem, want) {
			t.Errorf("problem %q does not say %q", problem, want)
		}
	}
	if strings.Contains(problem, "\n") {
		t.Errorf("problem is more than one line: %q", problem)
	}
	if got := titles(r.Products()); !reflect.DeepEqual(got, []string{"MUG-BLU", "KET-01", "TEE-S", "SCARF"}) {
		t.Errorf("order %q", got)
	}
	if len(r.Entries()) != 1 {
		t.Errorf("%d entries, want the one known", len(r.Entries()))
	}
}
