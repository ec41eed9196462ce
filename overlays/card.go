package overlays

import (
	"fmt"
	"image"
	"image/draw"
	"math"
)

// Product is what a card shows. Prices are in minor units of Currency
// (cents for USD and EUR, yen for JPY), as the catalog keeps them.
type Product struct {
	Title          string
	PriceMinor     int64
	CompareAtMinor int64    // the old price; shown struck through when above PriceMinor
	Currency       string   // ISO 4217, e.g. "EUR"
	Specs          []string // up to 3 are shown, one line each
	Keyword        string   // what viewers type to claim it: "12" shows "Type 12 to buy"
	Photo          string   // file path: JPEG, PNG or WebP
	Link           string   // shown as a QR code when set
	Sponsored      bool     // adds a "Sponsored" tag (the disclosure overlay is separate)
}

// maxSpecs is how many specs a card has room for.
const maxSpecs = 3

// Card draws a product card for the card region. Problems that still leave
// a usable card (a missing or corrupt photo, an unknown currency, a link
// too long for a QR code, characters no font has) come back as warnings,
// one line each; the card is drawn without the part that failed.
func (r *Renderer) Card(p Product) (Placed, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var warn []string
	t := r.theme
	slot := r.slots[RegionCard]
	W := r.px(dCardW)
	if slot.hAlign == 0 { // vertical canvas: the full width of the safe area
		W = slot.rect.Dx()
	}
	pad, gap := r.px(20), r.px(6)

	// The photo and QR column's width is known before the text is laid
	// out; its height follows the text.
	colW := 0
	var photo *photoEntry
	if p.Photo != "" {
		var err error
		if photo, err = r.photos.open(p.Photo); err != nil {
			warn = append(warn, "photo: "+err.Error())
		}
	}
	switch {
	case photo != nil:
		colW = r.px(200)
	case p.Link != "":
		colW = r.px(130)
	}
	tx := pad
	if colW > 0 {
		tx += colW + r.px(20)
	}
	tw := W - tx - pad

	// Text rows, top to bottom.
	title := r.layoutText(p.Title, textStyle{r.pxf(31), true, t.Text}, tw, 2)
	if title.dropped > 0 {
		warn = append(warn, fmt.Sprintf("title: %d character(s) that no shipped font has were left out", title.dropped))
	}
	price, err := r.FormatPrice(p.PriceMinor, p.Currency)
	if err != nil {
		warn = append(warn, "price: "+err.Error())
	}
	priceSt := textStyle{r.pxf(42), true, t.Accent}
	priceB := r.layoutText(price, priceSt, tw, 1)
	var oldB, pillB textBlock
	if p.CompareAtMinor > p.PriceMinor {
		old, _ := r.FormatPrice(p.CompareAtMinor, p.Currency)
		oldB = r.layoutText(old, textStyle{r.pxf(24), false, t.Muted}, tw, 1)
		if pct := discountPercent(p.PriceMinor, p.CompareAtMinor); pct > 0 {
			pillB = r.layoutText(r.phrase(wOff, pct, "n", r.num(pct)), textStyle{r.pxf(20), true, onColor(t.Sale)}, tw, 1)
		}
	}
	pillPad, pillH := r.px(10), r.px(34)
	pillW := 0
	if len(pillB.lines) > 0 {
		pillW = pillB.width() + 2*pillPad
	}
	itemGap := r.px(12)
	oneRow := priceB.width()+itemGap+oldB.width()+itemGap+pillW <= tw
	specs := p.Specs
	if len(specs) > maxSpecs {
		specs = specs[:maxSpecs]
	}
	bullet := r.px(16)
	var specBs []textBlock
	for _, s := range specs {
		specBs = append(specBs, r.layoutText(s, textStyle{r.pxf(21), false, t.Text}, tw-bullet, 1))
	}
	kwSt := textStyle{r.pxf(21), true, onColor(t.Accent)}
	kwPad, kwH := r.px(16), r.px(38)
	var kwB, sponB textBlock
	if p.Keyword != "" {
		kwB = r.layoutText(r.phrase(wTypeToBuy, 0, "k", p.Keyword), kwSt, tw-2*kwPad, 1)
	}
	if p.Sponsored {
		sponB = r.layoutText(r.words[wSponsored].pick(0), textStyle{r.pxf(17), false, t.Muted}, tw/2, 1)
	}

	H := pad + title.height() + gap + priceB.lineH
	if !oneRow && (len(oldB.lines) > 0 || pillW > 0) {
		H += pillH
	}
	if len(specBs) > 0 {
		H += gap + len(specBs)*lineHeight(r.pxf(21))
	}
	if len(kwB.lines) > 0 || len(sponB.lines) > 0 {
		H += r.px(10) + kwH
	}
	H += pad
	if colW > 0 {
		H = max(H, r.px(180)+2*pad)
	}
	H = min(H, slot.rect.Dy())

	img := r.newPanel(image.Pt(W, H), r.pxf(22))
	// The photo (or QR alone) column, cropped to fill it.
	if colW > 0 {
		col := image.Rect(pad, pad, pad+colW, H-pad)
		photoDrawn := photo != nil
		if photoDrawn {
			rounded := func(w, h int) *image.Alpha { return r.roundMask(w, h, r.pxf(14)) }
			draw.Draw(img, r.mirror(col, W), photo.fit(col.Dx(), col.Dy(), rounded), image.Point{}, draw.Over)
		}
		if p.Link != "" {
			// On the photo's bottom end corner, or alone and centred in the
			// column when there is no photo.
			side := min(col.Dx(), col.Dy())
			if photoDrawn {
				side = r.px(116)
			}
			tile, err := r.qrTile(p.Link, side)
			if err != nil {
				warn = append(warn, err.Error())
			} else {
				ts := tile.Rect.Size()
				at := image.Rectangle{Max: ts}.Add(col.Min.Add(col.Size().Sub(ts).Div(2)))
				if photoDrawn {
					in := r.px(8)
					at = image.Rectangle{Min: col.Max.Sub(ts).Sub(image.Pt(in, in)), Max: col.Max.Sub(image.Pt(in, in))}
				}
				draw.Draw(img, r.mirror(at, W), tile, image.Point{}, draw.Over)
			}
		}
	}

	y := pad
	r.drawText(img, title, r.mirror(image.Rect(tx, y, tx+tw, y+title.height()), W), alignStart)
	y += title.height() + gap
	// Price row: price, old price struck through, discount pill, on one
	// baseline (or the last two on a row of their own when too wide).
	baseline := y + baseOffset(priceSt.size, priceB.lineH)
	x := tx
	r.drawText(img, priceB, r.mirror(image.Rect(x, y, x+priceB.width(), y+priceB.lineH), W), alignStart)
	x += priceB.width() + itemGap
	rowMid := y + priceB.lineH/2
	if !oneRow && (len(oldB.lines) > 0 || pillW > 0) {
		y += priceB.lineH
		x, rowMid = tx, y+pillH/2
		baseline = rowMid + baseOffset(oldB.st.size, oldB.lineH) - oldB.lineH/2
	}
	if len(oldB.lines) > 0 {
		top := baseline - baseOffset(oldB.st.size, oldB.lineH)
		box := r.mirror(image.Rect(x, top, x+oldB.width(), top+oldB.lineH), W)
		r.drawText(img, oldB, box, alignStart)
		// The strike sits at the middle of the lower-case letters.
		sy := float64(baseline) - 0.3*oldB.st.size
		th := math.Max(1, oldB.st.size/12)
		strike := image.Rect(box.Min.X-r.px(2), int(math.Round(sy-th/2)), box.Max.X+r.px(2), int(math.Round(sy+th/2)))
		r.fillRound(img, strike, 0, t.Muted, draw.Over)
		x += oldB.width() + itemGap
	}
	if pillW > 0 {
		pill := image.Rect(x, rowMid-pillH/2, x+pillW, rowMid-pillH/2+pillH)
		pr := r.mirror(pill, W)
		r.fillRound(img, pr, r.pxf(8), t.Sale, draw.Over)
		r.drawText(img, pillB, image.Rect(pr.Min.X, rowMid-pillB.lineH/2, pr.Max.X, rowMid-pillB.lineH/2+pillB.lineH), alignCenter)
	}
	if !oneRow && (len(oldB.lines) > 0 || pillW > 0) {
		y += pillH
	} else {
		y += priceB.lineH
	}
	// Specs, each after an accent dot.
	if len(specBs) > 0 {
		y += gap
		lh := lineHeight(r.pxf(21))
		for _, b := range specBs {
			cx := float64(tx) + r.pxf(4)
			if r.rtl {
				cx = float64(W) - cx
			}
			r.fillCircle(img, cx, float64(y)+float64(lh)/2, r.pxf(3.5), t.Accent)
			r.drawText(img, b, r.mirror(image.Rect(tx+bullet, y, tx+tw, y+lh), W), alignStart)
			y += lh
		}
	}
	// The claim keyword in an accent pill; the sponsored tag at the row's end.
	if len(kwB.lines) > 0 || len(sponB.lines) > 0 {
		y += r.px(10)
		if len(kwB.lines) > 0 {
			pill := r.mirror(image.Rect(tx, y, tx+kwB.width()+2*kwPad, y+kwH), W)
			r.fillRound(img, pill, float64(kwH)/2, t.Accent, draw.Over)
			r.drawText(img, kwB, image.Rect(pill.Min.X, y+(kwH-kwB.lineH)/2, pill.Max.X, y+(kwH-kwB.lineH)/2+kwB.lineH), alignCenter)
		}
		if len(sponB.lines) > 0 {
			r.drawText(img, sponB, r.mirror(image.Rect(tx, y+(kwH-sponB.lineH)/2, tx+tw, y+(kwH-sponB.lineH)/2+sponB.lineH), W), alignEnd)
		}
	}
	return r.placed(RegionCard, img), warn
}

// baseOffset is where drawLine puts the baseline in a line of height
// lineH, so texts of different sizes can share one.
func baseOffset(size float64, lineH int) int {
	return int(math.Round(float64(lineH)/2 + 0.36*size))
}

// Prefetch draws p's card once and drops it, so its photo is decoded and
// scaled, its QR code made and its glyphs rasterized before the card goes
// on air: the first Card of a product with a large photo can take tens of
// milliseconds, too long for a compose goroutine at 30 fps. Call it from
// the engine loop when a product is about to be pinned; it returns the
// same warnings Card would.
func (r *Renderer) Prefetch(p Product) []string {
	_, warn := r.Card(p)
	return warn
}
