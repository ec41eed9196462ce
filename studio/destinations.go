package studio

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/output/rtmp"
	"github.com/vitrina-live/vitrina/studio/output/whip"
	"github.com/vitrina-live/vitrina/studio/show"
)

// destination is one place the program goes live: its settings, with the
// secret already resolved, and while it runs, its queue and handler.
type destination struct {
	cfg    show.Destination
	url    string // RTMP: with the stream key; only ever logged redacted
	token  string // WHIP: the Bearer token
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
		dest := &destination{cfg: d, url: strings.TrimRight(d.URL, "/"), audio: media.AAC}
		sec, err := s.secret(d)
		if err != nil {
			return err
		}
		switch d.Kind {
		case "rtmp", "rtmps":
			if sec != "" {
				dest.url += "/" + sec
			}
		case "whip":
			dest.url, dest.audio, dest.token = d.URL, media.Opus, sec
		default:
			return fmt.Errorf("%w: destination %q: kind %q", ErrBadInput, d.ID, d.Kind)
		}
		dest.status = output.Status{Name: d.ID, State: output.Idle}
		s.dests = append(s.dests, dest)
		s.log.Info("destination", "destination", d.ID, "kind", d.Kind, "url", media.RedactURL(dest.url))
	}
	return nil
}

// secret is the destination's stream key or token: from the key store when
// it names one, else from the environment variable it names, else none.
func (s *Studio) secret(d show.Destination) (string, error) {
	if d.KeyName != "" {
		if s.cfg.Keys == nil {
			return "", fmt.Errorf("%w: destination %q: key_name %q: no key store is open", ErrBadInput, d.ID, d.KeyName)
		}
		v, err := s.cfg.Keys.Get(d.KeyName)
		if err != nil {
			return "", fmt.Errorf("%w: destination %q: key_name %q: %v (store it with `vitrina keys set %s`)", ErrBadInput, d.ID, d.KeyName, err, d.KeyName)
		}
		return v, nil
	}
	env, field := d.KeyEnv, "key_env"
	if d.Kind == "whip" {
		env, field = d.TokenEnv, "token_env"
	}
	if env == "" {
		return "", nil
	}
	v := os.Getenv(env)
	if v == "" {
		return "", fmt.Errorf("%w: destination %q: %s %s is not set", ErrBadInput, d.ID, field, env)
	}
	return v, nil
}

func (s *Studio) needsOpus() bool {
	for _, d := range s.cfg.Show.Destinations {
		if d.Kind == "whip" {
			return true
		}
	}
	return false
}

// start subscribes the destination to the fan-out and runs its handler.
// Starting one never touches the others: it gets its own queue, which
// begins at the next keyframe.
func (s *Studio) start(d *destination) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.run != nil {
		return
	}
	id := d.cfg.ID
	q := s.subscribe(id, 4*(s.cfg.Show.Video.FPS+50), d.audio) // ~4 s, then drop and resync
	var out media.Output
	switch d.cfg.Kind {
	case "whip":
		o := &whip.Output{URL: d.url, Token: d.token, Video: s.video.Info(), Queue: q,
			RequestKeyframe: s.video.RequestKeyframe, Logger: s.log}
		if s.opus != nil {
			a := s.opus.Info()
			o.Audio = &a
		}
		out = o
	default:
		a := s.aac.Info()
		out = &rtmp.Output{URL: d.url, Video: s.video.Info(), Audio: &a, Queue: q, Logger: s.log}
	}
	h := &output.Handler{Name: id, Queue: q, Output: out, OnChange: func(st output.Status) {
		s.log.Info("destination", "destination", id, "state", st.State, "err", st.Err, "retry_in", st.Retry.Round(time.Millisecond))
		s.events.publish(Event{Kind: EventOutputState, Subject: id, State: string(st.State), Err: st.Err})
	}}
	ctx, cancel := context.WithCancel(context.Background())
	r := &destinationRun{handler: h, queue: q, cancel: cancel, done: make(chan struct{})}
	d.run = r
	go func() {
		defer close(r.done)
		h.Run(ctx)
		d.mu.Lock()
		d.status = h.Status()
		if d.run == r {
			d.run = nil
		}
		d.mu.Unlock()
		s.fan.Unsubscribe(q)
	}()
}

// stop ends the destination's run and returns a channel closed once its
// output has let go (RTMP closed, WHIP session deleted).
func (s *Studio) stop(d *destination) <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.run == nil {
		done := make(chan struct{})
		close(done)
		return done
	}
	d.run.cancel()
	return d.run.done
}

// Status is the destination's current state and counters.
func (d *destination) Status() output.Status {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.run != nil {
		return d.run.handler.Status()
	}
	return d.status
}

// waitDestinations lets every running destination drain what it holds after
// the fan-out closed, and stops the ones still connecting or waiting to
// retry after grace.
func (s *Studio) waitDestinations(grace time.Duration) {
	var dones []<-chan struct{}
	for _, d := range s.dests {
		d.mu.Lock()
		if d.run != nil {
			dones = append(dones, d.run.done)
		}
		d.mu.Unlock()
	}
	timeout := time.After(grace)
	for i, done := range dones {
		select {
		case <-done:
		case <-timeout:
			for _, d := range s.dests {
				s.stop(d)
			}
			for _, done := range dones[i:] {
				<-done
			}
			return
		}
	}
}
