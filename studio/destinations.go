package studio

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// destination is one place a canvas goes live: its settings, with the
// secret already resolved, and while it runs, its queue and handler.
type destination struct {
	cfg    show.Destination
	prog   *program // the canvas it streams
	url    string   // RTMP: with the stream key; only ever logged redacted
	token  string   // WHIP: the Bearer token
	secret string   // the key or token as resolved, kept for UpdateDestination
	audio  media.Codec
	mu     sync.Mutex
	run    *destinationRun
	status output.Status // the last status of a run that ended
}

type destinationRun struct {
	handler *output.Handler
	queue   *output.Queue
	cancel  context.CancelFunc
	done    chan struct{}
}

// buildDestinations checks every destination and resolves its secret. Keys
// and tokens come from the environment variable the show file names, never
// from the file itself.
func (s *Studio) buildDestinations() error {
	for _, d := range s.cfg.Show.Destinations {
		p, err := s.program(s.cfg.Show.CanvasOf(d))
		if err != nil {
			return fmt.Errorf("destination %q: %w", d.ID, err)
		}
		sec, err := s.secret(d)
		if err != nil {
			return err
		}
		switch d.Kind {
		case "rtmp", "rtmps", "whip":
		default:
			return fmt.Errorf("%w: destination %q: kind %q", ErrBadInput, d.ID, d.Kind)
		}
		dest := newDestination(d, p, sec)
		s.dests = append(s.dests, dest)
		p.log.Info("destination", "destination", d.ID, "kind", d.Kind, "url", media.RedactURL(dest.url))
	}
	return nil
}

// newDestination is destination d of canvas p, off air: an RTMP(S) one
// with its stream key, when it has one, as the URL's last element, a WHIP
// one with its Bearer token beside the URL.
func newDestination(d show.Destination, p *program, secret string) *destination {
	dest := &destination{cfg: d, prog: p, url: strings.TrimRight(d.URL, "/"), audio: media.AAC, secret: secret,
		status: output.Status{Name: d.ID, State: output.Idle}}
	if d.Kind == "whip" {
		dest.url, dest.audio, dest.token = d.URL, media.Opus, secret
	} else if secret != "" {
		dest.url += "/" + secret
	}
	return dest
}

// secret is the destination's stream key or token: from the key store when
// it names one, else from the environment variable it names, else none.
func (s *Studio) secret(d show.Destination) (string, error) {
	ref := SecretRef{What: fmt.Sprintf("destination %q", d.ID), KeyName: d.KeyName, EnvField: "key_env", Env: d.KeyEnv}
	if d.Kind == "whip" {
		ref.EnvField, ref.Env = "token_env", d.TokenEnv
	}
	return Secret(s.cfg.Keys, ref)
}

func (s *Studio) needsOpus() bool {
	for _, d := range s.cfg.Show.Destinations {
		if d.Kind == "whip" {
			return true
		}
	}
	return false
}

// Destinations returns the state and counters of every destination, in the
// show file's order.
func (s *Studio) Destinations() []output.Status {
	dests := s.destList()
	out := make([]output.Status, 0, len(dests))
	for _, d := range dests {
		out = append(out, d.Status())
	}
	return out
}

// StartDestination goes live on one destination while the others carry on.
func (s *Studio) StartDestination(ctx context.Context, id string) error {
	d, err := s.destination(id)
	if err != nil {
		return err
	}
	// Go live on a destination that is live already leaves it so; on one
	// connecting or waiting out a retry it starts again at once.
	if d.Status().State == output.Live {
		s.log.Info("destination already live", "destination", id)
		return nil
	}
	// A stop just asked for may still be letting go of the server.
	if err := waitDone(ctx, s.stop(d)); err != nil {
		return err
	}
	return s.do(ctx, func() error {
		s.start(d)
		s.log.Info("destination started", "destination", id)
		return nil
	})
}

// StopDestination ends one destination; the others, the recording and the
// program are not touched. It returns once the destination has let go.
func (s *Studio) StopDestination(ctx context.Context, id string) error {
	d, err := s.destination(id)
	if err != nil {
		return err
	}
	var done <-chan struct{}
	if err := s.do(ctx, func() error { done = s.stop(d); return nil }); err != nil {
		return err
	}
	if err := waitDone(ctx, done); err != nil {
		return err
	}
	s.log.Info("destination stopped", "destination", id)
	return nil
}

func (s *Studio) destination(id string) (*destination, error) {
	for _, d := range s.destList() {
		if d.cfg.ID == id {
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w: no destination %q", ErrBadInput, id)
}
