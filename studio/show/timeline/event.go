// Package timeline turns a show's events into what the clips, the chapters
// and the post-show report are made of: the segments when each product was
// on air, and per product its airtime, the interest chat showed in it and
// the claims it took. It reads events only, never the recording, so a show
// whose studio was killed (a recording with no trailer, no chapters) still
// gets its clips and its report.
//
// It has its own event type rather than the store's, so it stays free of
// SQLite; the command that reads the store converts.
package timeline

import (
	"encoding/json"
	"time"
)

// The kinds of event the timeline reads (the store's names).
const (
	KindPin        = "pin"
	KindUnpin      = "unpin"
	KindClaim      = "claim"
	KindPurchase   = "purchase"
	KindPromo      = "promo"
	KindCoupon     = "coupon"
	KindRedeem     = "redeem"
	KindViewers    = "viewers"
	KindChatRate   = "chat_rate"
	KindModeration = "moderation"
)

// Event is one thing that happened in a show. Offset is its place on the
// recording's timeline, from the show's start.
type Event struct {
	Offset time.Duration
	Kind   string
	SKU    string          // the product, when the event is about one
	Data   json.RawMessage // kind-specific details; see the accessors
}

// details is every field of Data the timeline and the report read. The
// store writes claims as {"claim","qty","stock_left"}; the engine's other
// events are read by the names below, with the protocol's spellings
// (count, quantity) accepted too, so a writer that copies a relay message
// into Data is understood.
type details struct {
	Count    *float64        `json:"count"`    // viewers: the viewer count
	Viewers  *float64        `json:"viewers"`  // viewers: the same, by another name
	PerMin   *float64        `json:"per_min"`  // chat_rate: messages per minute
	Messages *float64        `json:"messages"` // chat_rate: messages in window_s seconds
	WindowS  float64         `json:"window_s"` //
	Want     json.RawMessage `json:"want"`     // chat_rate: want-it messages, a count or {"SKU": count}
	Qty      int             `json:"qty"`      // claim, purchase
	Quantity int             `json:"quantity"` // claim, purchase: the protocol's name
	Code     string          `json:"code"`     // promo, coupon, redeem
	Action   string          `json:"action"`   // moderation: delete, timeout, ban, hold, block...
	Title    string          `json:"title"`    // pin: the product's title, when the writer knew it
}

func (e Event) details() details {
	var d details
	if len(e.Data) > 0 {
		_ = json.Unmarshal(e.Data, &d) // a malformed detail reads as absent, never stops a report
	}
	return d
}

// Viewers is a viewers event's count.
func (e Event) Viewers() (int, bool) {
	d := e.details()
	switch {
	case d.Count != nil:
		return int(*d.Count), true
	case d.Viewers != nil:
		return int(*d.Viewers), true
	}
	return 0, false
}

// ChatPerMinute is a chat_rate event's rate in messages per minute: its
// per_min, or its messages over window_s.
func (e Event) ChatPerMinute() (float64, bool) {
	d := e.details()
	switch {
	case d.PerMin != nil:
		return *d.PerMin, true
	case d.Messages != nil && d.WindowS > 0:
		return *d.Messages * 60 / d.WindowS, true
	}
	return 0, false
}

// Want is a chat_rate event's want-it messages: per SKU when the writer
// said which product each asked for, or one count (bySKU nil) that belongs
// to the event's SKU or, failing that, to the product on air.
func (e Event) Want() (count int, bySKU map[string]int) {
	w := e.details().Want
	if len(w) == 0 {
		return 0, nil
	}
	var n float64
	if json.Unmarshal(w, &n) == nil {
		return int(n), nil
	}
	var m map[string]float64
	if json.Unmarshal(w, &m) == nil {
		bySKU = make(map[string]int, len(m))
		for sku, v := range m {
			bySKU[sku] += int(v)
			count += int(v)
		}
	}
	return count, bySKU
}

// Quantity is the units a claim or a purchase took: 1 when it does not say.
func (e Event) Quantity() int {
	d := e.details()
	switch {
	case d.Qty > 0:
		return d.Qty
	case d.Quantity > 0:
		return d.Quantity
	}
	return 1
}

// Code is a promo, coupon or redeem event's code.
func (e Event) Code() string { return e.details().Code }

// Action is a moderation event's action.
func (e Event) Action() string { return e.details().Action }

// Title is the product title a pin event carries, if any.
func (e Event) Title() string { return e.details().Title }
