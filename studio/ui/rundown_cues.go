package ui

import (
	"sort"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
)

// CueRundown is the rundown a show file implies: the products its cues pin
// or put on sale, in the order the cues come, as the catalog has them. It
// stands in until the catalog store gives the rundown its own order.
type CueRundown struct {
	products []show.Product
	cat      show.Catalog
}

// NewCueRundown reads the rundown from f's cues; products the catalog does
// not know are left out (the show reports those cues when they run). A
// show file with [[rundown]] has its own order: the catalog gives it
// (catalog.RundownCatalog), with the host notes and planned minutes.
func NewCueRundown(f *show.File, c show.Catalog) *CueRundown {
	if all, ok := c.(Rundown); ok && len(f.Rundown) > 0 {
		return &CueRundown{products: all.Products(), cat: c}
	}
	type at struct {
		t   time.Duration
		ref string
	}
	var refs []at
	for _, cue := range f.Cues {
		if cue.Product == "" {
			continue
		}
		d, err := time.ParseDuration(cue.At)
		if err != nil {
			d = time.Duration(1<<63 - 1) // unknown times go last, in file order
		}
		refs = append(refs, at{d, cue.Product})
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].t < refs[j].t })
	r := &CueRundown{cat: c}
	seen := map[string]bool{}
	for _, x := range refs {
		p, err := c.Product(x.ref)
		if err != nil || seen[p.SKU+"/"+p.Handle] {
			continue
		}
		seen[p.SKU+"/"+p.Handle] = true
		r.products = append(r.products, p)
	}
	return r
}

// Products lists the rundown in order.
func (r *CueRundown) Products() []show.Product { return r.products }

// Notes are the catalog's host notes of a product, when it has them.
func (r *CueRundown) Notes(ref string) (string, []string) {
	if n, ok := r.cat.(HostNotes); ok {
		return n.Notes(ref)
	}
	return "", nil
}

// Planned is the catalog's planned time on air of a product, when it has one.
func (r *CueRundown) Planned(ref string) time.Duration {
	if p, ok := r.cat.(PlannedTime); ok {
		return p.Planned(ref)
	}
	return 0
}
