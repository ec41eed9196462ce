package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
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

// plannedRundown is fakeRundown with 5 minutes planned for the kettle.
type plannedRundown struct{ fakeRundown }

func (plannedRundown) Planned(ref string) time.Duration {
	if ref == "KET-01" {
		return 5 * time.Minute
	}
	return 0
}

// The host sees the pinned product's planned minutes beside its time on
// air, in red once it runs over.
func TestRundownShowsPlannedAndOnAirTime(t *testing.T) {
	seller := &fakeSeller{calls: make(chan string, 8)}
	w, _ := newTestWindow(t, newFakeEngine(), Options{Seller: seller, Rundown: plannedRundown{}})
	r := w.Rundown
	start := time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return start }
	if r.OnAir.Visible() {
		t.Errorf("on-air time shown with nothing pinned: %q", r.OnAir.Text)
	}
	w.Apply(studio.Event{Kind: EventSelling, Subject: "pin", State: "KET-01"})
	r.Tick(start.Add(3*time.Minute + 12*time.Second))
	if !r.OnAir.Visible() || r.OnAir.Text != "Planned 5 min · on air 3:12" || r.OnAir.Importance == widget.DangerImportance {
		t.Errorf("on air: visible %v, %q, importance %v", r.OnAir.Visible(), r.OnAir.Text, r.OnAir.Importance)
	}
	r.Tick(start.Add(5*time.Minute + 1*time.Second))
	if r.OnAir.Text != "Planned 5 min · on air 5:01" || r.OnAir.Importance != widget.DangerImportance {
		t.Errorf("over time: %q, importance %v", r.OnAir.Text, r.OnAir.Importance)
	}
	// Another product, without a plan, counts from its own pin.
	r.now = func() time.Time { return start.Add(6 * time.Minute) }
	w.Apply(studio.Event{Kind: EventSelling, Subject: "pin", State: "TEE-M"})
	r.Tick(start.Add(6*time.Minute + 9*time.Second))
	if r.OnAir.Text != "On air 0:09" || r.OnAir.Importance == widget.DangerImportance {
		t.Errorf("unplanned product: %q", r.OnAir.Text)
	}
	w.Apply(studio.Event{Kind: EventSelling, Subject: "unpin"})
	if r.OnAir.Visible() {
		t.Errorf("on-air time still shown after unpin: %q", r.OnAir.Text)
	}
}

func TestClockText(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 72 * time.Second: "1:12", 3723 * time.Second: "1:02:03", -time.Second: "0:00"} {
		if got := clockText(d); got != want {
			t.Errorf("clockText(%v) = %q, want %q", d, got, want)
		}
	}
}

// orderedCatalog is a catalog that has its own [[rundown]] order, notes
// and plan, as catalog.RundownCatalog has.
type orderedCatalog struct{ plannedRundown }

func (orderedCatalog) Product(ref string) (show.Product, error) {
	for _, p := range (fakeRundown{}).Products() {
		if p.SKU == ref {
			return p, nil
		}
	}
	return show.Product{}, show.ErrNoProduct
}

// With [[rundown]] the window lists the catalog's rundown order, not the
// order of the cues, and shows its notes and plan.
func TestCueRundownFollowsTheShowsRundown(t *testing.T) {
	f := &show.File{Cues: []show.Cue{{At: "1s", Do: "pin", Product: "TEE-M"}},
		Rundown: []show.RundownItem{{Product: "MUG-BLU"}, {Product: "KET-01"}}}
	r := NewCueRundown(f, orderedCatalog{})
	if got := r.Products(); len(got) != 3 || got[0].SKU != "MUG-BLU" || got[2].SKU != "TEE-M" {
		t.Errorf("products %+v, want the catalog's rundown order", got)
	}
	if n, faq := r.Notes("MUG-BLU"); !strings.Contains(n, "lead-free") || len(faq) != 1 {
		t.Errorf("notes %q %q", n, faq)
	}
	if r.Planned("KET-01") != 5*time.Minute {
		t.Errorf("planned %v", r.Planned("KET-01"))
	}
	// Without [[rundown]]: the cues' products, as before.
	f.Rundown = nil
	if got := NewCueRundown(f, orderedCatalog{}).Products(); len(got) != 1 || got[0].SKU != "TEE-M" {
		t.Errorf("cue rundown %+v", got)
	}
}
