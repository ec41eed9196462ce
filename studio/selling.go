package studio

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Layer order of the selling overlays: the card under the badges.
const (
	zCard = 10 + iota
	zLowerThird
	zSale
	zPromo
	zBadges
)

// sale is a running flash sale. Its end is fixed by the frame it first
// showed on, so the countdown viewers see is exact to the frame.
type sale struct {
	product  show.Product
	price    int64
	stock    int
	total    int
	duration time.Duration
	start    time.Duration // PTS of its first frame; -1 until then
}

// selling is the live state of the show's selling overlays. It is changed
// only on the engine loop; the overlay renders read it under the driver's
// lock through closures.
type selling struct {
	pinned *show.Product
	sale   *sale
}

// Pin puts a product's card on air (and the disclosure tag with a sponsored
// one); a product pinned before is replaced.
func (s *Studio) Pin(ctx context.Context, ref string) error {
	return s.sellingDo(ctx, func() error {
		p, err := s.product(ref)
		if err != nil {
			return err
		}
		s.sell.pinned = &p
		s.showCard()
		if p.Sponsored {
			s.overlays.show("disclosure", zBadges, image.Pt(0, -16), 0, s.static("disclosure", func() overlays.Placed {
				return s.render.Disclosure(disclosureText(s.cfg.Show.Show.Locale))
			}))
		} else {
			s.overlays.hide("disclosure")
		}
		s.events.publish(Event{Kind: EventSelling, Subject: "pin", State: p.SKU})
		s.log.Info("pinned", "product", p.SKU, "title", p.Title)
		return nil
	})
}

// Unpin takes the card (and the disclosure tag) off.
func (s *Studio) Unpin(ctx context.Context) error {
	return s.sellingDo(ctx, func() error {
		s.sell.pinned = nil
		s.overlays.hide("card")
		s.overlays.hide("disclosure")
		s.events.publish(Event{Kind: EventSelling, Subject: "unpin"})
		s.log.Info("unpinned")
		return nil
	})
}

// StartFlashSale runs a countdown with a stock bar for one product, at a
// sale price; the pinned card shows the sale price against the usual one.
func (s *Studio) StartFlashSale(ctx context.Context, ref string, priceMinor int64, stock int, d time.Duration) error {
	return s.sellingDo(ctx, func() error {
		p, err := s.product(ref)
		if err != nil {
			return err
		}
		sl := &sale{product: p, price: priceMinor, stock: stock, total: stock, duration: d, start: -1}
		s.sell.sale = sl
		// The clock stays at 0:00 for a moment after the end, then leaves.
		s.overlays.show("sale", zSale, image.Pt(16, 0), d+3*time.Second, func(pts time.Duration) (overlays.Placed, string) {
			if sl.start < 0 {
				sl.start = pts
			}
			left := max(0, sl.start+sl.duration-pts)
			// mm:ss counts whole seconds up: 4:59.2 left shows 5:00 until
			// it drops below 4:59 — the way sale clocks read.
			secs := int((left + time.Second - 1) / time.Second)
			return s.render.FlashSale(time.Duration(secs)*time.Second, sl.stock, sl.total), strconv.Itoa(secs) + "/" + strconv.Itoa(sl.stock)
		})
		s.showCard()
		s.events.publish(Event{Kind: EventSelling, Subject: "flash_sale", State: p.SKU})
		s.log.Info("flash sale", "product", p.SKU, "price_minor", priceMinor, "stock", stock, "duration", d)
		return nil
	})
}

// SetStock changes a product's stock; a running flash sale's bar follows.
func (s *Studio) SetStock(ctx context.Context, ref string, stock int) error {
	return s.sellingDo(ctx, func() error {
		p, err := s.product(ref)
		if err != nil {
			return err
		}
		if sl := s.sell.sale; sl != nil && sl.product.SKU == p.SKU {
			s.overlays.mu.Lock() // the sale's render reads it on the compose goroutine
			sl.stock, sl.total = stock, max(sl.total, stock)
			s.overlays.mu.Unlock()
		}
		s.events.publish(Event{Kind: EventSelling, Subject: "stock", State: fmt.Sprintf("%s=%d", p.SKU, stock)})
		s.log.Info("stock", "product", p.SKU, "stock", stock)
		return nil
	})
}

