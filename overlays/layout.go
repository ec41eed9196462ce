package overlays

import (
	"fmt"
	"image"
	"math"
)

// Sizes of the design at 1080 pixels on the canvas's short side, before
// Theme.Scale; px converts them. Each is the most an overlay may take, so
// the regions below hold their overlays whatever the content.
const (
	dGap       = 16  // between regions
	dCardW     = 640 // product card on a horizontal canvas
	dCardH     = 360
	dColW      = 460 // the column opposite the card: flash sale, promo
	dSaleH     = 164
	dPromoH    = 150
	dCouponH   = 150
	dBadgeH    = 48 // LIVE and viewers
	dDiscH     = 40 // disclosure tag
	dBottomH   = 134
	dPinnedH   = 250
	dPinnedMax = 680 // a pinned comment wider than this is hard to read
)

// Region names the place each overlay has on the canvas.
type Region int

// The regions. Every overlay has its own, so any combination can be on
// screen at once without overlapping.
const (
	RegionCard Region = iota
	RegionLive
	RegionViewers
	RegionDisclosure
	RegionSale
	RegionPromo
	RegionCoupon
	RegionLowerThird
	RegionPinned
	RegionGiveaway
	numRegions
)

var regionNames = [numRegions]string{"card", "live", "viewers", "disclosure", "sale", "promo", "coupon", "lower-third", "pinned", "giveaway"}

func (g Region) String() string {
	if g < 0 || g >= numRegions {
		return fmt.Sprintf("Region(%d)", int(g))
	}
	return regionNames[g]
}

// slot is a region and how an overlay smaller than it sits inside: pushed
// to the canvas edge it is near, so overlays hug the safe area's border.
type slot struct {
	rect   image.Rectangle
	hAlign int // -1 left, 0 centre, +1 right
	vAlign int // -1 top, 0 middle, +1 bottom
}

// place returns where an overlay of size sz goes in s.
func (s slot) place(sz image.Point) image.Point {
	x, y := s.rect.Min.X, s.rect.Min.Y
	switch s.hAlign {
	case 0:
		x += (s.rect.Dx() - sz.X) / 2
	case 1:
		x = s.rect.Max.X - sz.X
	}
	switch s.vAlign {
	case 0:
		y += (s.rect.Dy() - sz.Y) / 2
	case 1:
		y = s.rect.Max.Y - sz.Y
	}
	return image.Pt(x, y)
}

