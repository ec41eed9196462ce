package platform

// Reasons the host refuses a claim, as claim.result names them. A page
// words them for its viewer; a reason this list lacks comes with a new
// protocol version.
const (
	ClaimSoldOut        = "sold_out"        // none left
	ClaimNotEnough      = "not_enough"      // fewer left than the claim's quantity
	ClaimUnknownProduct = "unknown_product" // the shop does not sell it
	ClaimCodeUnknown    = "code_unknown"    // the promo code was never dropped
	ClaimCodeExpired    = "code_expired"    // the promo code is past its expiry
	ClaimCodeUsedUp     = "code_used_up"    // the promo code reached its limit
)

var claimReasons = map[string]bool{ClaimSoldOut: true, ClaimNotEnough: true, ClaimUnknownProduct: true,
	ClaimCodeUnknown: true, ClaimCodeExpired: true, ClaimCodeUsedUp: true}

// ClaimResult is the host's answer to one claim (version 2), which the
// relay passes to the viewer who made it and to no one else. Claim is the
// seq the relay gave the claim (the id the host read it under, and the seq
// in the viewer's ack). Left is the stock after it, when the shop tracks
// it. A refusal has a Reason; an acceptance has none.
type ClaimResult struct {
	Claim    uint64 `json:"claim"`
	Accepted bool   `json:"accepted"`
	Reason   string `json:"reason,omitempty"`
	SKU      string `json:"sku,omitempty"`
	Left     *int   `json:"left,omitempty"`
}

func (ClaimResult) Type() Type { return TypeClaimResult }

func (r ClaimResult) Validate() error {
	if r.Claim == 0 {
		return invalid(TypeClaimResult, "claim", "required: the claim's seq")
	}
	switch {
	case r.Accepted && r.Reason != "":
		return invalid(TypeClaimResult, "reason", "%q on an accepted claim: a reason comes only with a refusal", r.Reason)
	case !r.Accepted && r.Reason == "":
		return invalid(TypeClaimResult, "reason", "required when the claim is refused")
	case !r.Accepted && !claimReasons[r.Reason]:
		return invalid(TypeClaimResult, "reason", "%q: want sold_out, not_enough, unknown_product, code_unknown, code_expired or code_used_up", r.Reason)
	}
	if err := checkText(TypeClaimResult, "sku", r.SKU, 0, 64, false); err != nil {
		return err
	}
	if r.Left != nil {
		return checkRange(TypeClaimResult, "left", int64(*r.Left), 0, 1e9)
	}
	return nil
}
