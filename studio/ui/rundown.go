package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio/show"
)

// RundownPane is the show's products in order, with the selling controls:
// Pin, Unpin, Next product, Flash sale and Drop promo, and the pinned
// product's host notes, which never go on air.
type RundownPane struct {
	List      *widget.List
	Pin       *widget.Button
	Unpin     *widget.Button
	Next      *widget.Button
	FlashSale *widget.Button
	Promo     *widget.Button
	Notes     *widget.Label
	OnAir     *widget.Label // the pinned product's planned and elapsed time
	Hint      *widget.Label
	Box       fyne.CanvasObject

	seller   Seller // nil until the engine has selling commands
	products []show.Product
	notes    HostNotes
	plan     PlannedTime
	currency string
	selected int
	pinned   string // SKU on air
	pinnedAt time.Time
	now      func() time.Time
	run      Commands
	win      func() fyne.Window
	form     *openForm  // the flash sale or promo form last opened
	sale     *flashSale // the running flash sale (rundown_sale.go)
}

// NewRundownPane builds the rundown from r's products; seller may be nil,
// and then the controls are shown disabled with the reason.
func NewRundownPane(seller Seller, r Rundown, currency string, run Commands, win func() fyne.Window) *RundownPane {
	p := &RundownPane{seller: seller, currency: currency, selected: -1, run: run.orDefault(), win: win, now: time.Now}
	if r != nil {
		p.products = r.Products()
		p.notes, _ = r.(HostNotes)
		p.plan, _ = r.(PlannedTime)
	}
	p.List = widget.NewList(func() int { return len(p.products) }, p.newRow, p.updateRow)
	p.List.OnSelected = func(id widget.ListItemID) { p.selected = id; p.showNotes() }
	p.Pin = widget.NewButton(tr("Pin"), p.PinSelected)
	p.Pin.Importance = widget.HighImportance
	p.Unpin = widget.NewButton(tr("Unpin"), p.UnpinNow)
	p.Next = widget.NewButton(tr("Next product"), p.PinNext)
	p.FlashSale = widget.NewButton(tr("Flash sale…"), p.AskFlashSale)
	p.Promo = widget.NewButton(tr("Drop promo…"), p.AskPromo)
	p.Notes = widget.NewLabel("")
	p.Notes.Wrapping = fyne.TextWrapWord
	p.OnAir = widget.NewLabel("")
	p.OnAir.Hide()
	p.Hint = widget.NewLabel("")
	p.Hint.Wrapping = fyne.TextWrapWord
	switch {
	case seller == nil:
		p.Hint.SetText(tr("Selling controls arrive with the selling overlays."))
		for _, b := range []*widget.Button{p.Pin, p.Unpin, p.Next, p.FlashSale, p.Promo} {
			b.Disable()
		}
	case len(p.products) == 0:
		p.Hint.SetText(tr("No products yet: import a catalog with `vitrina products import`."))
	}
	// One button a row: the pane stays narrow in every language, and the
	// preview keeps the width. The notes scroll, so a long FAQ never makes
	// the window taller than the screen.
	controls := container.NewVBox(p.Pin, p.Unpin, p.Next, p.FlashSale, p.Promo)
	notes := container.NewBorder(
		widget.NewLabelWithStyle(tr("Host notes (not on air)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, container.NewVScroll(p.Notes))
	split := container.NewVSplit(container.NewBorder(nil, container.NewVBox(p.OnAir, p.Hint), nil, nil, p.List), notes)
	split.Offset = 0.65
	title := widget.NewLabelWithStyle(tr("Rundown"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.Box = container.NewBorder(title, controls, nil, nil, split)
	return p
}

func (p *RundownPane) newRow() fyne.CanvasObject {
	img := canvas.NewImageFromResource(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(40, 40))
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel("")
	return container.NewBorder(nil, nil, img, nil, container.NewVBox(title, info))
}

func (p *RundownPane) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.products) {
		return
	}
	pr := p.products[id]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	img := row.Objects[1].(*canvas.Image)
	name := pr.Title
	if pr.Number > 0 {
		name = fmt.Sprintf("#%d  %s", pr.Number, name)
	}
	if pr.SKU == p.pinned {
		name = "● " + name
	}
	text.Objects[0].(*widget.Label).SetText(name)
	info := p.saleText(pr.Key(), p.now())
	if info == "" {
		info = fmt.Sprintf("%s · %s", money(pr.PriceMinor, p.currency), tr("{{.N}} in stock", map[string]any{"N": pr.Stock}))
	}
	text.Objects[1].(*widget.Label).SetText(info)
	if len(pr.Images) > 0 && img.File != pr.Images[0] {
		img.File = pr.Images[0]
		img.Refresh()
	}
}

func money(minor int64, currency string) string {
	s := fmt.Sprintf("%d.%02d", minor/100, abs(minor%100))
	if currency != "" {
		s += " " + currency
	}
	return s
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Selected is the product the controls act on: the selected row, else the
// pinned one.
func (p *RundownPane) Selected() (show.Product, bool) {
	if p.selected >= 0 && p.selected < len(p.products) {
		return p.products[p.selected], true
	}
	for _, pr := range p.products {
		if pr.SKU == p.pinned {
			return pr, true
		}
	}
	return show.Product{}, false
}

// PinSelected puts the selected product on air.
func (p *RundownPane) PinSelected() {
	pr, ok := p.Selected()
	if !ok || p.seller == nil {
		return
	}
	p.run(func(ctx context.Context) error { return p.seller.Pin(ctx, pr.Key()) })
}

// UnpinNow takes the product card off air.
func (p *RundownPane) UnpinNow() {
	if p.seller != nil {
		p.run(func(ctx context.Context) error { return p.seller.Unpin(ctx) })
	}
}

// PinNext selects and pins the product after the pinned (or selected) one.
func (p *RundownPane) PinNext() {
	if len(p.products) == 0 || p.seller == nil {
		return
	}
	i := p.selected
	for j, pr := range p.products {
		if pr.SKU == p.pinned && p.pinned != "" {
			i = j
		}
	}
	i = (i + 1) % len(p.products)
	p.List.Select(i)
	p.PinSelected()
}

// TitleOf is the title of the rundown's product ref (SKU, else handle),
// or ref itself when the rundown does not list it.
func (p *RundownPane) TitleOf(ref string) string {
	for _, pr := range p.products {
		if pr.Key() == ref && pr.Title != "" {
			return pr.Title
		}
	}
	return ref
}

// Apply follows a selling event: Subject pin, unpin, flash_sale, stock or
// promo; State the SKU (stock: "SKU=n").
func (p *RundownPane) Apply(subject, state string) {
	switch subject {
	case "pin":
		if state != p.pinned {
			p.pinnedAt = p.now()
		}
		p.pinned = state
	case "unpin":
		p.pinned = ""
	case "stock":
		sku, n, _ := strings.Cut(state, "=")
		if v, err := strconv.Atoi(n); err == nil {
			for i := range p.products {
				if p.products[i].SKU == sku {
					p.products[i].Stock = v
				}
			}
			p.saleStock(sku, v)
		}
	}
	p.List.Refresh()
	p.showNotes()
	p.Tick(p.now())
}

// Pinned is the SKU on air, "" when none.
func (p *RundownPane) Pinned() string { return p.pinned }

func (p *RundownPane) showNotes() {
	text := ""
	if pr, ok := p.Selected(); ok && p.notes != nil {
		notes, faq := p.notes.Notes(pr.Key())
		text = notes
		for _, q := range faq {
			text += "\n• " + q
		}
	}
	if p.Notes.Text != text {
		p.Notes.SetText(text)
	}
}

// PlannedTime is what a Rundown may also know: how long each product is
// planned on air (0 when not planned).
type PlannedTime interface {
	Planned(ref string) time.Duration
}

// Tick shows how long the pinned product has been on air, beside its
// planned time: "Planned 5 min · on air 3:12", in red once over. The
// window's clock calls it each second.
func (p *RundownPane) Tick(now time.Time) {
	p.tickSale(now)
	if p.pinned == "" {
		if p.OnAir.Visible() {
			p.OnAir.Hide()
		}
		return
	}
	elapsed := clockText(now.Sub(p.pinnedAt))
	var planned time.Duration
	if p.plan != nil {
		planned = p.plan.Planned(p.pinned)
	}
	text := tr("On air {{.OnAir}}", map[string]any{"OnAir": elapsed})
	importance := widget.MediumImportance
	if planned > 0 {
		text = tr("Planned {{.Planned}} min · on air {{.OnAir}}", map[string]any{
			"Planned": strconv.FormatFloat(planned.Minutes(), 'f', -1, 64), "OnAir": elapsed})
		if now.Sub(p.pinnedAt) > planned {
			importance = widget.DangerImportance
		}
	}
	if p.OnAir.Text != text || p.OnAir.Importance != importance {
		p.OnAir.Importance = importance
		p.OnAir.SetText(text)
	}
	if !p.OnAir.Visible() {
		p.OnAir.Show()
	}
}

// clockText is m:ss, or h:mm:ss from an hour.
func clockText(d time.Duration) string {
	s := int64(max(d, 0) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
