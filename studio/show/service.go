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
	if max := p.MaxKbps(f.Video.Height); max > 0 && f.Video.BitrateKbps > max {
		f.Warnings = append(f.Warnings, fmt.Sprintf("destination %q: video.bitrate_kbps %d is above %s's recommended %d kb/s at %dp",
			d.ID, f.Video.BitrateKbps, p.Name, max, f.Video.Height))
	}
	return nil
}
