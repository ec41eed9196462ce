package studio

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
)

// audioChunk is the mixer's step: 20 ms, one Opus frame.
const audioChunk = media.SampleRate / 50

// Run plays the show: sources → canvas → one encode → fan-out → outputs. It
// returns when ctx is cancelled or Config.For has elapsed, after finishing
// every recording so the files are complete.
func (s *Studio) Run(ctx context.Context) error {
	srcCtx, stopSources := context.WithCancel(context.Background())
	var srcWG sync.WaitGroup
	for _, src := range s.sources {
		srcWG.Add(1)
		go func() {
			defer srcWG.Done()
			if err := src.Run(srcCtx); err != nil {
				s.log.Error("source stopped", "source", src.Info().ID, "err", err)
			}
		}()
	}
	defer func() { stopSources(); srcWG.Wait() }()

	outErr := make(chan error, len(s.records))
	var outWG sync.WaitGroup
	for _, r := range s.records {
		outWG.Add(1)
		go func() {
			defer outWG.Done()
			if err := r.Run(context.Background(), nil); err != nil {
				s.log.Error("recording failed", "path", r.Path, "err", err)
				s.events.publish(Event{Kind: EventOutputState, Subject: "record", State: "failed", Err: err})
				outErr <- err
			}
		}()
	}

	for _, d := range s.dests {
		s.start(d)
	}
	progCtx, stopProgram := context.WithCancel(ctx)
	defer stopProgram()
	frames := make(chan *media.Frame, 2)
	var encErr error
	var encWG sync.WaitGroup
	encWG.Add(2)
	go func() {
		defer encWG.Done()
		if err := s.encodeVideo(frames); err != nil {
			encErr = err
			stopProgram()
		}
	}()
	start := time.Now()
	go func() {
		defer encWG.Done()
		if err := s.encodeAudio(progCtx, start); err != nil {
			s.log.Error("audio encoding failed", "err", err)
		}
	}()
	canvasDone := make(chan error, 1)
	go func() {
		canvasDone <- s.canvas.Run(progCtx, func(f *media.Frame) {
			if s.cfg.For > 0 && f.PTS >= s.cfg.For {
				f.Release()
				stopProgram()
				return
			}
			s.preview.offer(f) // copies what it keeps
			select {
			case frames <- f: // encodeVideo releases it
			case <-progCtx.Done():
				f.Release()
			}
		})
	}()
	go s.playCues(progCtx, start)
	s.events.publish(Event{Kind: EventStarted})
	if s.cfg.For > 0 {
		s.log.Info("program started", "for", s.cfg.For)
	} else {
		s.log.Info("program started", "for", "until stopped (Ctrl-C)")
	}

	s.loop(progCtx)
	close(s.ended)
	<-canvasDone
	close(frames)
	encWG.Wait()
	s.fan.Close()
	outWG.Wait()
	s.waitDestinations(5 * time.Second)
	s.logDestinations("destination summary")
	close(outErr)
	err := encErr
	for e := range outErr {
		err = errors.Join(err, e)
	}
	for _, r := range s.records {
		if cerr := r.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}
	s.records = nil
	st := s.Stats()
	s.log.Info("program stopped", "frames", st.Frames, "skipped", st.SkippedFrames, "dropped", st.Dropped,
		"elapsed", time.Since(start).Round(time.Millisecond))
	s.events.publish(Event{Kind: EventStopped, Stats: st, Err: err})
	return err
}

// loop serves commands until the program ends; stats go out every second.
func (s *Studio) loop(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for n := 1; ; n++ {
		select {
		case c := <-s.cmds:
			c.reply <- c.apply()
		case <-tick.C:
			s.updateCanvasStats()
			s.events.publish(Event{Kind: EventStats, Stats: s.Stats()})
			if n%10 == 0 {
				s.logDestinations("destination stats")
			}
		case <-ctx.Done():
			s.updateCanvasStats()
			return
		}
	}
}

func (s *Studio) encodeVideo(frames <-chan *media.Frame) error {
	for f := range frames {
		pkts, err := s.video.Encode(f)
		// Encode has copied the picture into FFmpeg's frame, so the
		// canvas may reuse it.
		f.Release()
		if err != nil {
			return fmt.Errorf("video encoder: %w", err)
		}
		s.publish(pkts)
	}
	pkts, err := s.video.Flush()
	s.publish(pkts)
	return err
}

// encodeAudio mixes and encodes in 20 ms steps, paced by the wall clock from
// start, so audio and video share one timeline.
func (s *Studio) encodeAudio(ctx context.Context, start time.Time) error {
	var produced int64
	limit := int64(-1)
	if s.cfg.For > 0 {
		limit = int64(s.cfg.For) * media.SampleRate / int64(time.Second)
	}
	// One wake-up per 20 ms chunk: waking more often only costs CPU.
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
mixing:
	for {
		due := int64(time.Since(start)) * media.SampleRate / int64(time.Second)
		if limit >= 0 && due > limit {
			due = limit
		}
		for produced+audioChunk <= due {
			chunk := s.mixer.Mix(audioChunk, media.SamplesToDuration(produced))
			produced += audioChunk
			for _, enc := range s.audioEncoders() {
				pkts, err := enc.Encode(chunk)
				if err != nil {
					return err
				}
				s.publish(pkts)
			}
		}
		if limit >= 0 && produced+audioChunk > limit {
			break
		}
		select {
		case <-ctx.Done():
			break mixing
		case <-tick.C:
		}
	}
	var err error
	for _, enc := range s.audioEncoders() {
		pkts, ferr := enc.Flush()
		s.publish(pkts)
		err = errors.Join(err, ferr)
	}
	return err
}

func (s *Studio) audioEncoders() []*encoder.AudioEncoder {
	if s.opus != nil {
		return []*encoder.AudioEncoder{s.aac, s.opus}
	}
	return []*encoder.AudioEncoder{s.aac}
}

func (s *Studio) publish(pkts []media.Packet) {
	var v, a int64
	for _, p := range pkts {
		s.fan.Publish(p)
		if p.Kind == media.Video {
			v++
		} else {
			a++
		}
	}
	s.statsMu.Lock()
	s.stats.VideoPackets += v
	s.stats.AudioPackets += a
	s.statsMu.Unlock()
}

// playCues sends the show file's cues to the engine at their times.
func (s *Studio) playCues(ctx context.Context, start time.Time) {
	cues := append([]showCue(nil), s.cues()...)
	sort.SliceStable(cues, func(i, j int) bool { return cues[i].at < cues[j].at })
	for _, c := range cues {
		t := time.NewTimer(time.Until(start.Add(c.at)))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		if err := c.run(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("cue failed", "at", c.at, "do", c.do, "err", err)
		}
	}
}

// logDestinations writes each destination's counters, for a user reading
// the log of a headless show.
func (s *Studio) logDestinations(msg string) {
	for _, st := range s.Destinations() {
		args := []any{"destination", st.Name, "state", st.State, "kbps", st.BitrateKbps,
			"sent_bytes", st.Bytes, "dropped", st.Dropped}
		if st.RTT > 0 {
			args = append(args, "rtt", st.RTT.Round(time.Millisecond))
		}
		if st.Err != nil {
			args = append(args, "err", st.Err)
		}
		s.log.Info(msg, args...)
	}
}

func (s *Studio) updateCanvasStats() {
	cs := s.canvas.Stats()
	s.statsMu.Lock()
	s.stats.Frames, s.stats.SkippedFrames = cs.Frames, cs.Skipped
	s.statsMu.Unlock()
}
