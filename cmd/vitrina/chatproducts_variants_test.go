package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/catalog"
	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

// demoShowCatalog imports the demo shop (a linen shirt in M and L, a blue
// mug, a kettle...) into a fresh store, as `vitrina run` does.
func demoShowCatalog(t *testing.T) *catalog.ShowCatalog {
	t.Helper()
	ctx := t.Context()
	data, err := os.ReadFile(repoPath("assets/catalog/demo.csv"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := catalog.Import(ctx, db, data, catalog.Options{Logger: quiet}); err != nil {
		t.Fatal(err)
	}
	c, err := catalog.LoadShowCatalog(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func namedProducts(t *testing.T, p *chat.Pipeline, cases map[string][]string) {
	t.Helper()
	for text, want := range cases {
		d := p.Process(chat.Message{ID: text, Platform: "test", User: "u", Display: "u", Text: text, Time: time.Now()})
		got := slices.Clone(d.Products)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q: products %v, want %v", text, got, want)
		}
	}
}

// Every variant of the real catalog reaches the chat under its own title:
// a viewer who wants the L shirt is counted for TEE-L, not for the
// product's first variant.
func TestChatProductsNameEveryVariant(t *testing.T) {
	c := demoShowCatalog(t)
	products := chatProducts(c, nil)
	names := productNames(products)
	for ref, want := range map[string]string{"TEE-M": "Linen shirt, M", "TEE-L": "Linen shirt, L",
		"MUG-BLU": "Ceramic mug, Blue", "CAN-LAV": "Lavender candle", "LAMP-9": ""} {
		if got := names(ref); got != want {
			t.Errorf("%s is named %q, want %q", ref, got, want)
		}
	}
	namedProducts(t, chat.New(chat.Config{Products: products}), map[string][]string{
		"I want the L shirt":   {"TEE-L"},
		"linen shirt M please": {"TEE-M"},
		"the linen shirt":      {"TEE-M"}, // the product's name alone: its first variant
		"the blue mug":         {"MUG-BLU"},
		"kettle":               {"KET-01"},
		"#3":                   {"KET-01"},
		"2":                    {"TEE-M"}, // the product's claim number: its first variant, once
		"lavender candle!":     {"CAN-LAV"},
		"hello from Riga":      nil,
	})
}

// With a rundown, a product's variants follow it: the variant it plans is
// the one the product's name and claim number mean, and its keywords are
// that variant's.
func TestChatProductsFollowTheRundownsVariant(t *testing.T) {
	items := []show.RundownItem{{Product: "TEE-L", Keywords: []string{"льняная рубашка"}}, {Product: "ceramic-mug"}}
	r, problem := catalog.NewRundownCatalog(demoShowCatalog(t), items)
	if problem != "" {
		t.Fatal(problem)
	}
	namedProducts(t, chat.New(chat.Config{Products: chatProducts(r, items)}), map[string][]string{
		"the linen shirt":      {"TEE-L"},
		"#2":                   {"TEE-L"},
		"linen shirt in M":     {"TEE-M"},
		"льняная рубашка":      {"TEE-L"},
		"a ceramic mug please": {"MUG-BLU"},
	})
}
