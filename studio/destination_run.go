package studio

import (
	"context"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/output/rtmp"
	"github.com/vitrina-live/vitrina/studio/output/whip"
)

// start subscribes the destination to the fan-out and runs its handler.
// Starting one never touches the others: it gets its own queue, which
// begins at the next keyframe.
func (s *Studio) start(d *destination) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.run != nil {
		return
	}
	id, p := d.cfg.ID, d.prog
	q := s.subscribe(p, id, 4*(p.cfg.FPS+50), d.audio) // ~4 s, then drop and resync
	var out media.Output
	switch d.cfg.Kind {
	case "whip":
		o := &whip.Output{URL: d.url, Token: d.token, Video: p.video.Info(), Queue: q,
			RequestKeyframe: p.video.RequestKeyframe, Logger: p.log}
		if s.opus != nil {
			a := s.opus.Info()
			o.Audio = &a
		}
		out = o
	default:
		a := s.aac.Info()
		out = &rtmp.Output{URL: d.url, Video: p.video.Info(), Audio: &a, Queue: q, Logger: p.log}
	}
	h := &output.Handler{Name: id, Queue: q, Output: out, OnChange: func(st output.Status) {
		p.log.Info("destination", "destination", id, "state", st.State, "err", st.Err, "retry_in", st.Retry.Round(time.Millisecond))
		s.destinationState(p, id, st.State)
		s.events.publish(Event{Kind: EventOutputState, Subject: id, Canvas: p.cfg.ID, State: string(st.State), Err: st.Err})
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
		p.fan.Unsubscribe(q)
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
