package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func claim(t *testing.T, db *DB, c Claim) ClaimResult {
	t.Helper()
	r, err := db.Claim(context.Background(), c)
	if err != nil {
		t.Fatalf("claim %+v: %v", c, err)
	}
	return r
}

func countEvents(t *testing.T, db *DB, show int64, kinds ...string) int {
	t.Helper()
	evs, err := db.Events(context.Background(), show)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		for _, k := range kinds {
			if ev.Kind == k {
				n++
			}
		}
	}
	return n
}

// seedCatalog (catalog_test.go) has hoodie: H-S with stock 3, H-M untracked.
func TestClaimsTakeTheCatalogStockOfTheShowOnly(t *testing.T) {
	db := openTemp(t)
	seedCatalog(t, db)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now())

	// The handle names the first variant, as in cues.
	if r := claim(t, db, Claim{ID: "c1", ShowID: show, SKU: "hoodie", Qty: 1, User: "ann", Offset: time.Second}); !r.Accepted || r.StockLeft != 2 || r.Duplicate {
		t.Errorf("first claim: %+v, want accepted with 2 left", r)
	}
	if r := claim(t, db, Claim{ID: "c2", ShowID: show, SKU: "H-S", Qty: 3}); r.Accepted || r.Reason != ReasonNotEnough || r.StockLeft != 2 {
		t.Errorf("claiming 3 of 2: %+v, want refused, not enough stock", r)
	}
	if r := claim(t, db, Claim{ID: "p1", ShowID: show, SKU: "H-S", Qty: 2, User: "bob", Purchase: true}); !r.Accepted || r.StockLeft != 0 {
		t.Errorf("buying the last 2: %+v", r)
	}
	if r := claim(t, db, Claim{ID: "c3", ShowID: show, SKU: "H-S", Qty: 1}); r.Accepted || r.Reason != ReasonSoldOut {
		t.Errorf("claim after the last: %+v, want sold out", r)
	}
	if r := claim(t, db, Claim{ID: "c4", ShowID: show, SKU: "nope", Qty: 1}); r.Accepted || r.Reason != ReasonUnknownProduct {
		t.Errorf("unknown product: %+v", r)
	}
	if r := claim(t, db, Claim{ID: "c5", ShowID: show, SKU: "H-M", Qty: 40}); !r.Accepted || r.StockLeft != Unlimited {
		t.Errorf("a product whose stock is not tracked: %+v, want accepted, Unlimited", r)
	}

	cs, err := db.Claims(ctx, show)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 || cs[0].ID != "c1" || cs[0].SKU != "H-S" || cs[0].User != "ann" || cs[0].Offset != time.Second ||
		cs[1].ID != "p1" || !cs[1].Purchase || cs[2].ID != "c5" {
		t.Errorf("claims = %+v, want c1 (by handle, stored as H-S), p1, c5", cs)
	}
	if n, p := countEvents(t, db, show, KindClaim), countEvents(t, db, show, KindPurchase); n != 2 || p != 1 {
		t.Errorf("%d claim and %d purchase events, want 2 and 1", n, p)
	}
	// The imported catalog is the shop's; a show never changes it, and the
	// next show starts from it again.
	if l, _ := FindListing(ctx, db.Reader(), "H-S"); l.Stock == nil || *l.Stock != 3 {
		t.Errorf("catalog stock of H-S changed to %v", l.Stock)
	}
	next := startShow(t, db, "next", time.Now())
	if n, err := db.ShowStock(ctx, next, "H-S"); err != nil || n != 3 {
		t.Errorf("next show's stock of H-S: %d, %v; want 3 from the catalog", n, err)
	}
	if n, err := db.ShowStock(ctx, show, "hoodie"); err != nil || n != 0 {
		t.Errorf("this show's stock of hoodie: %d, %v; want 0", n, err)
	}
}

func TestDuplicateClaimChangesNothing(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now())
	if err := db.SetShowStock(ctx, show, "FLASH", 5, time.Time{}, 0); err != nil {
		t.Fatal(err)
	}
	first := claim(t, db, Claim{ID: "relay-42", ShowID: show, SKU: "FLASH", Qty: 2})
	// The relay retries with the same id, even with a changed body.
	for range 3 {
		r := claim(t, db, Claim{ID: "relay-42", ShowID: show, SKU: "FLASH", Qty: 3})
		if !r.Accepted || !r.Duplicate || r.StockLeft != 3 {
			t.Errorf("retry: %+v, want accepted duplicate with 3 left", r)
		}
	}
	if !first.Accepted || first.Duplicate {
		t.Errorf("first: %+v", first)
	}
	if n, _ := db.ShowStock(ctx, show, "FLASH"); n != 3 {
		t.Errorf("stock %d after one claim of 2 and its retries, want 3", n)
	}
	if cs, _ := db.Claims(ctx, show); len(cs) != 1 || countEvents(t, db, show, KindClaim) != 1 {
		t.Errorf("%d claims and %d claim events, want 1 and 1", len(cs), countEvents(t, db, show, KindClaim))
	}
	// The same id in another show is another claim.
	other := startShow(t, db, "other", time.Now())
	db.SetShowStock(ctx, other, "FLASH", 1, time.Time{}, 0)
	if r := claim(t, db, Claim{ID: "relay-42", ShowID: other, SKU: "FLASH", Qty: 1}); !r.Accepted || r.Duplicate {
		t.Errorf("same id, other show: %+v", r)
	}
}

