package control

import (
	"net/http"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
)

// Rundown is the show's products in order (catalog.RundownCatalog, or
// the plain catalog). It may also know each product's host notes and FAQ
// (Notes) and its planned time on air (Planned).
type Rundown interface {
	Products() []show.Product
}

type rundownNotes interface {
	Notes(ref string) (notes string, faq []string)
}

type rundownPlan interface {
	Planned(ref string) time.Duration
}

// RundownItem is one product of GET /api/rundown. Notes and FAQ are for
// the host and the moderators only: they never go on air or to viewers.
type RundownItem struct {
	Position       int      `json:"position"` // 1-based
	SKU            string   `json:"sku,omitempty"`
	Handle         string   `json:"handle,omitempty"`
	Title          string   `json:"title"`
	Number         int      `json:"number,omitempty"` // the claim number viewers type
	PriceMinor     int64    `json:"price_minor"`
	Stock          int      `json:"stock"`
	PlannedMinutes float64  `json:"planned_minutes,omitempty"`
	Notes          string   `json:"notes,omitempty"`
	FAQ            []string `json:"faq,omitempty"`
}

// rundown answers GET /api/rundown: the products in the show's order with
// their planned minutes, notes and FAQ. A show without a catalog has an
// empty list.
func (s *Server) rundown(w http.ResponseWriter, _ *http.Request) {
	items := []RundownItem{}
	if s.Rundown != nil {
		notes, _ := s.Rundown.(rundownNotes)
		plan, _ := s.Rundown.(rundownPlan)
		for i, p := range s.Rundown.Products() {
			ref := p.Key()
			it := RundownItem{Position: i + 1, SKU: p.SKU, Handle: p.Handle, Title: p.Title, Number: p.Number,
				PriceMinor: p.PriceMinor, Stock: p.Stock}
			if notes != nil {
				it.Notes, it.FAQ = notes.Notes(ref)
			}
			if plan != nil {
				it.PlannedMinutes = plan.Planned(ref).Minutes()
			}
			items = append(items, it)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"products": items})
}
