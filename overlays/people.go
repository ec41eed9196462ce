package overlays

import (
	"image"
	"image/draw"
	"math"
)

// LowerThird draws the host's name and title with an accent bar at the
// start edge.
func (r *Renderer) LowerThird(name, title string) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	bar, padS, padE, padY := r.px(8), r.px(20), r.px(24), r.px(16)
	maxText := r.slots[RegionLowerThird].rect.Dx() - bar - padS - padE
	nb := r.layoutText(name, textStyle{r.pxf(34), true, t.Text}, maxText, 1)
	tb := r.layoutText(title, textStyle{r.pxf(24), false, t.Muted}, maxText, 1)
	W := bar + padS + max(nb.width(), tb.width(), r.px(160)) + padE
	H := padY + nb.height() + r.px(2) + tb.height() + padY
	img := r.newPanel(image.Pt(W, H), r.pxf(12))
	r.fillRound(img, r.mirror(image.Rect(0, 0, bar+r.px(12), H), W), r.pxf(12), t.Accent, draw.Over)
	// Square off the bar's inner edge: the panel shows from bar onwards.
	r.fillRound(img, r.mirror(image.Rect(bar, 0, bar+r.px(12), H), W), 0, t.Panel, draw.Src)
	x := bar + padS
	r.drawText(img, nb, r.mirror(image.Rect(x, padY, W-padE, padY+nb.lineH), W), alignStart)
	y := padY + nb.lineH + r.px(2)
	r.drawText(img, tb, r.mirror(image.Rect(x, y, W-padE, y+tb.lineH), W), alignStart)
	return r.placed(RegionLowerThird, img)
}

// PinnedComment draws a viewer's comment the host pinned, with the host's
// answer under it when there is one. The comment and the answer get up
// to two lines each.
func (r *Renderer) PinnedComment(user, text, answer string) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	maxW := min(r.slots[RegionPinned].rect.Dx(), r.px(dPinnedMax))
	pad := r.px(16)
	inner := maxW - 2*pad
	tag := r.layoutText(r.words[wPinned].pick(0), textStyle{r.pxf(16), true, t.Muted}, inner/3, 1)
	ub := r.layoutText(user, textStyle{r.pxf(22), true, t.Accent}, inner-tag.width()-r.px(12), 1)
	cb := r.layoutText(text, textStyle{r.pxf(25), false, t.Text}, inner, 2)
	boxPad, boxBar := r.px(10), r.px(5)
	ansInner := inner - boxBar - 2*boxPad
	var lb, ab textBlock
	if answer != "" {
		lb = r.layoutText(r.words[wAnswer].pick(0), textStyle{r.pxf(17), true, t.Accent}, ansInner, 1)
		ab = r.layoutText(answer, textStyle{r.pxf(22), false, t.Text}, ansInner, 2)
	}
	contentW := max(ub.width()+r.px(12)+tag.width(), cb.width())
	if answer != "" {
		contentW = max(contentW, boxBar+2*boxPad+max(lb.width(), ab.width()))
	}
	W := min(maxW, max(r.px(400), contentW+2*pad))
	inner = W - 2*pad
	H := pad + ub.lineH + r.px(4) + cb.height() + pad
	if answer != "" {
		H += r.px(10) + 2*boxPad + lb.height() + ab.height()
	}
	img := r.newPanel(image.Pt(W, H), r.pxf(16))
	y := pad
	r.drawText(img, ub, r.mirror(image.Rect(pad, y, pad+ub.width(), y+ub.lineH), W), alignStart)
	r.drawText(img, tag, r.mirror(image.Rect(W-pad-tag.width(), y+(ub.lineH-tag.lineH)/2, W-pad, y+(ub.lineH-tag.lineH)/2+tag.lineH), W), alignStart)
	y += ub.lineH + r.px(4)
	r.drawText(img, cb, r.mirror(image.Rect(pad, y, W-pad, y+cb.height()), W), alignStart)
	y += cb.height()
	if answer != "" {
		y += r.px(10)
		bh := 2*boxPad + lb.height() + ab.height()
		r.fillRound(img, r.mirror(image.Rect(pad, y, W-pad, y+bh), W), r.pxf(10), withAlpha(t.Text, 0.08), draw.Over)
		r.fillRound(img, r.mirror(image.Rect(pad, y, pad+boxBar, y+bh), W), float64(boxBar)/2, t.Accent, draw.Over)
		x := pad + boxBar + boxPad
		r.drawText(img, lb, r.mirror(image.Rect(x, y+boxPad, W-pad-boxPad, y+boxPad+lb.lineH), W), alignStart)
		r.drawText(img, ab, r.mirror(image.Rect(x, y+boxPad+lb.lineH, W-pad-boxPad, y+boxPad+lb.lineH+ab.height()), W), alignStart)
	}
	return r.placed(RegionPinned, img)
}

// Giveaway draws the giveaway winner: a starred heading, the winner's name
// and the prize.
func (r *Renderer) Giveaway(winner, prize string) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	maxW := r.slots[RegionGiveaway].rect.Dx()
	padX, padY := r.px(20), r.px(14)
	inner := maxW - 2*padX
	// The star is not in Noto Sans: it comes from Noto Sans Symbols2 by
	// per-run fallback.
	hb := r.layoutText("★ "+r.words[wWinner].pick(0), textStyle{r.pxf(18), true, t.Accent}, inner, 1)
	wb := r.layoutText(winner, textStyle{r.pxf(32), true, t.Text}, inner, 1)
	var pb textBlock
	if prize != "" {
		pb = r.layoutText(r.phrase(wPrize, 0, "p", prize), textStyle{r.pxf(20), false, t.Muted}, inner, 1)
	}
	W := min(maxW, max(r.px(300), hb.width(), wb.width(), pb.width())+2*padX)
	H := padY + hb.height() + wb.height() + pb.height() + padY
	img := r.newPanel(image.Pt(W, H), r.pxf(16))
	r.strokeRound(img, img.Rect, r.pxf(16), math.Max(1, r.pxf(2.5)), t.Accent)
	y := padY
	for _, b := range []textBlock{hb, wb, pb} {
		r.drawText(img, b, r.mirror(image.Rect(padX, y, W-padX, y+b.height()), W), alignStart)
		y += b.height()
	}
	return r.placed(RegionGiveaway, img)
}
