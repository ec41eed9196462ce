package studio

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"slices"
	"strconv"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/show"
)

// buildOverlays makes the renderer for one canvas, the show's locale and
// look, and hooks an overlay driver to the canvas's frames. The renderer
// places each overlay for the canvas's shape: the card at the bottom of a
// vertical canvas, in a bottom corner of a horizontal one.
func (s *Studio) buildOverlays(p *program) error {
	f := s.cfg.Show
	th := overlays.DefaultTheme()
	if a := f.Overlays.Accent; a != "" {
		th.Accent = hexColor(a)
	}
	if f.Overlays.Corner != "" {
		th.Corner = f.Overlays.Corner
	}
	if f.Overlays.Scale > 0 {
		th.Scale = f.Overlays.Scale
	}
	if f.Overlays.SafeArea > 0 {
		th.SafeArea = f.Overlays.SafeArea
	}
	r, err := overlays.New(image.Pt(p.cfg.Width, p.cfg.Height), th, f.Show.Locale)
	if errors.Is(err, overlays.ErrCanvas) && !usesSelling(f) {
		// A thumbnail-sized show (a test, a preview rig) runs without them;
		// a selling command then says why it cannot draw.
		p.log.Warn("no selling overlays on this canvas", "reason", err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %s%v", ErrBadInput, p.where, err)
	}
	p.render = r
	p.overlays = newOverlayDriver(p.canvas, r)
	return nil
}

func hexColor(h string) color.RGBA {
	v, _ := strconv.ParseUint(h[1:], 16, 32) // validated as #rrggbb by the show file
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

// usesSelling says whether the show's cues draw selling overlays.
func usesSelling(f *show.File) bool {
	return slices.ContainsFunc(f.Cues, show.Cue.Selling)
}

// sellingDo runs a selling command on the engine loop, or says why no
// canvas has overlays to draw it on.
func (s *Studio) sellingDo(ctx context.Context, fn func() error) error {
	for _, p := range s.programs {
		if p.overlays != nil {
			return s.do(ctx, fn)
		}
	}
	c := s.programs[0].cfg
	return fmt.Errorf("%w: the %dx%d canvas is too small for selling overlays (the short side must be at least 240)",
		ErrBadInput, c.Width, c.Height)
}

// onAir calls show for every canvas that draws overlays, in the same
// engine step: a cue reaches every canvas on the same frame, each drawing it
// with its own renderer for its own shape.
func (s *Studio) onAir(show func(p *program)) {
	for _, p := range s.programs {
		if p.overlays != nil {
			show(p)
		}
	}
}
