package main

import (
	"slices"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
)

// A show's chat knows its catalog: a product named by its title's words,
// by its name without the variant, or by its claim number is interest in
// it.
func TestChatKnowsTheShowsProducts(t *testing.T) {
	cat := listedCatalog{
		{SKU: "KET-01", Title: "Electric kettle 1.7 l", Number: 3},
		{SKU: "SHIRT-M", Title: "Linen shirt, M", Number: 2},
		{SKU: "SHIRT-L", Title: "Linen shirt, L", Number: 5},
	}
	p := chat.New(chat.Config{Products: chatProducts(cat, nil)})
	for text, want := range map[string][]string{
		"I want the electric kettle 1.7 l": {"KET-01"},
		"3":                                {"KET-01"},
		"#5 please":                        {"SHIRT-L"},
		"the linen shirt!!":                {"SHIRT-M"}, // the product's first variant in the show's order
		"linen shirt, l":                   {"SHIRT-L"}, // the variant it names, not also the first
		"an L linen shirt":                 {"SHIRT-L"},
		"hello from Riga":                  nil,
	} {
		d := p.Process(chat.Message{ID: text, Platform: "test", User: "u", Display: "u", Text: text, Time: time.Now()})
		got := slices.Clone(d.Products)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q: products %v, want %v", text, got, want)
		}
	}
	if chatProducts(nil, nil) != nil {
		t.Error("a show without a catalog gave the chat products")
	}
}
