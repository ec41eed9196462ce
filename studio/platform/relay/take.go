package relay

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// take handles one decoded event from a client that may send its type:
// dedup by the sender's id, the room's rules, then log, apply, fan out and
// ack. Every event gets exactly one ack or error.
func (h *hub) take(c *client, env platform.Envelope, ev platform.Event, now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	seen := &h.hostSeen
	from := &platform.Sender{Role: c.role}
	if c.role == platform.RoleViewer {
		seen = &c.sess.seen
		from.Viewer, from.Nick = c.sess.viewer, c.sess.nick
	}
	if !seen.Take(env.ID) {
		c.ack(platform.Ack{ID: env.ID, Duplicate: true})
		return
	}
	if refusal := h.check(c, ev, now); refusal != nil {
		c.refuse(env.ID, *refusal)
		return
	}
	if r, ok := ev.(platform.Reaction); ok {
		h.reactions[r.Kind]++ // totals go out with the next tick
		c.ack(platform.Ack{ID: env.ID})
		return
	}
	if r, ok := ev.(platform.ClaimResult); ok {
		h.claimResult(r, now) // to the one viewer: no seq, not logged
		c.ack(platform.Ack{ID: env.ID})
		return
	}
	data, err := json.Marshal(ev)
	if err != nil {
		c.refuse(env.ID, platform.ErrorData{Code: platform.CodeInternal, Message: err.Error()})
		return
	}
	route, _ := platform.RouteOf(env.Type)
	seq := h.events.Head() + 1
	out := platform.Envelope{Type: env.Type, ID: seq, TS: now.UnixMilli(), From: from, Data: data}
	e, err := encodeEntry(route.To, out, ev)
	if err != nil {
		c.refuse(env.ID, platform.ErrorData{Code: platform.CodeInternal, Message: err.Error()})
		return
	}
	h.events.Append(e)
	h.state.Apply(out, ev)
	h.mod.apply(ev, h.nickOf, now)
	if _, ok := ev.(platform.Claim); ok && c.sess != nil {
		h.claims.add(seq, c.sess)
	}
	h.fanout(e)
	c.ack(platform.Ack{ID: env.ID, Seq: seq})
	switch e := ev.(type) {
	case platform.Claim:
		h.log.Info("relay: claim", "viewer", from.Viewer, "sku", e.SKU, "quantity", e.Quantity, "seq", seq, "host_online", h.host != nil)
	case platform.ChatBan, platform.ChatTimeout, platform.ChatDelete, platform.ChatMode:
		h.log.Info("relay: moderation", "type", string(env.Type), "seq", seq)
	}
}

// check applies the room's rules to one event; nil lets it through.
func (h *hub) check(c *client, ev platform.Event, now time.Time) *platform.ErrorData {
	switch e := ev.(type) {
	case platform.ChatMessage:
		if c.role == platform.RoleViewer {
			return h.mod.mayChat(c.sess, now)
		}
	case platform.Claim:
		stock, known := h.state.Stock(e.SKU)
		_, listed := h.state.Product(e.SKU)
		onSale := h.state.Sale != nil && h.state.Sale.SKU == e.SKU
		switch {
		case len(h.state.Catalog) > 0 && !listed && !onSale:
			return &platform.ErrorData{Code: platform.CodeInvalid, Message: fmt.Sprintf("claim: sku: no product %q in this show", e.SKU)}
		case known && stock == 0:
			return &platform.ErrorData{Code: platform.CodeSoldOut, Message: fmt.Sprintf("%s is sold out", e.SKU)}
		case known && stock < e.Quantity:
			return &platform.ErrorData{Code: platform.CodeSoldOut, Message: fmt.Sprintf("only %d of %s left", stock, e.SKU)}
		}
	}
	return nil
}

// encodeEntry encodes an event once for the versions that read it as it
// is, and once for each version that gets it without a field it lacks
// (platform.ForVersion): never once per client.
func encodeEntry(to platform.Audience, out platform.Envelope, ev platform.Event) (entry, error) {
	frame, err := platform.Encode(out)
	if err != nil {
		return entry{}, err
	}
	e := entry{to: to, frame: frame}
	for _, v := range platform.Versions {
		older, field := platform.ForVersion(ev, v)
		if field == "" {
			continue
		}
		o := out
		if o.Data, err = json.Marshal(older); err != nil {
			return entry{}, err
		}
		if frame, err = platform.Encode(o); err != nil {
			return entry{}, err
		}
		if e.older == nil {
			e.older = map[string][]byte{}
		}
		e.older[v] = frame
	}
	return e, nil
}