func TestSetShowStockOverridesTheCatalogAndIsAnEvent(t *testing.T) {
	db := openTemp(t)
	seedCatalog(t, db)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now())
	if err := db.SetShowStock(ctx, show, "hoodie", 10, time.Time{}, 4*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := db.SetShowStock(ctx, show, "H-S", 7, time.Time{}, 9*time.Second); err != nil {
		t.Fatal(err)
	}
	if n, err := db.ShowStock(ctx, show, "H-S"); err != nil || n != 7 {
		t.Errorf("ShowStock = %d, %v; want 7", n, err)
	}
	if n, err := db.ShowStock(ctx, show, "H-M"); err != nil || n != Unlimited {
		t.Errorf("untracked H-M: %d, %v; want Unlimited", n, err)
	}
	evs, _ := db.Events(ctx, show)
	if len(evs) != 2 || evs[0].Kind != KindStock || evs[0].SKU != "H-S" || string(evs[0].Data) != `{"stock":10,"was":3}` ||
		evs[1].Offset != 9*time.Second || string(evs[1].Data) != `{"stock":7,"was":10}` {
		t.Errorf("stock events = %+v", evs)
	}
	if _, err := db.ShowStock(ctx, show, "nope"); !errors.Is(err, ErrNoProduct) || !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown product: %v, want ErrNoProduct", err)
	}
	if err := db.SetShowStock(ctx, show, "H-S", -1, time.Time{}, 0); !errors.Is(err, ErrBadStock) {
		t.Errorf("negative stock: %v, want ErrBadStock", err)
	}
	if err := db.SetShowStock(ctx, show+9, "H-S", 1, time.Time{}, 0); !errors.Is(err, ErrNoShow) {
		t.Errorf("missing show: %v, want ErrNoShow", err)
	}
}

func TestBadClaimsAreErrors(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now())
	for _, c := range []Claim{
		{ShowID: show, SKU: "A", Qty: 1},
		{ID: "x", ShowID: show, SKU: "A", Qty: 0},
		{ID: "x", ShowID: show, Qty: 1},
	} {
		if _, err := db.Claim(ctx, c); !errors.Is(err, ErrBadClaim) {
			t.Errorf("%+v: %v, want ErrBadClaim", c, err)
		}
	}
	if _, err := db.Claim(ctx, Claim{ID: "x", ShowID: show + 1, SKU: "A", Qty: 1}); !errors.Is(err, ErrNoShow) {
		t.Errorf("claim in a missing show: %v, want ErrNoShow", err)
	}
}

// Eight goroutines race for 50 units, each sending every claim twice as a
// relay that lost the first answer would: exactly 50 are accepted, every
// retry of an accepted claim is a duplicate, and the stock ends at 0.
func TestConcurrentClaimsNeverOversell(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	show := startShow(t, db, "flash", time.Now())
	if err := db.SetShowStock(ctx, show, "FLASH", 50, time.Time{}, 0); err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 15
	var mu sync.Mutex
	accepted, refused := 0, 0
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := range each {
				c := Claim{ID: fmt.Sprintf("g%d-%d", g, i), ShowID: show, SKU: "FLASH", Qty: 1, User: fmt.Sprint("u", g)}
				r, err := db.Claim(ctx, c)
				if err != nil {
					t.Error(err)
					return
				}
				again, err := db.Claim(ctx, c)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				switch {
				case r.Accepted && !r.Duplicate && again.Duplicate && again.Accepted:
					accepted++
				case !r.Accepted && r.Reason == ReasonSoldOut && !again.Accepted:
					refused++
				default:
					t.Errorf("claim %s: %+v then %+v", c.ID, r, again)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if accepted != 50 || refused != workers*each-50 {
		t.Errorf("%d accepted and %d refused, want 50 and %d", accepted, refused, workers*each-50)
	}
	cs, _ := db.Claims(ctx, show)
	n, _ := db.ShowStock(ctx, show, "FLASH")
	if len(cs) != 50 || n != 0 || countEvents(t, db, show, KindClaim) != 50 {
		t.Errorf("%d claims stored, stock %d, %d claim events; want 50, 0, 50", len(cs), n, countEvents(t, db, show, KindClaim))
	}
}

// The same claim ids arriving from several goroutines at once (a relay
// retrying on several connections) count once each.
func TestConcurrentRetriesCountOnce(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now())
	db.SetShowStock(ctx, show, "FLASH", 50, time.Time{}, 0)
	var mu sync.Mutex
	fresh := map[string]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range 30 {
				id := fmt.Sprint("claim-", i)
				r, err := db.Claim(ctx, Claim{ID: id, ShowID: show, SKU: "FLASH", Qty: 1})
				if err != nil || !r.Accepted {
					t.Errorf("%s: %+v, %v", id, r, err)
					return
				}
				if !r.Duplicate {
					mu.Lock()
					fresh[id]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for i := range 30 {
		if id := fmt.Sprint("claim-", i); fresh[id] != 1 {
			t.Errorf("%s accepted as new %d times, want once", id, fresh[id])
		}
	}
	if n, _ := db.ShowStock(ctx, show, "FLASH"); n != 20 {
		t.Errorf("stock %d, want 20", n)
	}
}
