package studio

import (
	"fmt"

	"github.com/vitrina-live/vitrina/studio/media"
)

// CanvasInfo describes one program canvas, for the GUI's previews and the
// destinations panel.
type CanvasInfo struct {
	ID   string
	Size media.Size
	FPS  int
	// Layout is the kind on air now (single, pip, stack, ...).
	Layout string
	// Destinations are the ids of the destinations that stream it.
	Destinations []string
	// Records are the paths of its recordings.
	Records []string
}

// Canvases lists the show's canvases in the show file's order; the first is
// the one Preview shows. A show file without [[canvas]] has one, "main".
func (s *Studio) Canvases() []CanvasInfo {
	out := make([]CanvasInfo, 0, len(s.programs))
	dests := s.destList()
	for _, p := range s.programs {
		c := CanvasInfo{ID: p.cfg.ID, Size: p.canvas.Size, FPS: p.canvas.FPS, Layout: string(p.canvas.Layout().Kind)}
		for _, d := range dests {
			if d.prog == p {
				c.Destinations = append(c.Destinations, d.cfg.ID)
			}
		}
		c.Records = append(c.Records, p.recordPaths...)
		out = append(out, c)
	}
	return out
}

func (s *Studio) program(id string) (*program, error) {
	var ids []string
	for _, p := range s.programs {
		if p.cfg.ID == id {
			return p, nil
		}
		ids = append(ids, p.cfg.ID)
	}
	return nil, fmt.Errorf("%w: no canvas %q (the show has %q)", ErrBadInput, id, ids)
}
