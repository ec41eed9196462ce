package studio

import (
	"context"
	"fmt"
	"strings"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/show"
)

// AddDestination adds a destination to the running show, checked as the
// show file's own are (show.File.CheckDestination). It is built on the
// engine loop and left off air: StartDestination takes it live. secret is
// the stream key or WHIP token, held in memory only; when empty, the
// destination's key_name or key_env/token_env is resolved as at start.
// Like every command it waits for the engine loop, that is for Run. A WHIP
// destination can be added only to a show that already encodes Opus (one
// whose file has a WHIP destination).
func (s *Studio) AddDestination(ctx context.Context, d show.Destination, secret string) error {
	if strings.ContainsAny(secret, "\r\n /") {
		return fmt.Errorf("%w: destination %q: the key must be one line without spaces or '/'", ErrBadInput, d.ID)
	}
	return s.do(ctx, func() error {
		var taken []string
		for _, o := range s.dests {
			taken = append(taken, o.cfg.ID)
		}
		d, warnings, err := s.cfg.Show.CheckDestination(d, taken...)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrBadInput, err)
		}
		p, err := s.program(s.cfg.Show.CanvasOf(d))
		if err != nil {
			return fmt.Errorf("destination %q: %w", d.ID, err)
		}
		if d.Kind == "whip" && s.opus == nil {
			return fmt.Errorf("%w: destination %q: WHIP needs Opus audio, which this show does not encode: add the WHIP destination to the show file", ErrBadInput, d.ID)
		}
		if secret == "" {
			if secret, err = s.secret(d); err != nil {
				return err
			}
		}
		dest := newDestination(d, p, secret)
		s.destsMu.Lock()
		s.dests = append(s.dests, dest)
		s.destsMu.Unlock()
		for _, w := range warnings {
			s.log.Warn(w)
		}
		p.log.Info("destination added", "destination", d.ID, "kind", d.Kind, "url", media.RedactURL(dest.url))
		return nil
	})
}

// destList is the destinations so far; AddDestination only appends, so the
// slice it returns stays valid.
func (s *Studio) destList() []*destination {
	s.destsMu.RLock()
	defer s.destsMu.RUnlock()
	return s.dests
}
