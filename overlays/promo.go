package overlays

import (
	"image"
	"image/draw"
	"math"
	"strings"
	"time"
)

// Promo draws a promo-code drop: the heading, the code large with the
// discount in a pill, and how long the code is valid ("valid 10 min";
// left out when validFor is zero). A discount starting with a hyphen gets
// a real minus sign.
func (r *Renderer) Promo(code, discount string, validFor time.Duration) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	maxW := min(r.px(dColW), r.slots[RegionPromo].rect.Dx())
	pad := r.px(18)
	inner := maxW - 2*pad

	if strings.HasPrefix(discount, "-") {
		discount = "−" + discount[1:]
	}
	head := r.layoutText(r.words[wPromoCode].pick(0), textStyle{r.pxf(18), true, t.Accent}, inner, 1)
	pillPad, pillH := r.px(12), r.px(40)
	var pill textBlock
	pillW := 0
	if discount != "" {
		pill = r.layoutText(discount, textStyle{r.pxf(24), true, onColor(t.Sale)}, inner/2, 1)
		pillW = pill.width() + 2*pillPad
	}
	codeMax := inner
	if pillW > 0 {
		codeMax -= pillW + r.px(14)
	}
	codeB := r.layoutText(code, textStyle{r.pxf(40), true, t.Text}, codeMax, 1)
	var valid textBlock
	if validFor > 0 {
		valid = r.layoutText(r.phrase(wValid, 0, "d", r.span(validFor)), textStyle{r.pxf(20), false, t.Muted}, inner, 1)
	}

	rowW := codeB.width()
	if pillW > 0 {
		rowW += r.px(14) + pillW
	}
	W := min(maxW, max(r.px(300), rowW+2*pad, head.width()+2*pad, valid.width()+2*pad))
	H := pad + head.height() + r.px(4) + codeB.lineH + pad
	if len(valid.lines) > 0 {
		H += r.px(4) + valid.height()
	}
	img := r.newPanel(image.Pt(W, H), r.pxf(16))
	in := r.px(6)
	r.dashedRound(img, image.Rect(in, in, W-in, H-in), math.Max(1, r.pxf(2)), r.pxf(9), t.Accent)

	y := pad
	r.drawText(img, head, r.mirror(image.Rect(pad, y, W-pad, y+head.lineH), W), alignStart)
	y += head.lineH + r.px(4)
	r.drawText(img, codeB, r.mirror(image.Rect(pad, y, pad+codeB.width(), y+codeB.lineH), W), alignStart)
	if pillW > 0 {
		x := pad + codeB.width() + r.px(14)
		mid := y + codeB.lineH/2
		pr := r.mirror(image.Rect(x, mid-pillH/2, x+pillW, mid-pillH/2+pillH), W)
		r.fillRound(img, pr, r.pxf(8), t.Sale, draw.Over)
		r.drawText(img, pill, image.Rect(pr.Min.X, mid-pill.lineH/2, pr.Max.X, mid-pill.lineH/2+pill.lineH), alignCenter)
	}
	y += codeB.lineH
	if len(valid.lines) > 0 {
		y += r.px(4)
		r.drawText(img, valid, r.mirror(image.Rect(pad, y, W-pad, y+valid.lineH), W), alignStart)
	}
	return r.placed(RegionPromo, img)
}

// Coupon draws a coupon announcement ("watch 10 minutes to unlock"):
// a heading and up to two lines of the caller's text.
func (r *Renderer) Coupon(text string) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	maxW := min(r.px(dColW), r.slots[RegionCoupon].rect.Dx())
	pad := r.px(18)
	head := r.layoutText(r.words[wCoupon].pick(0), textStyle{r.pxf(18), true, t.Accent}, maxW-2*pad, 1)
	body := r.layoutText(text, textStyle{r.pxf(24), false, t.Text}, maxW-2*pad, 2)
	W := min(maxW, max(r.px(300), body.width()+2*pad, head.width()+2*pad))
	H := pad + head.height() + r.px(4) + body.height() + pad
	img := r.newPanel(image.Pt(W, H), r.pxf(16))
	in := r.px(6)
	r.dashedRound(img, image.Rect(in, in, W-in, H-in), math.Max(1, r.pxf(2)), r.pxf(9), t.Accent)
	r.drawText(img, head, r.mirror(image.Rect(pad, pad, W-pad, pad+head.lineH), W), alignStart)
	y := pad + head.lineH + r.px(4)
	r.drawText(img, body, r.mirror(image.Rect(pad, y, W-pad, y+body.height()), W), alignStart)
	return r.placed(RegionCoupon, img)
}
