package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/store"
)

// showLogShow is a small headless show with a catalog and selling cues.
const showLogShow = `
[video]
width = 640
height = 360
fps = 30
bitrate_kbps = 400

[[source]]
id = "cam"
kind = "testpattern"

[show]
title = "Gzhel evening"
catalog = "products.csv"

[[cue]]
at = "1s"
do = "pin"
product = "GZ-PUR-S"

[[cue]]
at = "1500ms"
do = "flash_sale"
product = "gzhel-hoodie"
price = 39.00
stock = 5
duration = "1s"

[[cue]]
at = "2s"
do = "promo"
code = "GZHEL10"
discount = "10%"

[[cue]]
at = "3s"
do = "unpin"
`

// How far an event's offset may be from its cue's time. A frame (33 ms at
// 30 fps) because the recording can only show a change on a frame; 250 ms
// more for the path from the cue's timer to the stored time: the timer
// firing, the command waiting its turn on the engine loop (which also
// sends stats and serves the canvas), the product lookup and the event's
// publication, on a 2-core machine shared with other builds that keep the
// encoder and four other test runs busy. A cue is never early: the timer
// and the show's start share one clock.
const (
	frame = time.Second / 30
	slack = 250 * time.Millisecond
)

func TestRunRecordsTheShowAndItsPinInTheStore(t *testing.T) {
	dir := filepath.Dir(productsCSV(t, "49.00"))
	showFile := filepath.Join(dir, "gzhel.toml")
	if err := os.WriteFile(showFile, []byte(showLogShow), 0o644); err != nil {
		t.Fatal(err)
	}
	data, rec := t.TempDir(), filepath.Join(t.TempDir(), "gzhel.mkv")
	code, _, stderr := vitrinaData(t, data, "run", "--headless", "--show", showFile, "--for", "3500ms", "--record", rec)
	if code != 0 {
		t.Fatalf("run exited %d:\n%s", code, stderr)
	}

	ctx := context.Background()
	db := openStore(t, data)
	s, err := db.FindShow(ctx, "latest")
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "Gzhel evening" || s.Recording != rec || s.Live() {
		t.Errorf("show = %+v, want its title, recording %s and an end", s, rec)
	}
	if d := s.EndedAt.Sub(s.StartedAt); d < 3500*time.Millisecond-frame || d > 3500*time.Millisecond {
		t.Errorf("show length %v, want 3.5 s (--for), less a frame at most", d)
	}
	evs, err := db.Events(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]store.ShowEvent{}
	for _, ev := range evs {
		at[ev.Kind] = ev
		t.Logf("%8v %-10s %-9s %s", ev.Offset, ev.Kind, ev.SKU, ev.Data)
	}
	for _, w := range []struct {
		kind, sku string
		cue       time.Duration
	}{
		{store.KindPin, "GZ-PUR-S", time.Second},
		{store.KindSaleStart, "GZ-PUR-S", 1500 * time.Millisecond},
		{store.KindStock, "GZ-PUR-S", 1500 * time.Millisecond},
		{store.KindPromo, "", 2 * time.Second},
		{store.KindUnpin, "GZ-PUR-S", 3 * time.Second},
	} {
		ev, ok := at[w.kind]
		if !ok {
			t.Errorf("no %s event", w.kind)
			continue
		}
		if ev.SKU != w.sku || ev.Offset < w.cue-frame || ev.Offset > w.cue+frame+slack {
			t.Errorf("%s event: %s at %v, want %q at %v (-%v/+%v)", w.kind, ev.SKU, ev.Offset, w.sku, w.cue, frame, frame+slack)
		}
	}
	var pin struct{ Title string }
	json.Unmarshal(at[store.KindPin].Data, &pin)
	if pin.Title != "Худи «Гжель»" {
		t.Errorf("pin event data %s, want the product's title", at[store.KindPin].Data)
	}
	var sale struct {
		PriceMinor int64 `json:"price_minor"`
		Stock      int64 `json:"stock"`
		DurationMS int64 `json:"duration_ms"`
	}
	json.Unmarshal(at[store.KindSaleStart].Data, &sale)
	if sale.PriceMinor != 3900 || sale.Stock != 5 || sale.DurationMS != 1000 {
		t.Errorf("sale_start data %s, want the cue's price, stock and duration", at[store.KindSaleStart].Data)
	}
	// The sale ends when its duration is up, exactly: the end is planned.
	if end, ok := at[store.KindSaleEnd]; !ok || end.Offset-at[store.KindSaleStart].Offset != time.Second {
		t.Errorf("sale_end %+v, want 1 s after sale_start", end)
	}
	if n, err := db.ShowStock(ctx, s.ID, "GZ-PUR-S"); err != nil || n != 5 {
		t.Errorf("the show's stock of the sale's product is %d (%v), want the sale's 5", n, err)
	}
}

// A store that cannot be opened is logged and the show runs anyway.
func TestRunWithABrokenStoreStillRunsTheShow(t *testing.T) {
	data := t.TempDir()
	// A directory where the database file should be: no SQLite can open it.
	if err := os.Mkdir(filepath.Join(data, store.FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	showFile := filepath.Join(t.TempDir(), "plain.toml")
	body := strings.SplitN(showLogShow, "[show]", 2)[0]
	if err := os.WriteFile(showFile, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(t.TempDir(), "plain.mkv")
	code, _, stderr := vitrinaData(t, data, "run", "--headless", "--show", showFile, "--for", "1s", "--record", rec)
	if code != 0 {
		t.Fatalf("run exited %d with a broken store, want 0:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "the show is not recorded in the store") {
		t.Errorf("stderr does not say the store failed:\n%s", stderr)
	}
	if st, err := os.Stat(rec); err != nil || st.Size() == 0 {
		t.Errorf("no recording: %v", err)
	}
}
