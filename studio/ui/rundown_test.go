package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
)

func TestTappingPinSendsPinForTheSelectedProduct(t *testing.T) {
	seller := &fakeSeller{calls: make(chan string, 8)}
	w, _ := newTestWindow(t, newFakeEngine(), Options{Seller: seller, Rundown: fakeRundown{}, Currency: "EUR"})
	r := w.Rundown
	r.List.Select(1)
	test.Tap(r.Pin)
	if got := <-seller.calls; got != "Pin KET-01" {
		t.Errorf("seller got %q, want Pin KET-01", got)
	}
	// The engine says what is on air; the rundown marks it.
	w.Apply(studio.Event{Kind: EventSelling, Subject: "pin", State: "KET-01"})
	if r.Pinned() != "KET-01" {
		t.Errorf("pinned %q", r.Pinned())
	}
	if shown := texts(r.List); !strings.Contains(shown, "● #2  Kettle") || !strings.Contains(shown, "49.99 EUR · 8 in stock") {
		t.Errorf("rundown shows %s", shown)
	}
	test.Tap(r.Next)
	if got := <-seller.calls; got != "Pin TEE-M" {
		t.Errorf("Next product: seller got %q", got)
	}
	test.Tap(r.Unpin)
	if got := <-seller.calls; got != "Unpin" {
		t.Errorf("seller got %q", got)
	}
	w.Apply(studio.Event{Kind: EventSelling, Subject: "stock", State: "KET-01=3"})
	if shown := texts(r.List); !strings.Contains(shown, "3 in stock") {
		t.Errorf("stock event not shown: %s", shown)
	}
}

func TestHostNotesShowForTheSelectedProduct(t *testing.T) {
	seller := &fakeSeller{calls: make(chan string, 8)}
	w, _ := newTestWindow(t, newFakeEngine(), Options{Seller: seller, Rundown: fakeRundown{}})
	w.Rundown.List.Select(0)
	if !strings.Contains(w.Rundown.Notes.Text, "lead-free") || !strings.Contains(w.Rundown.Notes.Text, "Microwave") {
		t.Errorf("notes %q", w.Rundown.Notes.Text)
	}
}

// Without the engine's selling commands the controls are there, disabled,
// and say why.
func TestRundownWithoutSellerIsDisabled(t *testing.T) {
	w, _ := newTestWindow(t, newFakeEngine(), Options{})
	if !w.Rundown.Pin.Disabled() || w.Rundown.Hint.Text == "" {
		t.Errorf("pin disabled %v, hint %q", w.Rundown.Pin.Disabled(), w.Rundown.Hint.Text)
	}
	test.Tap(w.Rundown.Pin) // nothing happens, nothing panics
}

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]int64{"12.99": 1299, "12,5": 1250, " 7 ": 700} {
		got, err := parseMoney(in)
		if err != nil || got != want {
			t.Errorf("parseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := parseMoney("twelve"); err == nil {
		t.Error("parseMoney(twelve) did not fail")
	}
}

func TestFlashSaleAndPromoFormsSendTheirCommands(t *testing.T) {
	seller := &fakeSeller{calls: make(chan string, 8)}
	w, _ := newTestWindow(t, newFakeEngine(), Options{Seller: seller, Rundown: fakeRundown{}})
	r := w.Rundown
	r.List.Select(0)
	test.Tap(r.FlashSale)
	if r.form == nil || r.form.Entries[0].Text != "10.39" || r.form.Entries[1].Text != "20" {
		t.Fatalf("flash sale form not open with a 20%% discount and 20 pieces: %+v", r.form)
	}
	r.form.Entries[0].SetText("9.99")
	r.form.Entries[2].SetText("90s")
	r.form.Submit(true)
	if got := <-seller.calls; got != "FlashSale MUG-BLU 999 20 1m30s" {
		t.Errorf("seller got %q", got)
	}
	test.Tap(r.Promo)
	r.form.Entries[0].SetText("LIVE10")
	r.form.Entries[1].SetText("10%")
	r.form.Submit(true)
	if got := <-seller.calls; got != "Promo LIVE10 10% 15m0s 20s" {
		t.Errorf("seller got %q", got)
	}
	r.form.Entries[2].SetText("soon")
	r.form.Submit(true) // a bad duration is shown, not sent
	select {
	case got := <-seller.calls:
		t.Errorf("a bad form was sent: %q", got)
	default:
	}
}
