package timeline

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

const s = time.Second

func ev(at time.Duration, kind, sku, data string) Event {
	e := Event{Offset: at, Kind: kind, SKU: sku}
	if data != "" {
		e.Data = json.RawMessage(data)
	}
	return e
}

func TestSegments(t *testing.T) {
	cases := []struct {
		name string
		evs  []Event
		end  time.Duration
		want []Segment
	}{
		{"pin to unpin, pin to next pin, pin to the end", []Event{
			ev(5*s, KindPin, "A", `{"title":"Gauze shirt"}`), ev(20*s, KindUnpin, "", ""),
			ev(30*s, KindPin, "B", ""), ev(40*s, KindPin, "C", ""),
		}, 60 * s, []Segment{{1, "A", "Gauze shirt", 5 * s, 20 * s}, {2, "B", "", 30 * s, 40 * s}, {3, "C", "", 40 * s, 60 * s}}},
		{"a second pin of the product on air continues it", []Event{
			ev(0, KindPin, "A", ""), ev(10*s, KindPin, "A", ""), ev(15*s, KindUnpin, "", ""),
		}, 20 * s, []Segment{{1, "A", "", 0, 15 * s}}},
		{"a product back on air later is a new segment", []Event{
			ev(0, KindPin, "A", ""), ev(10*s, KindPin, "B", ""), ev(20*s, KindPin, "A", ""),
		}, 25 * s, []Segment{{1, "A", "", 0, 10 * s}, {2, "B", "", 10 * s, 20 * s}, {3, "A", "", 20 * s, 25 * s}}},
		{"events out of order are put in order; zero-length dropped", []Event{
			ev(12*s, KindUnpin, "", ""), ev(2*s, KindPin, "A", ""), ev(2*s, KindPin, "B", ""),
		}, 30 * s, []Segment{{1, "B", "", 2 * s, 12 * s}}},
		{"unpins and other kinds alone make nothing", []Event{
			ev(s, KindUnpin, "", ""), ev(2*s, KindViewers, "", `{"count":3}`), ev(3*s, KindClaim, "A", ""),
		}, 10 * s, nil},
		{"a pin with no SKU takes the product off", []Event{
			ev(0, KindPin, "A", ""), ev(4*s, KindPin, "", ""),
		}, 10 * s, []Segment{{1, "A", "", 0, 4 * s}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Segments(c.evs, c.end); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestEndOfAShowThatDied(t *testing.T) {
	evs := []Event{ev(5*s, KindPin, "A", ""), ev(42*s, KindViewers, "", `{"count":9}`)}
	if got := End(0, evs); got != 42*s {
		t.Errorf("End of a show with no end time = %v, want its last event, 42s", got)
	}
	if got := End(60*s, evs); got != 60*s {
		t.Errorf("End of an ended show = %v, want 60s", got)
	}
}

func TestProductsSumAirtimeInterestAndClaims(t *testing.T) {
	evs := []Event{
		ev(0, KindPin, "A", ""),
		ev(5*s, KindChatRate, "", `{"per_min":30,"want":4}`), // on air: A
		ev(8*s, KindClaim, "A", `{"claim":"c1","qty":2,"stock_left":8}`),
		ev(9*s, KindClaim, "A", `{"claim":"c2","qty":1}`),
		ev(10*s, KindPin, "B", `{"title":"Sun hat"}`),
		ev(12*s, KindChatRate, "", `{"messages":10,"window_s":30,"want":{"A":1,"B":3}}`),
		ev(14*s, KindPurchase, "B", `{"quantity":3}`),
		ev(20*s, KindUnpin, "", ""),
		ev(25*s, KindChatRate, "", `{"per_min":12,"want":7}`), // nothing on air: nobody's
		ev(26*s, KindClaim, "Z", ""),                          // claimed from the list, never shown
		ev(30*s, KindPin, "A", ""),
		ev(31*s, KindChatRate, "A", `{"want":2}`),
	}
	segs := Segments(evs, 40*s)
	got := Products(evs, segs)
	want := []Product{
		{SKU: "A", Airtime: 20 * s, Segments: 2, Interest: 4 + 1 + 2, Claims: 2, Units: 3},
		{SKU: "B", Title: "Sun hat", Airtime: 10 * s, Segments: 1, Interest: 3, Purchases: 1, PurchasedUnits: 3},
		{SKU: "Z", Claims: 1, Units: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		got[i].first = 0
		if got[i] != want[i] {
			t.Errorf("product %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
}

func TestEventDetails(t *testing.T) {
	if n, ok := ev(0, KindViewers, "", `{"count":41}`).Viewers(); !ok || n != 41 {
		t.Errorf("viewers count = %d %v", n, ok)
	}
	if _, ok := ev(0, KindViewers, "", `not json`).Viewers(); ok {
		t.Error("malformed data read as a count")
	}
	if r, ok := ev(0, KindChatRate, "", `{"messages":5,"window_s":10}`).ChatPerMinute(); !ok || r != 30 {
		t.Errorf("5 messages in 10 s = %v per minute, want 30", r)
	}
	if q := ev(0, KindClaim, "A", "").Quantity(); q != 1 {
		t.Errorf("a claim that does not say took %d units, want 1", q)
	}
	if c := ev(0, KindRedeem, "", `{"code":"SPRING10"}`).Code(); c != "SPRING10" {
		t.Errorf("code %q", c)
	}
}

func TestOnAir(t *testing.T) {
	segs := []Segment{{1, "A", "", 0, 10 * s}, {2, "B", "", 15 * s, 20 * s}}
	for _, c := range []struct {
		at  time.Duration
		sku string
	}{{0, "A"}, {9 * s, "A"}, {10 * s, ""}, {15 * s, "B"}, {25 * s, ""}} {
		got, ok := OnAir(segs, c.at)
		if got.SKU != c.sku || ok != (c.sku != "") {
			t.Errorf("on air at %v: %q %v, want %q", c.at, got.SKU, ok, c.sku)
		}
	}
}
