package catalog

import (
	"reflect"
	"testing"

	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

func variantTitles(ps []show.Product) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Key()+"="+p.Title)
	}
	return out
}

// Every variant is listed under its own title, with its product's claim
// number; the list of products (the rundown's rows) still has one each.
func TestVariantsAreEachTitledByTheirOptions(t *testing.T) {
	c := rundownCatalog(t)
	want := []string{"MUG-BLU=Blue mug", "KET-01=Kettle", "TEE-S=T-shirt, S", "TEE-M=T-shirt, M", "SCARF=Scarf"}
	if got := variantTitles(c.Variants()); !reflect.DeepEqual(got, want) {
		t.Errorf("variants %q, want %q", got, want)
	}
	var numbers []int
	for _, p := range c.Variants() {
		numbers = append(numbers, p.Number)
	}
	if !reflect.DeepEqual(numbers, []int{1, 2, 3, 3, 4}) {
		t.Errorf("claim numbers %v: a variant has its product's", numbers)
	}
	if got := titles(c.Products()); !reflect.DeepEqual(got, []string{"MUG-BLU", "KET-01", "TEE-S", "SCARF"}) {
		t.Errorf("products %q, want one per product", got)
	}
	if p, _ := c.Product("TEE-M"); p.Title != "T-shirt" {
		t.Errorf("TEE-M's card title %q, want the product's", p.Title)
	}
}

// In a show with a rundown the variants follow its order: the variant an
// entry plans first, then its product's others, then the rest of the
// catalog.
func TestRundownVariantsFollowTheRundown(t *testing.T) {
	r, _ := NewRundownCatalog(rundownCatalog(t), []show.RundownItem{{Product: "kettle"}, {Product: "TEE-M"}})
	want := []string{"KET-01=Kettle", "TEE-M=T-shirt, M", "TEE-S=T-shirt, S", "MUG-BLU=Blue mug", "SCARF=Scarf"}
	if got := variantTitles(r.Variants()); !reflect.DeepEqual(got, want) {
		t.Errorf("variants %q, want %q", got, want)
	}
	if got := titles(r.Products()); !reflect.DeepEqual(got, []string{"KET-01", "TEE-M", "MUG-BLU", "SCARF"}) {
		t.Errorf("products %q: the rundown's rows changed", got)
	}
}

func TestVariantTitle(t *testing.T) {
	for _, c := range []struct {
		title string
		opts  []store.Option
		want  string
	}{
		{"Linen shirt", []store.Option{{Name: "Size", Value: "L"}}, "Linen shirt, L"},
		{"Hoodie", []store.Option{{Name: "Color", Value: "Purple"}, {Name: "Size", Value: "S"}}, "Hoodie, Purple / S"},
		{"Lavender candle", []store.Option{{Name: "Title", Value: "Default Title"}}, "Lavender candle"},
		{"Tote", nil, "Tote"},
		{"Scarf", []store.Option{{Name: "Color", Value: " "}}, "Scarf"},
	} {
		if got := VariantTitle(c.title, c.opts); got != c.want {
			t.Errorf("VariantTitle(%q, %v) = %q, want %q", c.title, c.opts, got, c.want)
		}
	}
}
