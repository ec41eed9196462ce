package studio

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/output"
)

// badges is the state of the top row's always-on overlays: the LIVE pill
// and the viewer count ([overlays] live_badge, viewers_badge). The renderer
// gives each its own region, beside the disclosure tag and clear of the
// card, the sale and the promo, on horizontal and vertical canvases alike.
type badges struct {
	viewers atomic.Int64 // the last count; the canvases' renders read it

	mu        sync.Mutex
	viewersOn bool                         // the viewers badge is on the canvases
	live      map[*program]map[string]bool // per canvas, its destinations now live
}

// SetViewers takes the platform's viewer count: it publishes EventViewers
// (the window's status bar and the control API follow it) and, when the show
// enables the viewers badge, shows the count on every canvas. The badge is
// drawn again only when the count it shows changes. It never waits for the
// engine loop, so the platform link's reader is never held up; ctx is for
// the engine's other commands' sake.
func (s *Studio) SetViewers(_ context.Context, n int) error {
	if n < 0 {
		return fmt.Errorf("%w: viewers %d: a count cannot be negative", ErrBadInput, n)
	}
	select {
	case <-s.ended:
		return ErrEnded
	default:
	}
	b := &s.badges
	b.viewers.Store(int64(n))
	b.mu.Lock()
	if s.cfg.Show.Overlays.ViewersBadge && !b.viewersOn {
		b.viewersOn = true
		s.onAir(func(pr *program) {
			pr.overlays.show("viewers", zBadges, image.Pt(0, -16), 0, s.viewersRender(pr))
		})
	}
	b.mu.Unlock()
	s.events.publish(Event{Kind: EventViewers, State: strconv.Itoa(n), Viewers: n})
	s.log.Debug("viewers", "count", n)
	return nil
}

// viewersRender draws a canvas's viewers badge from the last count; its key
// is the count, so the driver redraws it only when the count changes.
func (s *Studio) viewersRender(pr *program) overlayRender {
	return func(time.Duration) (string, func() overlays.Placed) {
		n := int(s.badges.viewers.Load())
		return "viewers:" + strconv.Itoa(n), func() overlays.Placed { return pr.render.Viewers(n) }
	}
}

// destinationState follows a destination's state for the LIVE badge: a
// canvas shows it while at least one destination it streams is live. The
// destinations' handlers call it from their own goroutines; the overlay
// driver takes the change at its next frame.
func (s *Studio) destinationState(p *program, id string, st output.State) {
	if !s.cfg.Show.Overlays.LiveBadge || p.overlays == nil {
		return
	}
	b := &s.badges
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.live == nil {
		b.live = map[*program]map[string]bool{}
	}
	set := b.live[p]
	if set == nil {
		set = map[string]bool{}
		b.live[p] = set
	}
	was := len(set) > 0
	if st == output.Live {
		set[id] = true
	} else {
		delete(set, id)
	}
	switch now := len(set) > 0; {
	case now && !was:
		p.overlays.show("live", zBadges, image.Pt(0, -16), 0, static("live", p.render.LiveBadge))
	case !now && was:
		p.overlays.hide("live")
	}
}
