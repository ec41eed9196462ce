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
)

// buildDestinations creates one handler per RTMP(S) destination. Keys come
// from the environment variable the show file names, never from the file.
func (s *Studio) buildDestinations() error {
	for _, d := range s.cfg.Show.Destinations {
		switch d.Kind {
		case "rtmp", "rtmps":
		default:
			s.log.Warn("destination kind not available in this build; skipped", "destination", d.ID, "kind", d.Kind)
			continue
		}
		url := strings.TrimRight(d.URL, "/")
		if d.KeyEnv != "" {
			key := os.Getenv(d.KeyEnv)
			if key == "" {
				return fmt.Errorf("%w: destination %q: key_env %s is not set", ErrBadInput, d.ID, d.KeyEnv)
			}
			url += "/" + key
		}
		audio := s.aac.Info()
		q := s.subscribe(d.ID, 4*(s.cfg.Show.Video.FPS+50)) // ~4 s, then drop and resync
		id := d.ID
		h := &output.Handler{
			Name:   id,
			Queue:  q,
			Output: &rtmp.Output{URL: url, Video: s.video.Info(), Audio: &audio, Queue: q, Logger: s.log},
			OnChange: func(st output.Status) {
				s.log.Info("destination", "destination", id, "state", st.State, "err", st.Err, "retry_in", st.Retry.Round(time.Millisecond))
				s.events.publish(Event{Kind: EventOutputState, Subject: id, State: string(st.State), Err: st.Err})
			},
		}
		s.handlers = append(s.handlers, h)
		s.log.Info("destination", "destination", id, "url", media.RedactURL(url))
	}
	return nil
}

// runDestinations starts every handler and returns a function that waits
// for them after the fan-out closed: they drain what they hold, and any
// still connecting or waiting to retry after grace is stopped.
func (s *Studio) runDestinations() func(grace time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, h := range s.handlers {
		wg.Add(1)
		go func() { defer wg.Done(); h.Run(ctx) }()
	}
	return func(grace time.Duration) {
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(grace):
			cancel()
			<-done
		}
		cancel()
	}
}
