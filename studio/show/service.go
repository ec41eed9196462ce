package show

import (
	"fmt"
	"net/url"

	"github.com/vitrina-live/vitrina/studio/service"
)

// applyService fills a destination from its platform preset: the ingest URL
// when the file leaves it out, the kind from the URL's scheme, and a warning
// when the video bit rate is above what the platform recommends.
func (f *File) applyService(i int) error {
	d := &f.Destinations[i]
	if d.Service == "" {
		return nil
	}
	where := fmt.Sprintf("destination %q", d.ID)
	p, err := service.Lookup(d.Service)
	if err != nil {
		return bad("%s: service: %v", where, err)
	}
	if d.URL == "" {
		if p.URL == "" {
			return bad("%s: service %q has no fixed ingest: give its url (%s)", where, p.Name, p.Note)
		}
		d.URL = p.URL
	}
	u, err := url.Parse(d.URL)
	if err != nil || u.Host == "" {
		return bad("%s: url is not a valid URL", where)
	}
	if d.Kind == "" {
		d.Kind = u.Scheme
	}
	if !p.Accepts(u.Scheme) {
		return bad("%s: %s takes %v, not %s://", where, p.Name, p.Schemes, u.Scheme)
	}
	// The canvas it streams sets the bit rate; "720p" is the short side,
	// so a 720x1280 phone canvas counts as 720p.
	c, _ := f.canvas(f.CanvasOf(*d))
	lines := min(c.Width, c.Height)
	if max := p.MaxKbps(lines); max > 0 && c.BitrateKbps > max {
		f.Warnings = append(f.Warnings, fmt.Sprintf("destination %q: video.bitrate_kbps %d is above %s's recommended %d kb/s at %dp",
			d.ID, c.BitrateKbps, p.Name, max, lines))
	}
	return nil
}
