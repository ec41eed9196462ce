package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio/show"
)

// AskFlashSale opens the flash sale form for the selected product: price,
// stock and duration, filled with a 20% discount, 20 pieces and 5 minutes.
func (p *RundownPane) AskFlashSale() {
	pr, ok := p.Selected()
	if !ok || p.seller == nil || p.win == nil {
		return
	}
	price := widget.NewEntry()
	price.SetText(money(pr.PriceMinor*8/10, ""))
	stock := widget.NewEntry()
	stock.SetText(strconv.Itoa(min(20, max(pr.Stock, 1))))
	dur := widget.NewEntry()
	dur.SetText("5m")
	items := []*widget.FormItem{
		widget.NewFormItem(tr("Sale price"), price),
		widget.NewFormItem(tr("Pieces"), stock),
		widget.NewFormItem(tr("Duration"), dur),
	}
	submit := func(ok bool) {
		if !ok {
			return
		}
		minor, err1 := parseMoney(price.Text)
		n, err2 := strconv.Atoi(strings.TrimSpace(stock.Text))
		length, err3 := time.ParseDuration(strings.TrimSpace(dur.Text))
		if err := errors.Join(err1, err2, err3); err != nil {
			dialog.ShowError(err, p.win())
			return
		}
		p.run(func(ctx context.Context) error { return p.seller.StartFlashSale(ctx, pr.Key(), minor, n, length) })
	}
	p.form = &openForm{Entries: []*widget.Entry{price, stock, dur}, Submit: submit}
	d := dialog.NewForm(tr("Flash sale: {{.Title}}", map[string]any{"Title": pr.Title}), tr("Start"), tr("Cancel"), items, submit, p.win())
	d.Resize(fyne.NewSize(420, 260))
	d.Show()
}

// AskPromo opens the promo code form: code, discount, how long it is valid
// and how long it stays on screen.
func (p *RundownPane) AskPromo() {
	if p.seller == nil || p.win == nil {
		return
	}
	code := widget.NewEntry()
	code.SetPlaceHolder("LIVE10")
	discount := widget.NewEntry()
	discount.SetPlaceHolder("10%")
	valid := widget.NewEntry()
	valid.SetText("15m")
	showFor := widget.NewEntry()
	showFor.SetText("20s")
	items := []*widget.FormItem{
		widget.NewFormItem(tr("Code"), code),
		widget.NewFormItem(tr("Discount"), discount),
		widget.NewFormItem(tr("Valid for"), valid),
		widget.NewFormItem(tr("On screen for"), showFor),
	}
	submit := func(ok bool) {
		if !ok {
			return
		}
		v, err1 := time.ParseDuration(strings.TrimSpace(valid.Text))
		s, err2 := time.ParseDuration(strings.TrimSpace(showFor.Text))
		if err := errors.Join(err1, err2); err != nil {
			dialog.ShowError(err, p.win())
			return
		}
		c, disc := strings.TrimSpace(code.Text), strings.TrimSpace(discount.Text)
		p.run(func(ctx context.Context) error { return p.seller.DropPromo(ctx, c, disc, v, s) })
	}
	p.form = &openForm{Entries: []*widget.Entry{code, discount, valid, showFor}, Submit: submit}
	d := dialog.NewForm(tr("Drop a promo code"), tr("Drop"), tr("Cancel"), items, submit, p.win())
	d.Resize(fyne.NewSize(420, 300))
	d.Show()
}

// openForm is the form last opened, its entries in order, so tests can
// fill and submit it as the user would.
type openForm struct {
	Entries []*widget.Entry
	Submit  func(bool)
}

// parseMoney reads "12.99" (or "12,99") into minor units.
func parseMoney(s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, errors.New(tr("price: {{.S}} is not an amount", map[string]any{"S": s}))
	}
	return show.MinorUnits(f), nil
}
