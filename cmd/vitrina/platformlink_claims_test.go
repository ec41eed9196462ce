package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/store"
)

// What the store answers each claim becomes the claim.result its viewer is
// told: accepted with the stock left, a resend accepted again (the store
// keeps only accepted claims), and each refusal under the protocol's word
// for it. Every one is a valid claim.result.
func TestClaimResultFromTheStore(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.UnixMilli(1_800_000_000_000)
	showID, err := db.StartShow(ctx, "s", "", now)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetShowStock(ctx, showID, "TOTE", 2, now, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.DropPromo(ctx, store.Promo{ShowID: showID, Code: "FIRST1", Limit: 1, At: now}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id     string
		claim  platform.Claim
		reason string // "" for accepted
		left   int
	}{
		{"relay-e-5", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "FIRST1"}, "", 1},
		{"relay-e-5", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "FIRST1"}, "", 1}, // resent
		{"relay-e-6", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "FIRST1"}, platform.ClaimCodeUsedUp, 1},
		{"relay-e-7", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "NOPE"}, platform.ClaimCodeUnknown, 1},
		{"relay-e-8", platform.Claim{SKU: "TOTE", Quantity: 3}, platform.ClaimNotEnough, 1},
		{"relay-e-9", platform.Claim{SKU: "TOTE", Quantity: 1}, "", 0},
		{"relay-e-10", platform.Claim{SKU: "TOTE", Quantity: 1}, platform.ClaimSoldOut, 0},
	} {
		res, err := db.Claim(ctx, store.Claim{ID: c.id, ShowID: showID, SKU: c.claim.SKU, Qty: c.claim.Quantity, Code: c.claim.Code, At: now})
		if err != nil {
			t.Fatal(err)
		}
		r, ok := claimResult(42, c.claim, res)
		if !ok || r.Claim != 42 || r.Accepted != (c.reason == "") || r.Reason != c.reason || r.Left == nil || *r.Left != c.left || r.SKU != "TOTE" {
			t.Errorf("%s %+v: the store said %+v, the viewer is told %+v (ok %v); want reason %q, %d left", c.id, c.claim, res, r, ok, c.reason, c.left)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", c.id, err)
		}
	}
	res, err := db.Claim(ctx, store.Claim{ID: "relay-e-11", ShowID: showID, SKU: "GHOST", Qty: 1, At: now})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := claimResult(43, platform.Claim{SKU: "GHOST", Quantity: 1}, res); !ok || r.Reason != platform.ClaimUnknownProduct || r.Left != nil {
		t.Errorf("a product the shop does not have: %+v, want unknown_product with no stock", r)
	}
}
