package studio

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"strconv"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/show"
)

// buildOverlays makes the renderer for the show's canvas, locale and look,
// and hooks the overlay driver to the canvas's frames.
func (s *Studio) buildOverlays() error {
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
	r, err := overlays.New(image.Pt(f.Video.Width, f.Video.Height), th, f.Show.Locale)
	if errors.Is(err, overlays.ErrCanvas) && !usesSelling(f) {
		// A thumbnail-sized show (a test, a preview rig) runs without them;
		// a selling command then says why it cannot draw.
		s.log.Warn("no selling overlays on this canvas", "reason", err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadInput, err)
	}
	s.render = r
	s.overlays = newOverlayDriver(s.canvas, r)
	return nil
}

func hexColor(h string) color.RGBA {
	v, _ := strconv.ParseUint(h[1:], 16, 32) // validated as #rrggbb by the show file
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

// usesSelling says whether the show's cues draw selling overlays.
func usesSelling(f *show.File) bool {
	for _, c := range f.Cues {
		switch c.Do {
		case "pin", "unpin", "flash_sale", "stock", "promo", "coupon", "lower_third", "giveaway":
			return true
		}
	}
	return false
}

// sellingDo runs a selling command on the engine loop, or says why the
// canvas has no overlays to draw it on.
func (s *Studio) sellingDo(ctx context.Context, fn func() error) error {
	if s.overlays == nil {
		return fmt.Errorf("%w: the %dx%d canvas is too small for selling overlays (the short side must be at least 240)",
			ErrBadInput, s.cfg.Show.Video.Width, s.cfg.Show.Video.Height)
	}
	return s.do(ctx, fn)
}