// layout computes every region for a canvas. Horizontal canvases (wide
// enough for the card beside the opposite column) put the card in the
// theme's corner; the badges take the top of the card's side (or of the
// other side when the card is at the top), the flash sale and promo the
// other side's column, the coupon the card side's middle, and the lower
// third, giveaway and pinned comment the bottom band beside the card.
// Vertical canvases stack: card along the bottom, lower third and giveaway
// above it side by side, pinned comment above those; badges top-left, flash
// sale top-right, coupon and promo in the middle.
func layout(canvas image.Point, t Theme, unit float64) ([numRegions]slot, error) {
	var s [numRegions]slot
	px := func(d float64) int { return int(math.Round(d * unit)) }
	mx, my := int(math.Round(t.SafeArea*float64(canvas.X))), int(math.Round(t.SafeArea*float64(canvas.Y)))
	safe := image.Rect(mx, my, canvas.X-mx, canvas.Y-my)
	gap := px(dGap)
	colW, cardH := px(dColW), px(dCardH)
	live, disc := px(dBadgeH), px(dDiscH)
	bottomH, pinnedH := px(dBottomH), px(dPinnedH)

	horizontal := safe.Dx() >= px(dCardW)+gap+colW
	if horizontal {
		cardW := px(dCardW)
		left := t.Corner == "bottom-left" || t.Corner == "top-left"
		top := t.Corner == "top-left" || t.Corner == "top-right"
		near, far, hn, hf := safe.Min.X, safe.Max.X-colW, -1, 1
		if !left {
			near, far, hn, hf = safe.Max.X-cardW, safe.Min.X, 1, -1
		}
		nearCol := func(y0, y1 int) image.Rectangle { return image.Rect(near, y0, near+cardW, y1) }
		farCol := func(y0, y1 int) image.Rectangle { return image.Rect(far, y0, far+colW, y1) }
		// The band beside (or, with the card at the top, under) the card.
		bandX0, bandX1 := near+cardW+gap, safe.Max.X
		if !left {
			bandX0, bandX1 = safe.Min.X, near-gap
		}
		if top {
			bandX0, bandX1 = safe.Min.X, safe.Max.X
		}
		bottomTop := safe.Max.Y - bottomH
		pinnedTop := bottomTop - gap - pinnedH
		half := (bandX1 - bandX0 - gap) / 2
		lower := image.Rect(bandX0, bottomTop, bandX0+half, safe.Max.Y)
		give := image.Rect(bandX1-half, bottomTop, bandX1, safe.Max.Y)
		if !left {
			lower, give = give, lower // lower third toward the card's side
		}
		s[RegionLowerThird] = slot{lower, hn, 1}
		s[RegionGiveaway] = slot{give, hf, 1}
		s[RegionPinned] = slot{image.Rect(bandX0, pinnedTop, bandX1, bottomTop-gap), hf, 1}
		if !top {
			card := nearCol(safe.Max.Y-cardH, safe.Max.Y)
			s[RegionCard] = slot{card, hn, 1}
			s[RegionLive] = slot{nearCol(safe.Min.Y, safe.Min.Y+live), hn, -1}
			s[RegionDisclosure] = slot{nearCol(safe.Min.Y+live+gap/2, safe.Min.Y+live+gap/2+disc), hn, -1}
			s[RegionCoupon] = slot{nearCol(s[RegionDisclosure].rect.Max.Y+gap, card.Min.Y-gap), hn, 0}
			s[RegionSale] = slot{farCol(safe.Min.Y, safe.Min.Y+px(dSaleH)), hf, -1}
		} else {
			card := nearCol(safe.Min.Y, safe.Min.Y+cardH)
			s[RegionCard] = slot{card, hn, -1}
			s[RegionLive] = slot{farCol(safe.Min.Y, safe.Min.Y+live), hf, -1}
			s[RegionDisclosure] = slot{farCol(safe.Min.Y+live+gap/2, safe.Min.Y+live+gap/2+disc), hf, -1}
			saleTop := s[RegionDisclosure].rect.Max.Y + gap
			s[RegionSale] = slot{farCol(saleTop, saleTop+px(dSaleH)), hf, -1}
			s[RegionCoupon] = slot{nearCol(card.Max.Y+gap, pinnedTop-gap), hn, 0}
		}
		s[RegionPromo] = slot{farCol(s[RegionSale].rect.Max.Y+gap, pinnedTop-gap), hf, 0}
	} else {
		halfW := (safe.Dx() - gap) / 2
		leftCol := func(y0, y1 int) image.Rectangle { return image.Rect(safe.Min.X, y0, safe.Min.X+halfW, y1) }
		rightCol := func(y0, y1 int) image.Rectangle { return image.Rect(safe.Max.X-halfW, y0, safe.Max.X, y1) }
		card := image.Rect(safe.Min.X, safe.Max.Y-cardH, safe.Max.X, safe.Max.Y)
		s[RegionCard] = slot{card, 0, 1}
		bottomTop := card.Min.Y - gap - bottomH
		s[RegionLowerThird] = slot{leftCol(bottomTop, card.Min.Y-gap), -1, 1}
		s[RegionGiveaway] = slot{rightCol(bottomTop, card.Min.Y-gap), 1, 1}
		pinnedTop := bottomTop - gap - pinnedH
		s[RegionPinned] = slot{image.Rect(safe.Min.X, pinnedTop, safe.Max.X, bottomTop-gap), 1, 1}
		s[RegionLive] = slot{leftCol(safe.Min.Y, safe.Min.Y+live), -1, -1}
		s[RegionDisclosure] = slot{leftCol(safe.Min.Y+live+gap/2, safe.Min.Y+live+gap/2+disc), -1, -1}
		s[RegionSale] = slot{rightCol(safe.Min.Y, safe.Min.Y+px(dSaleH)), 1, -1}
		s[RegionCoupon] = slot{leftCol(s[RegionDisclosure].rect.Max.Y+gap, pinnedTop-gap), -1, 0}
		s[RegionPromo] = slot{rightCol(s[RegionSale].rect.Max.Y+gap, pinnedTop-gap), 1, 0}
	}
	// LIVE and the viewer count share a row: the region is split once the
	// LIVE badge's width is known (it is fixed per locale), in New.
	s[RegionViewers] = s[RegionLive]

	need := map[Region]image.Point{
		RegionPromo: {px(300), px(dPromoH)}, RegionCoupon: {px(300), px(dCouponH)},
		RegionPinned: {px(400), pinnedH}, RegionLowerThird: {px(300), bottomH}, RegionGiveaway: {px(300), bottomH},
		RegionSale: {min(colW, px(360)), px(dSaleH)}, RegionCard: {px(480), cardH},
	}
	for g, sz := range need {
		if rr := s[g].rect; rr.Dx() < sz.X || rr.Dy() < sz.Y {
			return s, fmt.Errorf("%w: %v region %v is smaller than %v on a %dx%d canvas at scale %g",
				ErrNoRoom, g, rr.Size(), sz, canvas.X, canvas.Y, t.Scale)
		}
	}
	return s, nil
}
