package relay

import (
	"testing"

	"github.com/vitrina-live/vitrina/studio/platform"
)

func resultFor(seq uint64) func(platform.Envelope) bool {
	return func(env platform.Envelope) bool {
		r, err := platform.Payload[platform.ClaimResult](env)
		return err == nil && r.Claim == seq
	}
}

// The host's claim.result reaches the viewer who made the claim and no one
// else: not the other viewers, not a viewer whose page speaks version 1,
// not twice. A viewer whose page reconnected with its session gets it on
// the new connection. Viewers may not send one, nor a version 1 host.
func TestClaimResultReachesOnlyTheClaimant(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	ann := viewerNamed(t, base, "ann")
	bob := viewerNamed(t, base, "bob")
	old := dial(t, base, "old", platform.DialOptions{Hello: platform.Hello{Versions: []string{"1"}, Nick: "old"}})
	if ann.c.Welcome.Version != "2" || old.c.Welcome.Version != "1" {
		t.Fatalf("versions: ann %q, old %q; want 2 and 1", ann.c.Welcome.Version, old.c.Welcome.Version)
	}
	h.expect(platform.TypeAck, ackFor(h.send(platform.Catalog{Products: []platform.Product{
		{SKU: "APRON", Title: "Linen apron", PriceMinor: 3900, Currency: "EUR", Stock: platform.Int(3)}}})))

	// ann claims; the host reads it under its seq and answers that seq.
	id := ann.send(platform.Claim{SKU: "APRON", Quantity: 1, Code: "SAVE10"})
	seq := payload[platform.Ack](t, ann.expect(platform.TypeAck, ackFor(id))).Seq
	if env := h.expect(platform.TypeClaim, nil); env.ID != seq {
		t.Fatalf("the host read the claim under %d, ann's ack says %d", env.ID, seq)
	}
	rid := h.send(platform.ClaimResult{Claim: seq, Reason: platform.ClaimCodeUsedUp, SKU: "APRON", Left: platform.Int(3)})
	if a := payload[platform.Ack](t, h.expect(platform.TypeAck, ackFor(rid))); a.Seq != 0 {
		t.Errorf("the result was given seq %d: it is not one of the show's events", a.Seq)
	}
	env := ann.expect(platform.TypeClaimResult, resultFor(seq))
	r := payload[platform.ClaimResult](t, env)
	if r.Accepted || r.Reason != platform.ClaimCodeUsedUp || r.Left == nil || *r.Left != 3 || env.ID != 0 ||
		env.From == nil || env.From.Role != platform.RoleHost {
		t.Errorf("ann got %s from %+v (id %d), want code_used_up with 3 left, from the host, no id", env.Data, env.From, env.ID)
	}

	// ann buys again without the code, and old (a version 1 page) claims too.
	id = ann.send(platform.Claim{SKU: "APRON", Quantity: 1})
	seq2 := payload[platform.Ack](t, ann.expect(platform.TypeAck, ackFor(id))).Seq
	id = old.send(platform.Claim{SKU: "APRON", Quantity: 1})
	seqOld := payload[platform.Ack](t, old.expect(platform.TypeAck, ackFor(id))).Seq
	h.expect(platform.TypeAck, ackFor(h.send(platform.ClaimResult{Claim: seq2, Accepted: true, SKU: "APRON", Left: platform.Int(2)})))
	h.expect(platform.TypeAck, ackFor(h.send(platform.ClaimResult{Claim: seqOld, Accepted: true, SKU: "APRON", Left: platform.Int(1)})))
	h.expect(platform.TypeAck, ackFor(h.send(platform.ClaimResult{Claim: seq2, Accepted: true, SKU: "APRON", Left: platform.Int(2)})))
	ann.expect(platform.TypeClaimResult, resultFor(seq2))
	// A show event after the results: whatever the relay queued for a
	// result came before it.
	h.expect(platform.TypeAck, ackFor(h.send(platform.StockUpdate{SKU: "APRON", Stock: 1})))
	for _, v := range []*peer{ann, bob, old} {
		v.expect(platform.TypeStockUpdate, nil)
	}
	ann.none(platform.TypeClaimResult, nil, "a claim's result is passed once")
	bob.none(platform.TypeClaimResult, nil, "bob made no claim")
	old.none(platform.TypeClaimResult, nil, "a version 1 page does not know claim.result")
	old.none(platform.TypeError, nil, "a version 1 page is not sent anything it cannot read")

	// dan claims, and his page reconnects with its session before the
	// studio answers: the result goes to the new connection.
	dan := viewerNamed(t, base, "dan")
	id = dan.send(platform.Claim{SKU: "APRON", Quantity: 1})
	seqDan := payload[platform.Ack](t, dan.expect(platform.TypeAck, ackFor(id))).Seq
	dan2 := dial(t, base, "dan again", platform.DialOptions{Hello: platform.Hello{Nick: "dan", Session: dan.c.Welcome.Session}})
	if code := dan.waitClosed(); code != platform.CloseReplaced {
		t.Fatalf("dan's first connection closed with %d, want %d", code, platform.CloseReplaced)
	}
	h.expect(platform.TypeAck, ackFor(h.send(platform.ClaimResult{Claim: seqDan, Reason: platform.ClaimSoldOut, SKU: "APRON", Left: platform.Int(0)})))
	if r := payload[platform.ClaimResult](t, dan2.expect(platform.TypeClaimResult, resultFor(seqDan))); r.Reason != platform.ClaimSoldOut {
		t.Errorf("dan's page got %+v, want sold_out", r)
	}

	// Viewers may not send results; a version 1 host may not either.
	id = bob.send(platform.ClaimResult{Claim: seqDan, Accepted: true})
	bob.expect(platform.TypeError, errorFor(id, platform.CodeNotAllowed))
	h1 := dial(t, base, "host v1", platform.DialOptions{Token: testToken, Hello: platform.Hello{Versions: []string{"1"}}})
	id = h1.send(platform.ClaimResult{Claim: seqDan, Accepted: true})
	h1.expect(platform.TypeError, errorFor(id, platform.CodeUnknownType))
}
