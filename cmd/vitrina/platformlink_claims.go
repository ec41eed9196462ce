package main

import (
	"context"
	"strconv"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/store"
)

// claim takes a viewer's claim through the store, in the show's name: the
// stock check, the decrement, the claim row, a promo code's redemption and
// their events commit together, so the store never oversells and a claim
// the relay resends after a reconnect (the same epoch and seq) counts once.
// The store's answer then sets the engine's stock, whose stock event
// redraws the stock bar and tells the platform (and, at 0, ends the flash
// sale). A refused claim takes nothing: the platform is sent the true stock
// again. Either way the viewer who claimed is told the outcome with a
// claim.result (answer).
//
// Claims outside a flash sale take from the show's stock of the product
// too: what a sale left, else the catalog's inventory (a product whose shop
// does not track stock is never refused). A claim's sale_id is only
// logged: the store's stock decides, also for a claim made just as its
// sale sold out.
func (l *platformLink) claim(env platform.Envelope, c platform.Claim) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	l.mu.Lock()
	sl := l.sale
	l.mu.Unlock()
	onSale := sl != nil && !sl.ended && sl.sku == c.SKU && (c.SaleID == "" || c.SaleID == sl.id)
	user := ""
	if env.From != nil {
		user = env.From.Viewer
	}
	res, err := l.air.claim(ctx, store.Claim{ID: l.claimID(env), SKU: c.SKU, Qty: c.Quantity, User: user, Code: c.Code})
	if err != nil {
		l.log.Error("platform: a claim was not taken", "product", c.SKU, "quantity", c.Quantity, "seq", env.ID, "err", err)
		return
	}
	if l.client != nil {
		go l.answer(env.ID, c, res) // Send waits for the ack, which this goroutine (OnEvent's) reads
	}
	left := "untracked"
	if res.StockLeft != store.Unlimited {
		left = strconv.Itoa(res.StockLeft)
	}
	switch {
	case res.Duplicate:
		l.log.Info("platform: claim already taken", "product", c.SKU, "seq", env.ID, "left", left)
	case !res.Accepted:
		l.log.Info("platform: claim refused", "product", c.SKU, "quantity", c.Quantity, "code", c.Code,
			"reason", res.Reason, "left", left, "seq", env.ID)
		if res.Reason == store.ReasonSoldOut || res.Reason == store.ReasonNotEnough {
			l.publish(platform.StockUpdate{SKU: c.SKU, Stock: max(0, res.StockLeft)})
		}
	default:
		l.log.Info("platform: claim", "product", c.SKU, "quantity", c.Quantity, "code", c.Code, "left", left,
			"flash_sale", onSale, "seq", env.ID)
		if res.StockLeft == store.Unlimited {
			return
		}
		// The claim's origin keeps the show log from writing the engine's
		// stock event again: the store took it in the claim's transaction.
		if err := l.st.SetStockFrom(ctx, c.SKU, res.StockLeft, studio.OriginClaim); err != nil {
			l.log.Warn("platform: the claim's stock is not on the program", "product", c.SKU, "err", err)
			l.publish(platform.StockUpdate{SKU: c.SKU, Stock: res.StockLeft}) // the viewers still learn it
		}
	}
}

// claimReasons are the store's refusals as claim.result names them.
var claimReasons = map[string]string{
	store.ReasonSoldOut:        platform.ClaimSoldOut,
	store.ReasonNotEnough:      platform.ClaimNotEnough,
	store.ReasonUnknownProduct: platform.ClaimUnknownProduct,
	store.ReasonUnknownCode:    platform.ClaimCodeUnknown,
	store.ReasonCodeExpired:    platform.ClaimCodeExpired,
	store.ReasonCodeUsedUp:     platform.ClaimCodeUsedUp,
}

// answer tells the viewer who made a claim what became of it: accepted
// (a duplicate too: the store keeps only accepted claims, so a claim it
// has seen was accepted), or refused and why, with the stock left when the
// shop tracks it. It goes with Send, live, not through the outbox: a
// result that waited out a cut would reach a page that has long told its
// viewer "the shop will confirm", or a viewer who has left; with the
// socket down it is dropped, and the page's timeout speaks.
func (l *platformLink) answer(seq uint64, c platform.Claim, res store.ClaimResult) {
	r, ok := claimResult(seq, c, res)
	if !ok {
		l.log.Warn("platform: a claim's refusal has no claim.result reason", "reason", res.Reason, "seq", seq)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if _, err := l.client.Send(ctx, r); err != nil {
		l.log.Info("platform: the claim's result did not reach the viewer", "seq", seq, "accepted", r.Accepted, "reason", r.Reason, "err", err)
	}
}

// claimResult is the store's answer to the claim of seq as the viewer is
// told it; false for a refusal the protocol has no reason for.
func claimResult(seq uint64, c platform.Claim, res store.ClaimResult) (platform.ClaimResult, bool) {
	r := platform.ClaimResult{Claim: seq, Accepted: res.Accepted, SKU: c.SKU}
	if !res.Accepted {
		reason, ok := claimReasons[res.Reason]
		if !ok {
			return r, false
		}
		r.Reason = reason
	}
	if res.StockLeft != store.Unlimited && res.Reason != store.ReasonUnknownProduct {
		r.Left = platform.Int(max(0, res.StockLeft))
	}
	return r, true
}

// welcome notes the relay run's epoch, at every welcome, before the
// events that follow it.
func (l *platformLink) welcome(w platform.Welcome) {
	l.mu.Lock()
	l.epoch = w.Epoch
	l.mu.Unlock()
}

// claimID is the claim's idempotency key: the relay run's epoch and the
// claim's seq in it, which a resend after a reconnect repeats and a
// restarted relay (a new epoch, seqs from 1 again) does not.
func (l *platformLink) claimID(env platform.Envelope) string {
	l.mu.Lock()
	epoch := l.epoch
	l.mu.Unlock()
	return "relay-" + epoch + "-" + strconv.FormatUint(env.ID, 10)
}
