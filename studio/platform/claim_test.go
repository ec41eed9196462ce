package platform

import (
	"errors"
	"strings"
	"testing"
)

// A claim carries the promo code the viewer's page showed; a code longer
// than any promo.drop can carry is refused, naming the field.
func TestClaimCode(t *testing.T) {
	b, err := Frame(3, Claim{SKU: "GZ-PUR-S", Quantity: 1, Code: "SUMMER15"})
	if err != nil {
		t.Fatal(err)
	}
	_, ev, err := Decode(b, MaxViewerFrame)
	if err != nil || ev.(Claim).Code != "SUMMER15" {
		t.Fatalf("decoded %+v, %v from %s", ev, err, b)
	}
	err = Claim{SKU: "GZ-PUR-S", Quantity: 1, Code: strings.Repeat("X", 33)}.Validate()
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "claim: code:") {
		t.Errorf("a 33-character code: %v, want invalid naming claim: code", err)
	}
}

// A claim.result names the claim by its seq; a refusal says why in one of
// the protocol's words, an acceptance does not; it is a version 2 type,
// host to one viewer.
func TestClaimResult(t *testing.T) {
	for _, r := range []ClaimResult{
		{Claim: 7, Accepted: true, SKU: "TOTE", Left: Int(0)},
		{Claim: 8, Reason: ClaimSoldOut, Left: Int(0)},
		{Claim: 9, Reason: ClaimCodeUsedUp, SKU: "TOTE", Left: Int(3)},
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
	for _, c := range []struct {
		r     ClaimResult
		field string
	}{
		{ClaimResult{Accepted: true}, "claim.result: claim:"},
		{ClaimResult{Claim: 7}, "claim.result: reason: required"},
		{ClaimResult{Claim: 7, Accepted: true, Reason: ClaimSoldOut}, "claim.result: reason:"},
		{ClaimResult{Claim: 7, Reason: "too late"}, `claim.result: reason: "too late"`},
		{ClaimResult{Claim: 7, Accepted: true, Left: Int(-1)}, "claim.result: left:"},
	} {
		if err := c.r.Validate(); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%+v: %v, want invalid naming %q", c.r, err, c.field)
		}
	}
	r, _ := RouteOf(TypeClaimResult)
	if !r.MaySend(RoleHost) || r.MaySend(RoleViewer) || r.To != ToClaimant || !r.Ephemeral || r.In("1") || !r.In("2") {
		t.Errorf("claim.result's route: %+v", r)
	}
	if c, _ := RouteOf(TypeClaim); !c.In("1") || !c.In("2") {
		t.Errorf("claim is in versions 1 and 2: %+v", c)
	}
}
