package relay

import (
	"testing"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// A host and two viewers over real WebSockets: the show's events fan out to
// the viewers, chat goes everywhere, moderation holds on the server side,
// and claims reach the host alone.
func TestHubFansOutAndModerates(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	ann := viewerNamed(t, base, "ann")
	bob := viewerNamed(t, base, "bob")
	if ann.c.Welcome.Viewer == bob.c.Welcome.Viewer || ann.c.Welcome.Nick != "ann" || h.c.Welcome.Role != platform.RoleHost {
		t.Fatalf("welcomes: host %+v ann %+v bob %+v", h.c.Welcome, ann.c.Welcome, bob.c.Welcome)
	}

	// Pin fans out to both viewers, with the relay's seq and the host as sender.
	id := h.send(platform.Catalog{Products: []platform.Product{
		{SKU: "APRON", Title: "Linen apron", PriceMinor: 3900, Currency: "EUR", Stock: platform.Int(3)},
		{SKU: "BAG", Title: "Tote bag", PriceMinor: 2500, Currency: "EUR"}}})
	h.expect(platform.TypeAck, ackFor(id))
	id = h.send(platform.ProductPin{SKU: "APRON"})
	pinSeq := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(id))).Seq
	for _, v := range []*peer{ann, bob} {
		env := v.expect(platform.TypeProductPin, nil)
		if payload[platform.ProductPin](t, env).SKU != "APRON" || env.ID != pinSeq || env.From == nil || env.From.Role != platform.RoleHost {
			t.Errorf("%s got pin %+v (from %+v), want APRON with seq %d from the host", v.name, env, env.From, pinSeq)
		}
	}

	// A viewer's chat reaches the host and the other viewer, named.
	id = ann.send(platform.ChatMessage{Text: "is it linen?"})
	chatSeq := payload[platform.Ack](t, ann.expect(platform.TypeAck, ackFor(id))).Seq
	for _, p := range []*peer{h, bob, ann} {
		env := p.expect(platform.TypeChatMessage, withText("is it linen?"))
		if env.ID != chatSeq || env.From.Nick != "ann" || env.From.Viewer != ann.c.Welcome.Viewer {
			t.Errorf("%s got %+v from %+v", p.name, env, env.From)
		}
	}

	// The host deletes it: every viewer is told.
	h.send(platform.ChatDelete{MessageID: chatSeq, Reason: "test"})
	for _, v := range []*peer{ann, bob} {
		if d := payload[platform.ChatDelete](t, v.expect(platform.TypeChatDelete, nil)); d.MessageID != chatSeq {
			t.Errorf("%s: delete of %d, want %d", v.name, d.MessageID, chatSeq)
		}
	}

	// A banned viewer's post is refused and reaches nobody.
	h.send(platform.ChatBan{Viewer: bob.c.Welcome.Viewer, Reason: "spam"})
	ann.expect(platform.TypeChatBan, nil)
	id = bob.send(platform.ChatMessage{Text: "buy followers"})
	bob.expect(platform.TypeError, errorFor(id, platform.CodeBanned))

	// Slow mode: a second message within the window is refused with the
	// time left; the first goes through.
	h.send(platform.ChatMode{SlowModeS: 30})
	cat := viewerNamed(t, base, "cat")
	if cat.c.Welcome.Limits.SlowModeS != 30 {
		t.Errorf("welcome limits %+v, want slow mode 30", cat.c.Welcome.Limits)
	}
	first := cat.send(platform.ChatMessage{Text: "first"})
	cat.expect(platform.TypeAck, ackFor(first))
	second := cat.send(platform.ChatMessage{Text: "second"})
	e := payload[platform.ErrorData](t, cat.expect(platform.TypeError, errorFor(second, platform.CodeSlowMode)))
	if e.RetryAfterMS <= 0 || e.RetryAfterMS > 30000 {
		t.Errorf("slow mode retry_after_ms %d", e.RetryAfterMS)
	}
	// The host is never slowed.
	h.send(platform.ChatMessage{Text: "welcome all"})
	h.send(platform.ChatMessage{Text: "two in a row"})

	// A claim reaches the host with who made it and the promo code it
	// carries; other viewers do not see it.
	id = ann.send(platform.Claim{SKU: "APRON", Quantity: 1, Code: "SAVE10"})
	ann.expect(platform.TypeAck, ackFor(id))
	env := h.expect(platform.TypeClaim, nil)
	if c := payload[platform.Claim](t, env); c.SKU != "APRON" || c.Code != "SAVE10" || env.From.Viewer != ann.c.Welcome.Viewer {
		t.Errorf("host got claim %+v from %+v", c, env.From)
	}
	// A claim beyond the stock is refused at once.
	h.send(platform.StockUpdate{SKU: "APRON", Stock: 0})
	ann.expect(platform.TypeStockUpdate, nil)
	id = ann.send(platform.Claim{SKU: "APRON", Quantity: 1})
	ann.expect(platform.TypeError, errorFor(id, platform.CodeSoldOut))
	id = ann.send(platform.Claim{SKU: "HAT", Quantity: 1})
	ann.expect(platform.TypeError, errorFor(id, platform.CodeInvalid))

	// A viewer may not send the host's events; the socket stays open.
	id = ann.send(platform.ProductPin{SKU: "BAG"})
	ann.expect(platform.TypeError, errorFor(id, platform.CodeNotAllowed))

	// Reactions are totalled by the relay and reach everyone.
	for range 3 {
		ann.send(platform.Reaction{Kind: "heart"})
	}
	total := 0
	for total < 3 {
		total += payload[platform.Reaction](t, h.expect(platform.TypeReaction, nil)).Count
	}
	if total != 3 {
		t.Errorf("the host counted %d hearts, want 3", total)
	}

	// The barrier: the host's last chat reached bob after everything above,
	// so what bob should not have seen, he never will.
	h.send(platform.ChatMessage{Text: "barrier"})
	bob.expect(platform.TypeChatMessage, withText("barrier"))
	bob.none(platform.TypeChatMessage, withText("buy followers"), "a banned viewer's message was forwarded")
	bob.none(platform.TypeClaim, nil, "a claim went to a viewer")
	bob.none(platform.TypeProductPin, func(e platform.Envelope) bool { return payload[platform.ProductPin](t, e).SKU == "BAG" }, "a viewer's pin went out")
	h.none(platform.TypeChatMessage, withText("second"), "slow mode let a second message through")

	// The viewer count counts viewers' sockets.
	for {
		if n := payload[platform.ViewersCount](t, h.expect(platform.TypeViewersCount, nil)).Count; n == 3 {
			break
		}
	}
}

// Ids make sending idempotent: a resent id is acked as a duplicate and not
// applied again.
func TestHubDedupsByID(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	v := viewerNamed(t, base, "ann")
	frame, err := platform.Frame(7, platform.StockUpdate{SKU: "A", Stock: 4})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := h.c.SendFrame(t.Context(), frame); err != nil {
			t.Fatal(err)
		}
	}
	if a := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(7))); a.Duplicate || a.Seq == 0 {
		t.Errorf("first ack %+v", a)
	}
	for range 2 {
		if a := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(7))); !a.Duplicate || a.Seq != 0 {
			t.Errorf("a resend was acked %+v, want a duplicate", a)
		}
	}
	// An older id is a duplicate too: ids only grow.
	h.id = 5
	h.expect(platform.TypeAck, ackFor(h.send(platform.StockUpdate{SKU: "A", Stock: 1})))
	h.id = 7
	h.send(platform.ChatMessage{Text: "barrier"})
	v.expect(platform.TypeChatMessage, withText("barrier"))
	v.expect(platform.TypeStockUpdate, nil)
	v.none(platform.TypeStockUpdate, nil, "a duplicate was applied again")
}
