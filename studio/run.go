package studio

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
)

// audioChunk is the mixer's step: 20 ms, one Opus frame.
const audioChunk = media.SampleRate / 50

// Run plays the show: sources → one canvas per [[canvas]] → one encode per
// canvas → its fan-out → its outputs, with the sound mixed and encoded once
// for all of them. It returns when ctx is cancelled or Config.For has
// elapsed, after finishing every recording so the files are complete.
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

	recordings := s.runRecordings()
	for _, d := range s.dests {
		s.start(d)
	}
	progCtx, stopProgram := context.WithCancel(ctx)
	defer stopProgram()
	// The program starts on the next tick of the pacing grid at the first
	// canvas's rate (at most a frame away): the canvases compose and the
	// sound is mixed on those ticks, just after file sources at that rate
	// put out their pictures, so each frame's work is one burst.
	fps := 0
	if len(s.programs) > 0 {
		fps = s.programs[0].cfg.FPS
	}
	start := media.PaceStart(time.Now(), float64(fps))
	for _, p := range s.programs {
		s.runProgram(progCtx, p, start, s.cfg.For, stopProgram)
	}
	go func() {
		// Each canvas stops itself at Config.For; the show ends with the last.
		for _, p := range s.programs {
			<-p.composed
		}
		stopProgram()
	}()
	audioDone := make(chan struct{})
	go func() {
		defer close(audioDone)
		if err := s.encodeAudio(progCtx, start, fps); err != nil {
			s.log.Error("audio encoding failed", "err", err)
		}
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
	var err error
	for _, p := range s.programs {
		err = errors.Join(err, p.wait())
	}
	<-audioDone
	for _, p := range s.programs {
		p.fan.Close()
	}
	err = errors.Join(append([]error{err}, recordings()...)...)
	s.waitDestinations(5 * time.Second)
	s.logDestinations("destination summary")
	err = errors.Join(err, s.closeRecordings())
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
			s.events.publish(Event{Kind: EventStats, Stats: s.Stats()})
			if n%10 == 0 {
				s.logDestinations("destination stats")
			}
		case <-ctx.Done():
			return
		}
	}
}

// encodeAudio mixes and encodes in 20 ms steps, paced by the wall clock from
// start, so audio and video share one timeline. It wakes on the canvas's
// frame ticks (start + n/fps) and mixes the steps that fell due since:
// a 20 ms ticker of its own would wake the process a second time between
// frames, and waking costs more CPU than the mixing.
func (s *Studio) encodeAudio(ctx context.Context, start time.Time, fps int) error {
	var produced int64
	limit := int64(-1)
	if s.cfg.For > 0 {
		limit = int64(s.cfg.For) * media.SampleRate / int64(time.Second)
	}
	if fps <= 0 {
		fps = 50
	}
	tick := func(n int64) time.Time { return start.Add(time.Duration(n) * time.Second / time.Duration(fps)) }
	var n int64
	timer := time.NewTimer(time.Until(tick(n)))
	defer timer.Stop()
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
				s.publishAudio(pkts)
			}
		}
		if limit >= 0 && produced+audioChunk > limit {
			break
		}
		select {
		case <-ctx.Done():
			break mixing
		case <-timer.C:
		}
		// The next tick after now: a late wake-up (a busy machine) is
		// made up by mixing more steps, not by waking in a burst.
		n = max(n+1, int64(time.Since(start))*int64(fps)/int64(time.Second)+1)
		timer.Reset(time.Until(tick(n)))
	}
	var err error
	for _, enc := range s.audioEncoders() {
		pkts, ferr := enc.Flush()
		s.publishAudio(pkts)
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

// publish hands a canvas's video packets to its fan-out.
func (s *Studio) publish(p *program, pkts []media.Packet) {
	for _, pkt := range pkts {
		p.fan.Publish(pkt)
	}
	p.videoPackets.Add(int64(len(pkts)))
}

// publishAudio hands the one audio encode to every canvas's fan-out: the
// packets are read-only, so the canvases share them.
func (s *Studio) publishAudio(pkts []media.Packet) {
	for _, p := range s.programs {
		for _, pkt := range pkts {
			p.fan.Publish(pkt)
		}
	}
	s.audioPackets.Add(int64(len(pkts)))
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
	for i, st := range s.Destinations() {
		args := []any{"destination", st.Name, "state", st.State, "kbps", st.BitrateKbps,
			"sent_bytes", st.Bytes, "dropped", st.Dropped}
		if st.RTT > 0 {
			args = append(args, "rtt", st.RTT.Round(time.Millisecond))
		}
		if st.Err != nil {
			args = append(args, "err", st.Err)
		}
		if len(s.programs) > 1 {
			args = append(args, "canvas", s.dests[i].prog.cfg.ID) // last: log readers match the fields above in order
		}
		s.log.Info(msg, args...)
	}
}