// DropPromo shows a promo code for showFor.
func (s *Studio) DropPromo(ctx context.Context, code, discount string, valid, showFor time.Duration) error {
	return s.sellingDo(ctx, func() error {
		s.overlays.show("promo", zPromo, image.Pt(24, 0), showFor, s.static("promo:"+code, func() overlays.Placed {
			return s.render.Promo(code, discount, valid)
		}))
		s.events.publish(Event{Kind: EventSelling, Subject: "promo", State: code})
		s.log.Info("promo code dropped", "code", code, "discount", discount, "show_for", showFor)
		return nil
	})
}

// Banner shows one of the text overlays (coupon, lower third, giveaway).
func (s *Studio) Banner(ctx context.Context, role string, showFor time.Duration, draw func() overlays.Placed) error {
	return s.sellingDo(ctx, func() error {
		z := zLowerThird
		if role == "coupon" {
			z = zPromo
		}
		s.overlays.show(role, z, image.Pt(0, 24), showFor, s.static(role+strconv.FormatInt(time.Now().UnixNano(), 10), draw))
		s.events.publish(Event{Kind: EventSelling, Subject: role})
		s.log.Info("overlay", "overlay", role, "show_for", showFor)
		return nil
	})
}

// showCard (re)draws the pinned product's card: at the sale price while a
// flash sale for it runs.
func (s *Studio) showCard() {
	if s.sell.pinned == nil {
		return
	}
	p := *s.sell.pinned
	card := s.productCard(p)
	key := "card:" + p.SKU
	if sl := s.sell.sale; sl != nil && sl.product.SKU == p.SKU {
		card.CompareAtMinor = max(p.PriceMinor, p.CompareAtMinor)
		card.PriceMinor = sl.price
		key += ":sale"
	}
	slide := image.Pt(-48, 0)
	if s.cfg.Show.Video.Height > s.cfg.Show.Video.Width {
		slide = image.Pt(0, 48) // vertical: the card rises from the bottom
	}
	s.overlays.show("card", zCard, slide, 0, s.static(key, func() overlays.Placed {
		placed, warnings := s.render.Card(card)
		for _, w := range warnings {
			s.log.Warn("product card", "product", p.SKU, "warning", w)
		}
		return placed
	}))
}

func (s *Studio) productCard(p show.Product) overlays.Product {
	c := overlays.Product{
		Title: p.Title, PriceMinor: p.PriceMinor, CompareAtMinor: p.CompareAtMinor,
		Currency: s.cfg.Show.Show.Currency, Specs: p.Specs, Link: p.Link, Sponsored: p.Sponsored,
	}
	if p.Number > 0 {
		c.Keyword = strconv.Itoa(p.Number)
	}
	if len(p.Images) > 0 {
		c.Photo = p.Images[0]
	}
	return c
}

// static wraps content that does not change while shown: it is drawn once.
func (s *Studio) static(key string, draw func() overlays.Placed) func(time.Duration) (overlays.Placed, string) {
	var placed overlays.Placed
	return func(time.Duration) (overlays.Placed, string) {
		if placed.Img == nil {
			placed = draw()
		}
		return placed, key
	}
}

func (s *Studio) product(ref string) (show.Product, error) {
	if s.cfg.Catalog == nil {
		return show.Product{}, fmt.Errorf("%w: product %q: the show has no catalog ([show] catalog)", ErrBadInput, ref)
	}
	p, err := s.cfg.Catalog.Product(ref)
	if err != nil {
		return show.Product{}, fmt.Errorf("%w: product %q: %v", ErrBadInput, ref, err)
	}
	return p, nil
}

func disclosureText(locale string) string {
	if t, ok := map[string]string{"lv": "Apmaksāta sadarbība", "ru": "Реклама", "zh": "付费合作", "ar": "شراكة مدفوعة"}[locale]; ok {
		return t
	}
	return "Paid partnership"
}
