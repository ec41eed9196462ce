package relay

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// couponV1 is a coupon as a version 1 client decodes it: strictly, with
// the fields of version 1 only.
type couponV1 struct {
	Text      string `json:"text"`
	Code      string `json:"code,omitempty"`
	ExpiresAt int64  `json:"expires_at,omitempty"`
}

func decodeV1(data []byte) (couponV1, error) {
	var c couponV1
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	err := d.Decode(&c)
	return c, err
}

func hasField(t *testing.T, data []byte, field string) bool {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	_, ok := m[field]
	return ok
}

func couponWith(text string) func(platform.Envelope) bool {
	return func(env platform.Envelope) bool {
		c, err := platform.Payload[platform.Coupon](env)
		return err == nil && c.Text == text
	}
}

// Version 2 added fields to types of version 1: a version 1 page never
// gets one (a coupon with a watch condition comes without it and without
// its code, live, in the welcome's state and in a replay) and may not send
// one (a claim's code); a version 2 page gets the coupon whole.
func TestVersion1NeverSeesVersion2Fields(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	ann := viewerNamed(t, base, "ann")
	old := dial(t, base, "old", platform.DialOptions{Hello: platform.Hello{Versions: []string{"1"}, Nick: "old"}})
	if ann.c.Welcome.Version != "2" || old.c.Welcome.Version != "1" {
		t.Fatalf("versions: ann %q, old %q; want 2 and 1", ann.c.Welcome.Version, old.c.Welcome.Version)
	}
	before := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(h.send(platform.StockUpdate{SKU: "APRON", Stock: 5})))).Seq

	const watch = "Watch 10 minutes to unlock 10% off"
	seq := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(h.send(platform.Coupon{Text: watch, Code: "STAY10", WatchSeconds: 600})))).Seq

	// ann (version 2) gets it whole.
	if c := payload[platform.Coupon](t, ann.expect(platform.TypeCoupon, couponWith(watch))); c.Code != "STAY10" || c.WatchSeconds != 600 {
		t.Errorf("ann got %+v, want the code STAY10 behind 600 s of watching", c)
	}
	// old (version 1) gets the text only, under the same seq, and its
	// strict decoder takes it; the whole one would have failed it.
	env := old.expect(platform.TypeCoupon, nil)
	c, err := decodeV1(env.Data)
	if err != nil {
		t.Fatalf("old's page cannot decode its coupon %s: %v", env.Data, err)
	}
	if c.Text != watch || c.Code != "" || hasField(t, env.Data, "watch_seconds") || hasField(t, env.Data, "code") || env.ID != seq {
		t.Errorf("old got %s (id %d), want the text alone under seq %d: the code only after the condition its page cannot keep", env.Data, env.ID, seq)
	}
	if _, err := decodeV1([]byte(`{"text":"t","code":"STAY10","watch_seconds":600}`)); err == nil {
		t.Fatal("the version 1 decoder took watch_seconds: the check above proves nothing")
	}

	// Joining now, each gets the coupon on air in its version.
	late := dial(t, base, "late", platform.DialOptions{Hello: platform.Hello{Versions: []string{"1"}, Nick: "late"}})
	if st := late.c.Welcome.State; st == nil || st.Coupon == nil || st.Coupon.Text != watch || st.Coupon.Code != "" || st.Coupon.WatchSeconds != 0 {
		t.Errorf("a version 1 page joining now has the coupon %+v in its state, want the text alone", stateCoupon(st))
	}
	late2 := viewerNamed(t, base, "late2")
	if st := late2.c.Welcome.State; st == nil || st.Coupon == nil || st.Coupon.Code != "STAY10" || st.Coupon.WatchSeconds != 600 {
		t.Errorf("a version 2 page joining now has the coupon %+v in its state, want it whole", stateCoupon(st))
	}

	// old reconnects and resumes from before the coupon: the replay is in
	// its version too.
	again := dial(t, base, "old again", platform.DialOptions{Hello: platform.Hello{Versions: []string{"1"}, Nick: "old",
		Session: old.c.Welcome.Session, Epoch: old.c.Welcome.Epoch, ResumeAfter: before}})
	if !again.c.Welcome.Resumed {
		t.Fatalf("old's page did not resume: %+v", again.c.Welcome)
	}
	env = again.expect(platform.TypeCoupon, func(e platform.Envelope) bool { return e.ID == seq })
	if c, err := decodeV1(env.Data); err != nil || c.Code != "" {
		t.Errorf("old's replayed coupon %s: %v; want the text alone", env.Data, err)
	}

	// A coupon without a condition is the same in both versions: the code
	// goes to everyone at once.
	h.expect(platform.TypeAck, ackFor(h.send(platform.Coupon{Text: "Free shipping tonight", Code: "SHIPFREE"})))
	env = again.expect(platform.TypeCoupon, couponWith("Free shipping tonight"))
	if c, err := decodeV1(env.Data); err != nil || c.Code != "SHIPFREE" {
		t.Errorf("old got %s: %v; want the code SHIPFREE", env.Data, err)
	}

	// A version 1 page may not send a claim's code; without it, it buys.
	id := again.send(platform.Claim{SKU: "APRON", Quantity: 1, Code: "SAVE10"})
	e := payload[platform.ErrorData](t, again.expect(platform.TypeError, errorFor(id, platform.CodeInvalid)))
	if !strings.Contains(e.Message, "claim: code") || !strings.Contains(e.Message, "version 1") {
		t.Errorf("the refusal says %q; want it to name claim: code and version 1", e.Message)
	}
	id = again.send(platform.Claim{SKU: "APRON", Quantity: 1})
	again.expect(platform.TypeAck, ackFor(id))
	h.expect(platform.TypeClaim, nil)
	h.none(platform.TypeClaim, nil, "the refused claim must not reach the host")

	// A version 1 host takes the room: it may not send watch_seconds, and
	// gets a version 2 page's claim without its code.
	h1 := dial(t, base, "host v1", platform.DialOptions{Token: testToken, Hello: platform.Hello{Versions: []string{"1"}}})
	id = h1.send(platform.Coupon{Text: watch, Code: "STAY10", WatchSeconds: 600})
	if e := payload[platform.ErrorData](t, h1.expect(platform.TypeError, errorFor(id, platform.CodeInvalid))); !strings.Contains(e.Message, "coupon: watch_seconds") {
		t.Errorf("the refusal says %q; want it to name coupon: watch_seconds", e.Message)
	}
	id = ann.send(platform.Claim{SKU: "APRON", Quantity: 1, Code: "SAVE10"})
	ann.expect(platform.TypeAck, ackFor(id))
	env = h1.expect(platform.TypeClaim, nil)
	if hasField(t, env.Data, "code") {
		t.Errorf("the version 1 host got %s, with a field of version 2", env.Data)
	}
}

