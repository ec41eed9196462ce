package platform

import "slices"

// StateChat is how many recent chat messages a State keeps.
const StateChat = 50

// State is the show as a viewer who joins now needs it: what is on sale,
// on air and in chat. The relay keeps one, folding in every event it
// takes, and sends it in a welcome that does not resume; a client can fold
// the events it reads into its own copy the same way.
type State struct {
	Catalog   []Product       `json:"catalog"`
	Pinned    string          `json:"pinned,omitempty"`
	Sale      *SaleStart      `json:"sale,omitempty"`
	Promo     *PromoDrop      `json:"promo,omitempty"`
	Coupon    *Coupon         `json:"coupon,omitempty"`
	Giveaway  *GiveawayResult `json:"giveaway,omitempty"`
	Viewers   int             `json:"viewers"`
	SlowModeS int             `json:"slow_mode_s"`
	// Chat holds the latest chat.message envelopes still standing, oldest
	// first, as the relay forwarded them (with seq and sender).
	Chat []Envelope `json:"chat"`
}

// Apply folds one event into the state. Events that change nothing a
// joiner sees (claims, reactions, timeouts) are ignored.
func (s *State) Apply(env Envelope, ev Event) {
	switch e := ev.(type) {
	case Catalog:
		s.Catalog = slices.Clone(e.Products)
	case ProductPin:
		s.Pinned = e.SKU
		if e.Product != nil {
			s.upsert(*e.Product)
		}
	case ProductUnpin:
		if e.SKU == "" || e.SKU == s.Pinned {
			s.Pinned = ""
		}
	case SaleStart:
		s.Sale = &e
		s.setStock(e.SKU, e.Stock)
	case SaleEnd:
		if s.Sale != nil && s.Sale.SaleID == e.SaleID {
			s.Sale = nil
		}
	case StockUpdate:
		s.setStock(e.SKU, e.Stock)
	case PromoDrop:
		s.Promo = &e
	case Coupon:
		s.Coupon = &e
	case GiveawayResult:
		s.Giveaway = &e
	case ViewersCount:
		s.Viewers = e.Count
	case ChatMode:
		s.SlowModeS = e.SlowModeS
	case ChatMessage:
		s.Chat = append(s.Chat, env)
		if n := len(s.Chat) - StateChat; n > 0 {
			s.Chat = slices.Delete(s.Chat, 0, n)
		}
	case ChatDelete:
		s.Chat = slices.DeleteFunc(s.Chat, func(m Envelope) bool { return m.ID == e.MessageID })
	case ChatBan:
		if e.DeleteMessages {
			s.Chat = slices.DeleteFunc(s.Chat, func(m Envelope) bool { return m.From != nil && m.From.Viewer == e.Viewer })
		}
	}
}

// Product finds a product of the catalog by SKU.
func (s *State) Product(sku string) (Product, bool) {
	for _, p := range s.Catalog {
		if p.SKU == sku {
			return p, true
		}
	}
	return Product{}, false
}

// Stock is what is left of a product, when known: the sale's count during
// its flash sale, else the catalog's.
func (s *State) Stock(sku string) (int, bool) {
	if s.Sale != nil && s.Sale.SKU == sku {
		return s.Sale.Stock, true
	}
	if p, ok := s.Product(sku); ok && p.Stock != nil {
		return *p.Stock, true
	}
	return 0, false
}

func (s *State) upsert(p Product) {
	for i := range s.Catalog {
		if s.Catalog[i].SKU == p.SKU {
			s.Catalog[i] = p
			return
		}
	}
	if len(s.Catalog) < MaxCatalog {
		s.Catalog = append(s.Catalog, p)
	}
}

func (s *State) setStock(sku string, n int) {
	for i := range s.Catalog {
		if s.Catalog[i].SKU == sku {
			s.Catalog[i].Stock = Int(n)
		}
	}
	if s.Sale != nil && s.Sale.SKU == sku {
		s.Sale.Stock = n
	}
}
