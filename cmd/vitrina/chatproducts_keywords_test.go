package main

import (
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/catalog"
	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

const keywordShop = `Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty
mug-blue,"Ceramic mug, blue",Title,Default Title,MUG-BLU,12.99,40
mug-red,"Ceramic mug, red",Title,Default Title,MUG-RED,12.99,30
tee,T-shirt,Size,S,TEE-S,19.00,5
tee,,Size,M,TEE-M,19.00,3
tote,Canvas tote,Title,Default Title,TOTE,25.00,2
`

const keywordShow = `
[video]
width = 1280
height = 720

[[source]]
id = "cam"
kind = "testpattern"

[layout]
kind = "single"
main = "cam"

[[rundown]]
product = "mug-blue"
keywords = ["синяя кружка", "кружк* син*", "蓝色杯子"]

[[rundown]]
product = "tee"              # a handle: its first variant
keywords = ["футболк*", "tee"]

[[rundown]]
product = "KET-9"            # not in the catalog: the show goes on without it
keywords = ["kettle"]

[[rundown]]
product = "TOTE"
`

// The keywords of a [[rundown]] entry reach the chat: the shop's own words
// for a product, in any script, count as interest in it, on top of its
// title's words and its claim number. The catalog is imported and ordered
// by the rundown as `vitrina run` does it.
func TestChatProductsTakeTheRundownsKeywords(t *testing.T) {
	ctx := t.Context()
	f, err := show.Parse([]byte(keywordShow), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := catalog.Import(ctx, db, []byte(keywordShop), catalog.Options{Logger: quiet}); err != nil {
		t.Fatal(err)
	}
	c, err := catalog.LoadShowCatalog(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := catalog.NewRundownCatalog(c, f.Rundown)
	p := chat.New(chat.Config{Products: chatProducts(cat, f.Rundown), Logger: quiet})
	for text, want := range map[string][]string{
		"синяя кружка!!":      {"MUG-BLU"},
		"хочу кружку синюю":   {"MUG-BLU"},
		"我要蓝色杯子":              {"MUG-BLU"},
		"the blue mug":        {"MUG-BLU"},
		"mug in red please":   {"MUG-RED"},
		"ceramic mug":         {"MUG-BLU"}, // the first in the rundown's order
		"футболку в M":        {"TEE-S"},
		"that tee":            {"TEE-S"},
		"canvas tote":         {"TOTE"},
		"a kettle":            nil,
		"синий цвет красивый": nil,
	} {
		d := p.Process(chat.Message{ID: text, Platform: "test", User: "u", Display: "u", Text: text, Time: time.Now()})
		got := slices.Clone(d.Products)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q: products %v, want %v", text, got, want)
		}
	}
}