func stateCoupon(st *platform.State) *platform.Coupon {
	if st == nil {
		return nil
	}
	return st.Coupon
}

// A promo code's limit is of version 2: a version 1 page gets the code
// without it, live and in the welcome's state of a page joining later; a
// version 2 page gets it whole; a version 1 host may not send it.
func TestVersion1PromoWithoutLimit(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	ann := viewerNamed(t, base, "ann")
	old := dial(t, base, "old", platform.DialOptions{Hello: platform.Hello{Versions: []string{"1"}, Nick: "old"}})
	drop := platform.PromoDrop{Code: "LIVE15", Discount: "15%", Limit: 50, ExpiresAt: 1767226200000}
	seq := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(h.send(drop)))).Seq

	if p := payload[platform.PromoDrop](t, ann.expect(platform.TypePromoDrop, nil)); p != drop {
		t.Errorf("ann got %+v, want %+v", p, drop)
	}
	env := old.expect(platform.TypePromoDrop, nil)
	if hasField(t, env.Data, "limit") || env.ID != seq {
		t.Errorf("old got %s (id %d), want the code without its limit under seq %d", env.Data, env.ID, seq)
	}
	if p := payload[platform.PromoDrop](t, env); p.Code != "LIVE15" || p.ExpiresAt != drop.ExpiresAt || p.Discount != "15%" {
		t.Errorf("old got %+v, want the code, discount and expiry", p)
	}

	late := dial(t, base, "late", platform.DialOptions{Hello: platform.Hello{Versions: []string{"1"}, Nick: "late"}})
	if st := late.c.Welcome.State; st == nil || st.Promo == nil || st.Promo.Code != "LIVE15" || st.Promo.Limit != 0 {
		t.Errorf("a version 1 page joining now has the promo %+v, want it without its limit", st)
	}
	late2 := viewerNamed(t, base, "late2")
	if st := late2.c.Welcome.State; st == nil || st.Promo == nil || *st.Promo != drop {
		t.Errorf("a version 2 page joining now has the promo %+v, want %+v", st, drop)
	}

	h1 := dial(t, base, "host v1", platform.DialOptions{Token: testToken, Hello: platform.Hello{Versions: []string{"1"}}})
	id := h1.send(drop)
	if e := payload[platform.ErrorData](t, h1.expect(platform.TypeError, errorFor(id, platform.CodeInvalid))); !strings.Contains(e.Message, "promo.drop: limit") {
		t.Errorf("the refusal says %q; want it to name promo.drop: limit", e.Message)
	}
}
