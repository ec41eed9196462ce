package studio

import (
	"context"
	"fmt"
	"slices"
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
// whose file has a WHIP destination). It publishes EventDestination
// ("added").
func (s *Studio) AddDestination(ctx context.Context, d show.Destination, secret string) error {
	if err := checkSecret(d.ID, secret); err != nil {
		return err
	}
	var dest *destination
	err := s.do(ctx, func() error {
		d, p, warnings, err := s.checkDestination(d, "")
		if err != nil {
			return err
		}
		if secret == "" {
			if secret, err = s.secret(d); err != nil {
				return err
			}
		}
		dest = newDestination(d, p, secret)
		s.destsMu.Lock()
		s.dests = append(s.dests, dest)
		s.destsMu.Unlock()
		for _, w := range warnings {
			s.log.Warn(w)
		}
		p.log.Info("destination added", "destination", d.ID, "kind", d.Kind, "url", media.RedactURL(dest.url))
		return nil
	})
	if err == nil {
		s.events.publish(Event{Kind: EventDestination, Subject: dest.cfg.ID, Canvas: dest.prog.cfg.ID, State: "added"})
	}
	return err
}

func checkSecret(id, secret string) error {
	if strings.ContainsAny(secret, "\r\n /") {
		return fmt.Errorf("%w: destination %q: the key must be one line without spaces or '/'", ErrBadInput, id)
	}
	return nil
}

// checkDestination checks d as one more destination of the running show,
// whose ids are taken except replacing's (the one d replaces; "" when d is
// new). A destination removed while the show runs frees its id. Runs on
// the engine loop.
func (s *Studio) checkDestination(d show.Destination, replacing string) (show.Destination, *program, []string, error) {
	var taken []string
	for _, o := range s.dests {
		if o.cfg.ID != replacing {
			taken = append(taken, o.cfg.ID)
		}
	}
	// The running show's ids are taken, not the file's: a removed one is free.
	g := *s.cfg.Show
	g.Destinations = nil
	d, warnings, err := g.CheckDestination(d, taken...)
	if err != nil {
		return d, nil, nil, fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	p, err := s.program(s.cfg.Show.CanvasOf(d))
	if err != nil {
		return d, nil, nil, fmt.Errorf("destination %q: %w", d.ID, err)
	}
	if d.Kind == "whip" && s.opus == nil {
		return d, nil, nil, fmt.Errorf("%w: destination %q: WHIP needs Opus audio, which this show does not encode: add the WHIP destination to the show file", ErrBadInput, d.ID)
	}
	return d, p, warnings, nil
}

// destList is the destinations now. Adding, replacing or removing one
// makes a new slice (copy on write), so the one returned stays valid.
func (s *Studio) destList() []*destination {
	s.destsMu.RLock()
	defer s.destsMu.RUnlock()
	return s.dests
}

// replaceDest puts with in old's place, or removes old when with is nil;
// the slice readers hold is not changed. Runs on the engine loop.
func (s *Studio) replaceDest(old, with *destination) {
	s.destsMu.Lock()
	defer s.destsMu.Unlock()
	next := slices.Clone(s.dests)
	i := slices.Index(next, old)
	if i < 0 {
		return
	}
	if with == nil {
		next = slices.Delete(next, i, i+1)
	} else {
		next[i] = with
	}
	s.dests = next
}
