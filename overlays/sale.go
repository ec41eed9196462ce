package overlays

import (
	"image"
	"image/color"
	"image/draw"
	"time"
)

// urgentTime is when the countdown turns red: the last ten seconds are
// when viewers decide.
const urgentTime = 10 * time.Second

// lowStock is the share of stock under which the bar turns red.
const lowStock = 0.2

// FlashSale draws the flash-sale panel: a heading, the countdown (mm:ss,
// red in the last 10 s), "7 of 50 left" and a stock bar; SOLD OUT at zero
// stock, ENDED when the time is up. Negative stock counts as zero, and a
// total below the stock is taken as the stock (the bar is full).
func (r *Renderer) FlashSale(remaining time.Duration, stock, total int) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	stock = max(stock, 0)
	total = max(total, stock)
	soldOut := stock == 0
	ended := remaining <= 0 && !soldOut
	urgent := remaining > 0 && remaining <= urgentTime && !soldOut

	W := min(r.px(dColW), r.slots[RegionSale].rect.Dx())
	H := r.px(dSaleH)
	pad := r.px(18)
	img := r.newPanel(image.Pt(W, H), r.pxf(18))
	if urgent {
		r.strokeRound(img, img.Rect, r.pxf(18), r.pxf(3), t.Sale)
	}

	// Countdown at the end of the first row.
	rowH := r.px(64)
	clockSt := textStyle{r.pxf(50), true, t.Text}
	switch {
	case urgent:
		clockSt.color = onColor(t.Sale)
	case soldOut || ended:
		clockSt.color = t.Muted
	}
	clock := r.layoutText(r.clock(remaining), clockSt, 0, 1)
	chipPad := r.px(10)
	cw := clock.width() + 2*chipPad
	chip := r.mirror(image.Rect(W-pad-cw, pad, W-pad, pad+rowH), W)
	if urgent {
		r.fillRound(img, chip, r.pxf(12), t.Sale, draw.Over)
	}
	r.drawText(img, clock, image.Rect(chip.Min.X, pad+(rowH-clock.lineH)/2, chip.Max.X, pad+(rowH-clock.lineH)/2+clock.lineH), alignCenter)

	// Heading with a lightning bolt at the start of the row.
	bolt := r.px(20)
	head, headColor := r.words[wFlashSale].pick(0), t.Accent
	if ended {
		head, headColor = r.words[wEnded].pick(0), t.Muted
	}
	hx := pad + bolt + r.px(8)
	hb := r.layoutText(head, textStyle{r.pxf(22), true, headColor}, W-hx-cw-pad-r.px(8), 1)
	r.drawBolt(img, r.mirror(image.Rect(pad, pad+(rowH-r.px(28))/2, pad+bolt, pad+(rowH+r.px(28))/2), W), headColor)
	r.drawText(img, hb, r.mirror(image.Rect(hx, pad+(rowH-hb.lineH)/2, W-pad-cw-r.px(8), pad+(rowH-hb.lineH)/2+hb.lineH), W), alignStart)

	// Stock line and bar.
	y := pad + rowH + r.px(6)
	var label textBlock
	if soldOut {
		label = r.layoutText(r.words[wSoldOut].pick(0), textStyle{r.pxf(24), true, t.Sale}, W-2*pad, 1)
	} else {
		label = r.layoutText(r.phrase(wLeft, stock, "n", r.num(stock), "total", r.num(total)), textStyle{r.pxf(24), false, t.Text}, W-2*pad, 1)
	}
	r.drawText(img, label, r.mirror(image.Rect(pad, y, W-pad, y+label.lineH), W), alignStart)
	y += label.lineH + r.px(8)
	barH := r.px(14)
	track := image.Rect(pad, y, W-pad, y+barH)
	r.fillRound(img, track, float64(barH)/2, withAlpha(t.Text, 0.18), draw.Over)
	if stock > 0 {
		frac := float64(stock) / float64(total)
		fill := t.Accent
		if frac <= lowStock {
			fill = t.Sale
		}
		fw := max(barH, int(float64(track.Dx())*frac+0.5))
		r.fillRound(img, r.mirror(image.Rect(pad, y, pad+fw, y+barH), W), float64(barH)/2, fill, draw.Over)
	}
	return r.placed(RegionSale, img)
}

// drawBolt draws a lightning bolt filling box.
func (r *Renderer) drawBolt(img *image.RGBA, box image.Rectangle, c color.RGBA) {
	// A bolt on a 10 x 14 grid.
	shape := []float64{6, 0, 0, 8, 4.2, 8, 3, 14, 10, 5.4, 5.8, 5.4, 8, 0}
	sx, sy := float64(box.Dx())/10, float64(box.Dy())/14
	pts := make([]float64, len(shape))
	for i := 0; i < len(shape); i += 2 {
		x := shape[i]
		if r.rtl {
			x = 10 - x
		}
		pts[i] = float64(box.Min.X) + x*sx
		pts[i+1] = float64(box.Min.Y) + shape[i+1]*sy
	}
	r.fillPolygon(img, pts, c)
}
