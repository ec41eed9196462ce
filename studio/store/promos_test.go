package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A promo code with a limit of 2: two claims redeem it, a retry of one of
// them counts once, the third is refused without taking stock, and a code
// past its expiry or never dropped is refused too. Every redemption is a
// 'redeem' event beside its claim.
func TestPromoCodeLimitAndExpiry(t *testing.T) {
	db := openTemp(t)
	seedCatalog(t, db)
	ctx := context.Background()
	t0 := time.Now()
	show := startShow(t, db, "s", t0)
	if err := db.SetShowStock(ctx, show, "H-S", 10, t0, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.DropPromo(ctx, Promo{ShowID: show, Code: "SAVE10", Discount: "10%", Limit: 2, Expires: t0.Add(time.Minute), At: t0}); err != nil {
		t.Fatal(err)
	}
	at := t0.Add(10 * time.Second)
	for _, id := range []string{"c1", "c2", "c1"} {
		if r := claim(t, db, Claim{ID: id, ShowID: show, SKU: "H-S", Qty: 1, Code: "SAVE10", At: at}); !r.Accepted {
			t.Fatalf("claim %s with the code: %+v, want accepted", id, r)
		}
	}
	r := claim(t, db, Claim{ID: "c3", ShowID: show, SKU: "H-S", Qty: 1, Code: "SAVE10", At: at})
	if r.Accepted || r.Reason != ReasonCodeUsedUp || r.StockLeft != 8 {
		t.Errorf("third use of a code limited to 2: %+v, want refused (%s) with 8 left", r, ReasonCodeUsedUp)
	}
	if r := claim(t, db, Claim{ID: "c4", ShowID: show, SKU: "H-S", Qty: 1, Code: "NOPE", At: at}); r.Accepted || r.Reason != ReasonUnknownCode {
		t.Errorf("a code never dropped: %+v", r)
	}
	if err := db.DropPromo(ctx, Promo{ShowID: show, Code: "EARLY", Expires: t0.Add(5 * time.Second), At: t0}); err != nil {
		t.Fatal(err)
	}
	if r := claim(t, db, Claim{ID: "c5", ShowID: show, SKU: "H-S", Qty: 1, Code: "EARLY", At: at}); r.Accepted || r.Reason != ReasonCodeExpired {
		t.Errorf("a code past its expiry: %+v", r)
	}
	// Without a code the same viewer still gets the product.
	if r := claim(t, db, Claim{ID: "c3b", ShowID: show, SKU: "H-S", Qty: 1, At: at}); !r.Accepted || r.StockLeft != 7 {
		t.Errorf("claim without the code: %+v, want accepted with 7 left", r)
	}
	rs, err := db.Redemptions(ctx, show)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].ClaimID != "c1" || rs[1].ClaimID != "c2" || rs[0].Code != "SAVE10" || rs[0].SKU != "H-S" {
		t.Errorf("redemptions: %+v, want c1 and c2 of SAVE10", rs)
	}
	if n := countEvents(t, db, show, KindRedeem); n != 2 {
		t.Errorf("%d redeem events, want 2", n)
	}
	if n := countEvents(t, db, show, KindClaim); n != 3 {
		t.Errorf("%d claim events, want 3", n)
	}
	if n := countEvents(t, db, show, KindPromo); n != 2 {
		t.Errorf("%d promo events, want 2", n)
	}
	if err := db.DropPromo(ctx, Promo{ShowID: show, Code: "X", Limit: -1}); !errors.Is(err, ErrBadEvent) {
		t.Errorf("a negative limit: %v", err)
	}
}
