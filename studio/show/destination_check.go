package show

import (
	"fmt"
	"slices"
)

// CheckDestination validates d as one more [[destination]] of f, the way
// Validate checks the file's own: its canvas, its service preset (which
// fills the URL and the kind), its id, kind, URL and key fields. taken are
// ids already in use besides the file's (destinations added while the show
// runs). It returns d as filled in and any warnings; f is not changed.
func (f *File) CheckDestination(d Destination, taken ...string) (Destination, []string, error) {
	g := *f
	g.Warnings = nil
	g.Destinations = append(slices.Clone(f.Destinations), d)
	i := len(g.Destinations) - 1
	seen := map[string]bool{}
	for _, o := range f.Destinations {
		seen[o.ID] = true
	}
	for _, id := range taken {
		seen[id] = true
	}
	if err := g.validateCanvasRef(fmt.Sprintf("destination %q", d.ID), d.Canvas); err != nil {
		return d, nil, err
	}
	if err := g.applyService(i); err != nil {
		return d, nil, err
	}
	if err := validateDestination(i, g.Destinations[i], seen); err != nil {
		return d, nil, err
	}
	return g.Destinations[i], g.Warnings, nil
}
