// Package studio is the engine: it owns the sources, the program canvases
// (one per [[canvas]]: say a horizontal one for YouTube and a vertical one
// for TikTok, fed by the same sources), their encoders, fan-outs and
// outputs, and runs one event loop that the GUI, the command line and the
// show's cues send commands to. It never imports fyne; the GUI subscribes to
// its events.
package studio

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Config is what a Studio is built from.
type Config struct {
	Show *show.File
	// RecordPath overrides the show file's [record] path (the first
	// canvas's recording) when set.
	RecordPath string
	// For stops the program after this much program time; 0 runs until the
	// context is cancelled.
	For    time.Duration
	Logger *slog.Logger
	// Keys holds the secrets destinations name with key_name (studio/keys:
	// the OS keyring or a 0600 file). Nil when the show names none.
	Keys KeyStore
	// Catalog finds the products that pins and flash sales name. Nil when
	// the show has none: those cues then fail with a clear error.
	Catalog show.Catalog
}

// KeyStore looks up a stored stream key or token by name.
type KeyStore interface {
	Get(name string) (string, error)
}

// Studio is one running show.
type Studio struct {
	cfg Config
	log *slog.Logger

	sources  []media.Source
	mixer    *compositor.Mixer
	programs []*program // one per canvas, in the show file's order
	aac      *encoder.AudioEncoder
	opus     *encoder.AudioEncoder // only when a WHIP destination needs it
	dests    []*destination
	destsMu  sync.RWMutex    // guards dests: AddDestination appends to it on the loop
	queues   []*output.Queue // every output's queue on every canvas, for the drop count

	cmds   chan command
	ended  chan struct{} // closed when the engine loop stops serving commands
	events bus

	// render is the first canvas's overlay renderer (nil when it is too
	// small for overlays); each program has its own.
	render *overlays.Renderer
	sell   selling
	rec    recorder // the recordings' runs, see record_toggle.go
	badges badges   // the LIVE and viewers badges, see viewers.go

	statsMu      sync.Mutex // guards queues
	audioPackets atomic.Int64
}

type command struct {
	apply func() error
	reply chan error
}

// New builds the studio from its config: it opens every source, one
// canvas, encoder and set of recordings per canvas, and the audio encoders,
// so bad input fails here, before anything runs. Close releases what New
// opened.
func New(cfg Config) (*Studio, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Studio{cfg: cfg, log: cfg.Logger, cmds: make(chan command), ended: make(chan struct{}), mixer: compositor.NewMixer()}
	for _, w := range cfg.Show.Warnings {
		s.log.Warn(w)
	}
	if err := s.build(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Studio) build() error {
	f := s.cfg.Show
	if err := s.buildPrograms(); err != nil {
		return err
	}
	if err := s.buildSources(f); err != nil {
		return err
	}
	for _, p := range s.programs {
		if err := s.setup(p); err != nil {
			return err
		}
	}
	s.render = s.programs[0].render
	if err := s.buildAudio(); err != nil {
		return err
	}
	for i, p := range s.programs {
		if err := s.buildRecording(p, i == 0); err != nil {
			return err
		}
	}
	if err := s.buildDestinations(); err != nil {
		return err
	}
	return nil
}

// buildAudio opens the show's audio encoders: the sound is mixed and
// encoded once, and its packets go to every canvas.
func (s *Studio) buildAudio() error {
	aac, err := encoder.NewAudioEncoder(encoder.AudioConfig{Codec: media.AAC, BitrateKbps: s.cfg.Show.Audio.BitrateKbps})
	if err != nil {
		return fmt.Errorf("audio encoder: %w", err)
	}
	s.aac = aac
	audio := "aac"
	if s.needsOpus() {
		// FFmpeg 5.1's FLV cannot carry Opus and browsers do not take AAC
		// over WebRTC, so audio is the one thing encoded twice (it is cheap).
		opus, err := encoder.NewAudioEncoder(encoder.AudioConfig{Codec: media.Opus, BitrateKbps: s.cfg.Show.Audio.BitrateKbps})
		if err != nil {
			return fmt.Errorf("audio encoder: %w", err)
		}
		s.opus, audio = opus, "aac+opus"
	}
	for _, p := range s.programs {
		c := p.cfg
		p.log.Info("encoders ready", "video", p.video.Name(), "size", fmt.Sprintf("%dx%d", c.Width, c.Height),
			"fps", c.FPS, "bitrate_kbps", c.BitrateKbps, "audio", audio)
	}
	return nil
}

// subscribe gives an output its queue on a canvas's fan-out and keeps it
// for the statistics, which outlive the outputs themselves.
func (s *Studio) subscribe(p *program, name string, capacity int, audio media.Codec) *output.Queue {
	q := p.fan.SubscribeFor(name, capacity, audio)
	s.statsMu.Lock()
	s.queues = append(s.queues, q)
	s.statsMu.Unlock()
	return q
}

// Subscribe returns a channel of engine events and a function to stop them.
func (s *Studio) Subscribe() (<-chan Event, func()) { return s.events.subscribe() }

// Stats returns the program's counters so far.
func (s *Studio) Stats() Stats {
	st := Stats{AudioPackets: s.audioPackets.Load()}
	for i, p := range s.programs {
		cs := p.canvas.Stats()
		c := CanvasStats{ID: p.cfg.ID, Frames: cs.Frames, SkippedFrames: cs.Skipped, VideoPackets: p.videoPackets.Load()}
		if i == 0 {
			st.Frames = c.Frames
		}
		st.SkippedFrames += c.SkippedFrames
		st.VideoPackets += c.VideoPackets
		st.Canvases = append(st.Canvases, c)
	}
	st.Destinations = s.Destinations() // outside statsMu: start() takes a destination's lock, then statsMu
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	for _, q := range s.queues {
		st.Dropped += q.Dropped()
	}
	return st
}

func (s *Studio) do(ctx context.Context, fn func() error) error {
	c := command{apply: fn, reply: make(chan error, 1)}
	select {
	case s.cmds <- c:
	case <-s.ended:
		return ErrEnded
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-c.reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitDone waits for done (a stop the loop began: a destination letting
// go, a file finished), or for ctx to end.
func waitDone(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close releases sources, encoders and recordings.
func (s *Studio) Close() error {
	var first error
	for _, p := range s.programs {
		if err := p.close(); err != nil && first == nil {
			first = err
		}
	}
	for _, a := range []**encoder.AudioEncoder{&s.aac, &s.opus} {
		if *a != nil {
			(*a).Close()
			*a = nil
		}
	}
	for _, src := range s.sources {
		src.Close()
	}
	s.sources = nil
	return first
}
