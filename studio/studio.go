// Package studio is the engine: it owns the sources, the program canvas, the
// encoders, the fan-out and the outputs, and runs one event loop that the
// GUI, the command line and the show's cues send commands to. It never
// imports fyne; the GUI subscribes to its events.
package studio

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/output/record"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Config is what a Studio is built from.
type Config struct {
	Show *show.File
	// RecordPath overrides the show file's [record] path when set.
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

	sources []media.Source
	canvas  *compositor.Canvas
	mixer   *compositor.Mixer
	video   *encoder.VideoEncoder
	aac     *encoder.AudioEncoder
	opus    *encoder.AudioEncoder // only when a WHIP destination needs it
	fan     output.Fanout
	records []*record.Output
	dests   []*destination
	queues  []*output.Queue // every output's queue, for the drop count

	cmds    chan command
	ended   chan struct{} // closed when the engine loop stops serving commands
	events  bus
	preview previewer

	render   *overlays.Renderer
	overlays *overlayDriver
	sell     selling

	statsMu sync.Mutex
	stats   Stats
}

type command struct {
	apply func() error
	reply chan error
}

// New builds the studio from its config: it opens every source, the
// encoders and the recording, so bad input fails here, before anything runs.
// Close releases what New opened.
func New(cfg Config) (*Studio, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	f := cfg.Show
	s := &Studio{cfg: cfg, log: cfg.Logger, cmds: make(chan command), ended: make(chan struct{})}
	for _, w := range f.Warnings {
		s.log.Warn(w)
	}
	canvas, err := compositor.NewCanvas(media.Size{W: f.Video.Width, H: f.Video.Height}, f.Video.FPS)
	if err != nil {
		return nil, fmt.Errorf("%w: video: %v", ErrBadInput, err)
	}
	s.canvas, s.mixer = canvas, compositor.NewMixer()
	if err := s.buildSources(f); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.canvas.SetLayout(layoutOf(f.Layout), transitionOf(compositor.Cut)); err != nil {
		s.Close()
		return nil, fmt.Errorf("%w: layout: %v", ErrBadInput, err)
	}
	if err := s.buildOverlays(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.buildEncoders(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.buildRecording(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.buildDestinations(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Studio) buildEncoders() error {
	v := s.cfg.Show.Video
	venc, err := encoder.NewVideoEncoder(encoder.VideoConfig{
		Width: v.Width, Height: v.Height, FPS: v.FPS, Encoder: v.Encoder,
		Preset: v.Preset, BitrateKbps: v.BitrateKbps, Keyframe: 2 * time.Second, Logger: s.log,
	})
	if err != nil {
		return fmt.Errorf("video encoder: %w", err)
	}
	s.video = venc
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
	s.log.Info("encoders ready", "video", venc.Name(), "size", fmt.Sprintf("%dx%d", v.Width, v.Height),
		"fps", v.FPS, "bitrate_kbps", v.BitrateKbps, "audio", audio)
	return nil
}

func (s *Studio) buildRecording() error {
	path := s.cfg.RecordPath
	if path == "" {
		path = s.cfg.Show.Resolve(s.cfg.Show.Record.Path)
	}
	if path == "" {
		return nil
	}
	audio := s.aac.Info()
	rec := &record.Output{
		Path: path, Video: s.video.Info(), Audio: &audio, Logger: s.log,
		// 10 s of packets: a disk that stalls briefly loses nothing.
		Queue: s.subscribe("record", 10*(s.cfg.Show.Video.FPS+50), media.AAC),
	}
	if err := rec.Initialize(); err != nil {
		return fmt.Errorf("%w: record.path: %v", ErrBadInput, err)
	}
	s.records = append(s.records, rec) // the muxer logs where it writes
	return nil
}

// subscribe gives an output its queue on the fan-out and keeps it for the
// statistics, which outlive the outputs themselves.
func (s *Studio) subscribe(name string, capacity int, audio media.Codec) *output.Queue {
	q := s.fan.SubscribeFor(name, capacity, audio)
	s.statsMu.Lock()
	s.queues = append(s.queues, q)
	s.statsMu.Unlock()
	return q
}

// Subscribe returns a channel of engine events and a function to stop them.
func (s *Studio) Subscribe() (<-chan Event, func()) { return s.events.subscribe() }

// Stats returns the program's counters so far.
func (s *Studio) Stats() Stats {
	dests := s.Destinations() // outside statsMu: start() takes a destination's lock, then statsMu
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	st := s.stats
	for _, q := range s.queues {
		st.Dropped += q.Dropped()
	}
	st.Destinations = dests
	return st
}

// Destinations returns the state and counters of every destination, in the
// show file's order.
func (s *Studio) Destinations() []output.Status {
	out := make([]output.Status, 0, len(s.dests))
	for _, d := range s.dests {
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
	// A stop just asked for may still be letting go of the server.
	select {
	case <-s.stop(d):
	case <-ctx.Done():
		return ctx.Err()
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
	select {
	case <-done:
		s.log.Info("destination stopped", "destination", id)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Studio) destination(id string) (*destination, error) {
	for _, d := range s.dests {
		if d.cfg.ID == id {
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w: no destination %q", ErrBadInput, id)
}

// SetLayout changes the program layout, with a cut or a fade. It runs on the
// engine loop, so it is safe from any goroutine while the show runs.
func (s *Studio) SetLayout(ctx context.Context, l show.Layout, transition string) error {
	return s.do(ctx, func() error {
		if err := s.canvas.SetLayout(layoutOf(l), transitionOf(transition)); err != nil {
			return fmt.Errorf("%w: %v", ErrBadInput, err)
		}
		s.events.publish(Event{Kind: EventLayout, Subject: l.Kind, State: fmt.Sprint(l.IDs())})
		s.log.Info("layout", "kind", l.Kind, "sources", l.IDs(), "transition", transition)
		return nil
	})
}

// SetMain puts another source in the layout's main place.
func (s *Studio) SetMain(ctx context.Context, id, transition string) error {
	return s.do(ctx, func() error {
		l := s.canvas.Layout()
		if len(l.Sources) == 0 {
			l.Sources = []string{id}
		} else {
			l.Sources = append([]string{id}, l.Sources[1:]...)
		}
		if err := s.canvas.SetLayout(l, transitionOf(transition)); err != nil {
			return fmt.Errorf("%w: %v", ErrBadInput, err)
		}
		s.events.publish(Event{Kind: EventLayout, Subject: string(l.Kind), State: fmt.Sprint(l.Sources)})
		s.log.Info("main source", "source", id, "transition", transition)
		return nil
	})
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

// Close releases sources, encoders and recordings.
func (s *Studio) Close() error {
	var first error
	for _, r := range s.records {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.records = nil
	if s.video != nil {
		s.video.Close()
		s.video = nil
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
