package relay

import (
	"slices"
	"testing"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// After a cut, a client that says where it stopped gets exactly what it
// missed, in order, and only what its role receives; the relay still
// knows its ids.
func TestResumeReplaysExactlyTheMissingEvents(t *testing.T) {
	_, base := startRelay(t, Config{ReplayLog: 64})
	h := host(t, base)
	ann := viewerNamed(t, base, "ann")
	bob := viewerNamed(t, base, "bob")

	var annSeq uint64
	for i := range 5 {
		h.send(platform.StockUpdate{SKU: "A", Stock: 100 + i})
		annSeq = ann.expect(platform.TypeStockUpdate, nil).ID
	}
	annID := ann.send(platform.ChatMessage{Text: "before the cut"})
	ann.expect(platform.TypeAck, ackFor(annID))
	annSeq = ann.expect(platform.TypeChatMessage, withText("before the cut")).ID
	hostSeq := h.expect(platform.TypeChatMessage, withText("before the cut")).ID
	hostLastID := h.id

	// The network goes: both sockets drop without a close.
	ann.c.CloseNow()
	h.c.CloseNow()
	ann.waitClosed()
	h.waitClosed()

	// Meanwhile: show events (for viewers), a claim (for the host), chat
	// (for everyone), reactions (ephemeral: never replayed).
	bob.send(platform.Claim{SKU: "A", Quantity: 1})
	bob.send(platform.ChatMessage{Text: "while you were away"})
	bob.send(platform.Reaction{Kind: "clap"})
	h2 := host(t, base) // a second host socket sends on the host's behalf
	for i := range 3 {
		h2.send(platform.StockUpdate{SKU: "A", Stock: 200 + i})
	}
	last := bob.expect(platform.TypeStockUpdate, func(e platform.Envelope) bool {
		return payload[platform.StockUpdate](t, e).Stock == 202
	}).ID
	h2.c.Close()
	h2.waitClosed()

	// ann comes back as the same viewer and gets exactly the four missing
	// events she receives: the chat and three stock updates, not the claim.
	ann2 := dial(t, base, "ann again", platform.DialOptions{Hello: platform.Hello{
		Session: ann.c.Welcome.Session, Epoch: ann.c.Welcome.Epoch, ResumeAfter: annSeq}})
	w := ann2.c.Welcome
	if !w.Resumed || w.State != nil || w.Viewer != ann.c.Welcome.Viewer || w.LastID != annID || w.Head != last {
		t.Fatalf("ann's welcome %+v; want resumed as %s with last_id %d and head %d", w, ann.c.Welcome.Viewer, annID, last)
	}
	got := replayed(ann2, last)
	want := []string{"chat.message:while you were away", "stock.update:200", "stock.update:201", "stock.update:202"}
	if !slices.Equal(got, want) {
		t.Errorf("ann's replay: %q, want %q", got, want)
	}
	// Her id counter goes on; an id she sent before the cut is a duplicate.
	ann2.id = annID - 1
	ann2.send(platform.ChatMessage{Text: "before the cut"})
	if a := payload[platform.Ack](t, ann2.expect(platform.TypeAck, nil)); !a.Duplicate {
		t.Errorf("resent id %d acked %+v, want a duplicate", annID, a)
	}

	// The host gets the claim it missed, and its ids are remembered.
	h3 := dial(t, base, "host again", platform.DialOptions{Token: testToken, Hello: platform.Hello{
		Epoch: h.c.Welcome.Epoch, ResumeAfter: hostSeq}})
	if w := h3.c.Welcome; !w.Resumed || w.LastID < hostLastID {
		t.Errorf("host's welcome %+v; want resumed with last_id ≥ %d", w, hostLastID)
	}
	h3.send(platform.ChatMessage{Text: "barrier"})
	got = replayed(h3, 0)
	want = []string{"claim:A", "chat.message:while you were away", "chat.message:barrier"}
	if !slices.Equal(got, want) {
		t.Errorf("the host's replay: %q, want %q", got, want)
	}
}

// A client that missed more than the log holds, or comes from another run
// of the relay, gets the state instead of a replay with holes.
func TestResumeTooOldGetsTheState(t *testing.T) {
	_, base := startRelay(t, Config{ReplayLog: 4})
	h := host(t, base)
	ann := viewerNamed(t, base, "ann")
	h.send(platform.ProductPin{SKU: "A"})
	seq := ann.expect(platform.TypeProductPin, nil).ID
	ann.c.CloseNow()
	ann.waitClosed()
	for i := range 6 {
		h.send(platform.StockUpdate{SKU: "A", Stock: i})
	}
	h.send(platform.ProductPin{SKU: "B", Product: &platform.Product{SKU: "B", Title: "Bag", Stock: platform.Int(2)}})
	h.expect(platform.TypeAck, ackFor(h.id))
	for _, hello := range []platform.Hello{
		{Session: ann.c.Welcome.Session, Epoch: ann.c.Welcome.Epoch, ResumeAfter: seq}, // 7 missed, 4 kept
		{Session: ann.c.Welcome.Session, Epoch: "another-run", ResumeAfter: 8},
	} {
		v := dial(t, base, "ann", platform.DialOptions{Hello: hello})
		w := v.c.Welcome
		if w.Resumed || w.State == nil || w.State.Pinned != "B" || w.Head != 8 {
			t.Errorf("hello %+v: welcome %+v, want the state with B pinned at head 8", hello, w)
		}
		v.c.Close()
		v.waitClosed()
	}
}

// replayed lists the logged events a peer got, up to seq last (0: up to
// a chat message "barrier"), as "type:detail".
func replayed(p *peer, last uint64) []string {
	p.t.Helper()
	var out []string
	for {
		env := p.expectAny()
		if env.ID == 0 {
			continue // acks, errors, ephemeral events
		}
		var d string
		switch env.Type {
		case platform.TypeChatMessage:
			d = payload[platform.ChatMessage](p.t, env).Text
		case platform.TypeStockUpdate:
			d = itoa(payload[platform.StockUpdate](p.t, env).Stock)
		case platform.TypeClaim:
			d = payload[platform.Claim](p.t, env).SKU
		}
		out = append(out, string(env.Type)+":"+d)
		if (last > 0 && env.ID >= last) || d == "barrier" {
			return out
		}
	}
}
