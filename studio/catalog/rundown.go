package catalog

import (
	"fmt"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

// RundownCatalog is the show's catalog in the show's [[rundown]] order:
// the rundown's products first, as the host planned them, then every other
// product of the catalog in catalog order, so the host can still pin one
// that was not planned. It knows each rundown product's planned time and
// its host notes and FAQ (never on air). Lookups by SKU or handle are the
// ShowCatalog's.
type RundownCatalog struct {
	*ShowCatalog
	entries []RundownEntry
	byRef   map[string]int // SKU and handle → index in entries
	order   []show.Product
}

// RundownEntry is one resolved [[rundown]] entry.
type RundownEntry struct {
	Ref     string // as the show file names it
	Product show.Product
	Planned time.Duration // 0 when none was planned
	Notes   string
	FAQ     []string
}

// Key is the product's key in the store and the control API: its SKU, or
// its handle when it has none.
func (e RundownEntry) Key() string { return e.Product.Key() }

// NewRundownCatalog orders c by items. Entries whose product the catalog
// does not know, or that name a product an earlier entry already named (by
// its SKU and its handle), are left out; problem is then one line that
// names them all, for the log. The show goes on: a rundown is the host's
// plan, not something viewers see.
func NewRundownCatalog(c *ShowCatalog, items []show.RundownItem) (r *RundownCatalog, problem string) {
	r = &RundownCatalog{ShowCatalog: c, byRef: map[string]int{}}
	var unknown, twice []string
	inRundown := map[string]bool{} // handles
	for _, it := range items {
		p, err := c.Product(it.Product)
		if err != nil {
			unknown = append(unknown, fmt.Sprintf("%q", it.Product))
			continue
		}
		key := p.SKU + "\x00" + p.Handle
		if _, dup := r.byRef[key]; dup {
			twice = append(twice, fmt.Sprintf("%q", it.Product))
			continue
		}
		i := len(r.entries)
		r.entries = append(r.entries, RundownEntry{Ref: it.Product, Product: p, Planned: it.Planned(),
			Notes: it.Notes, FAQ: it.FAQ})
		r.byRef[key] = i
		if p.SKU != "" {
			r.byRef[p.SKU] = i
		}
		if _, ok := r.byRef[p.Handle]; !ok && p.Handle != "" {
			r.byRef[p.Handle] = i
		}
		r.byRef[it.Product] = i
		inRundown[p.Handle] = true
		r.order = append(r.order, p)
	}
	for _, p := range c.Products() {
		if !inRundown[p.Handle] {
			r.order = append(r.order, p)
		}
	}
	var parts []string
	if len(unknown) > 0 {
		parts = append(parts, "not in the catalog: "+strings.Join(unknown, ", "))
	}
	if len(twice) > 0 {
		parts = append(parts, "the same product as an earlier entry: "+strings.Join(twice, ", "))
	}
	if len(parts) > 0 {
		problem = fmt.Sprintf("rundown: %d of %d entries left out (%s)", len(unknown)+len(twice), len(items),
			strings.Join(parts, "; "))
	}
	return r, problem
}

// Products lists the rundown's products, then the rest of the catalog.
func (r *RundownCatalog) Products() []show.Product { return r.order }

// Entries are the rundown's products in order, with their plan and notes.
func (r *RundownCatalog) Entries() []RundownEntry { return r.entries }

func (r *RundownCatalog) entry(ref string) (RundownEntry, bool) {
	if i, ok := r.byRef[ref]; ok && ref != "" {
		return r.entries[i], true
	}
	return RundownEntry{}, false
}

// Notes are the host notes and FAQ of the product with SKU or handle ref;
// empty for a product not in the rundown.
func (r *RundownCatalog) Notes(ref string) (notes string, faq []string) {
	e, _ := r.entry(ref)
	return e.Notes, e.FAQ
}

// Planned is the product's planned time on air; 0 when not planned.
func (r *RundownCatalog) Planned(ref string) time.Duration {
	e, _ := r.entry(ref)
	return e.Planned
}

// StoreEntries is the rundown as the store keeps it for a show.
func (r *RundownCatalog) StoreEntries() []store.RundownEntry {
	out := make([]store.RundownEntry, len(r.entries))
	for i, e := range r.entries {
		out[i] = store.RundownEntry{Position: i + 1, Product: e.Key(), Title: e.Product.Title,
			Planned: e.Planned, Notes: e.Notes, FAQ: e.FAQ}
	}
	return out
}
