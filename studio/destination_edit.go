package studio

import (
	"context"
	"fmt"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/show"
)

// EventDestination says the show's destinations changed while it runs:
// Subject is the destination's id, State "added", "updated" or "removed",
// Canvas the canvas it streams (streamed, for "removed").
const EventDestination EventKind = "destination"

// RemoveDestination takes a destination out of the running show: it stops
// it, as StopDestination does, and returns once it has let go of its
// server. The other destinations, the recordings and the program are not
// touched. Its id is free again for AddDestination.
func (s *Studio) RemoveDestination(ctx context.Context, id string) error {
	var (
		d    *destination
		done <-chan struct{}
	)
	err := s.do(ctx, func() error {
		var err error
		if d, err = s.destination(id); err != nil {
			return err
		}
		done = s.stop(d)
		s.replaceDest(d, nil)
		return nil
	})
	if err != nil {
		return err
	}
	if err := waitDone(ctx, done); err != nil {
		return err
	}
	d.prog.log.Info("destination removed", "destination", id)
	s.events.publish(Event{Kind: EventDestination, Subject: id, Canvas: d.prog.cfg.ID, State: "removed"})
	return nil
}

// UpdateDestination replaces destination id with d, checked as
// AddDestination checks a new one (d may have another id, or the same).
// secret is the new stream key or token; when empty, the destination keeps
// the one it has if d names its key as before (key_name, key_env,
// token_env), else d's is resolved as at start. The old destination is
// stopped and has let go of its server before the new one starts; the new
// one goes on air only if the old one was. The others are not touched. It
// publishes EventDestination ("updated", with d's id).
func (s *Studio) UpdateDestination(ctx context.Context, id string, d show.Destination, secret string) error {
	if err := checkSecret(d.ID, secret); err != nil {
		return err
	}
	var (
		next  *destination
		done  <-chan struct{}
		onAir bool
	)
	err := s.do(ctx, func() error {
		old, err := s.destination(id)
		if err != nil {
			return err
		}
		d, p, warnings, err := s.checkDestination(d, id)
		if err != nil {
			return err
		}
		if secret == "" {
			if sameKey(old.cfg, d) {
				secret = old.secret
			} else if secret, err = s.secret(d); err != nil {
				return err
			}
		}
		old.mu.Lock()
		onAir = old.run != nil
		old.mu.Unlock()
		done = s.stop(old)
		next = newDestination(d, p, secret)
		s.replaceDest(old, next)
		for _, w := range warnings {
			s.log.Warn(w)
		}
		p.log.Info("destination updated", "destination", d.ID, "was", id, "kind", d.Kind, "url", media.RedactURL(next.url))
		return nil
	})
	if err != nil {
		return err
	}
	if err := waitDone(ctx, done); err != nil {
		return err
	}
	if onAir {
		if err := s.do(ctx, func() error { s.start(next); return nil }); err != nil {
			return fmt.Errorf("destination %q: updated but not restarted: %w", d.ID, err)
		}
	}
	s.events.publish(Event{Kind: EventDestination, Subject: next.cfg.ID, Canvas: next.prog.cfg.ID, State: "updated"})
	return nil
}

// sameKey tells whether b finds its secret where a did.
func sameKey(a, b show.Destination) bool {
	return a.KeyName == b.KeyName && a.KeyEnv == b.KeyEnv && a.TokenEnv == b.TokenEnv && (a.Kind == "whip") == (b.Kind == "whip")
}

// DestinationSettings are the running show's destinations as a show file
// would name them, in order: what was added, changed or removed while it
// runs included. They name where each key is kept, never the key.
func (s *Studio) DestinationSettings() []show.Destination {
	dests := s.destList()
	out := make([]show.Destination, 0, len(dests))
	for _, d := range dests {
		out = append(out, d.cfg)
	}
	return out
}
