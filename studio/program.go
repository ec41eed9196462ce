package studio

import (
	"context"
	"fmt"
	"image"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/output/record"
	"github.com/vitrina-live/vitrina/studio/show"
)

// program is one canvas of the show and everything downstream of it: the
// compositor canvas, its one video encode, its fan-out with the recordings
// and destinations on it, its preview, and the overlay driver that draws the
// show's selling state for this canvas's shape. The sources, the sound and
// the selling state belong to the Studio and are shared by every program.
type program struct {
	cfg     show.Canvas
	log     *slog.Logger // the Studio's, plus canvas=ID when there are several
	where   string       // `canvas "ID": ` to start its errors with when there are several
	canvas  *compositor.Canvas
	video   *encoder.VideoEncoder
	fan     output.Fanout
	records []*record.Output // see record.go
	// recordPaths are the records' paths, kept after they are closed.
	recordPaths []string
	chapter     openChapter        // the product on air, for the recordings' chapters
	render      *overlays.Renderer // both nil on a canvas too small for overlays
	overlays    *overlayDriver
	preview     previewer

	videoPackets atomic.Int64
	clock        atomic.Int64 // the PTS of the frame being composed (clock.go)

	// Set by runProgram, for wait.
	frames   chan *media.Frame
	composed chan struct{} // closed once the canvas stops composing
	encoded  chan struct{} // closed once the encoder has flushed
	encErr   error
}

// buildPrograms makes one canvas per [[canvas]] of the show (one, "main",
// for a file without them).
func (s *Studio) buildPrograms() error {
	canvases := s.cfg.Show.Canvases()
	for _, c := range canvases {
		p := &program{cfg: c, log: s.log}
		if len(canvases) > 1 {
			p.log, p.where = s.log.With("canvas", c.ID), fmt.Sprintf("canvas %q: ", c.ID)
		}
		canvas, err := compositor.NewCanvas(media.Size{W: c.Width, H: c.Height}, c.FPS)
		if err != nil {
			return fmt.Errorf("%w: %svideo: %v", ErrBadInput, p.where, err)
		}
		p.canvas = canvas
		s.programs = append(s.programs, p)
	}
	return nil
}

// setup finishes a program once the sources are on its canvas: overlays
// first (the rail layout keeps room for the card they place), then the
// layout and the encoder.
func (s *Studio) setup(p *program) error {
	if err := s.buildOverlays(p); err != nil {
		return err
	}
	p.canvas.OnFrame(p.frame)
	if err := p.canvas.SetLayout(p.layout(p.cfg.Layout), transitionOf(compositor.Cut)); err != nil {
		return fmt.Errorf("%w: %slayout: %v", ErrBadInput, p.where, err)
	}
	v := s.cfg.Show.Video
	venc, err := encoder.NewVideoEncoder(encoder.VideoConfig{
		Width: p.cfg.Width, Height: p.cfg.Height, FPS: p.cfg.FPS, Encoder: v.Encoder,
		Preset: v.Preset, BitrateKbps: p.cfg.BitrateKbps, Keyframe: 2 * time.Second, Logger: p.log,
	})
	if err != nil {
		return fmt.Errorf("%svideo encoder: %w", p.where, err)
	}
	p.video = venc
	return nil
}

// view is how source sc is framed on this canvas: the canvas's own
// [[canvas.crop]] for it, else the source's crop and fit.
func (p *program) view(sc show.Source) compositor.SourceView {
	crop, fit := sc.Crop, sc.Fit
	for _, c := range p.cfg.Crops {
		if c.Source == sc.ID {
			crop, fit = c.Rect, c.Fit
		}
	}
	v := compositor.SourceView{Fit: compositor.Fit(fit)}
	if len(crop) == 4 {
		v.Crop = image.Rect(crop[0], crop[1], crop[0]+crop[2], crop[1]+crop[3])
	}
	return v
}

// layout converts a show file layout for this canvas. A rail with no height
// given keeps exactly the band the product card needs on this canvas.
func (p *program) layout(l show.Layout) compositor.Layout {
	cl := compositor.Layout{
		Kind:    compositor.LayoutKind(l.Kind),
		Sources: l.IDs(),
		PiP:     compositor.PiPConfig{Corner: l.Corner, Scale: l.Scale},
		Rail:    l.Rail,
	}
	if cl.Kind == compositor.Rail && cl.Rail == 0 && p.render != nil {
		h := p.cfg.Height
		card := p.render.Region(overlays.RegionCard)
		band := (h - card.Min.Y) + (h - card.Max.Y) // the card, as far from the band's top as from the bottom
		cl.Rail = min(0.75, float64(band)/float64(h))
	}
	return cl
}

// runProgram starts the canvas and its encoder, with PTS 0 at start. The
// canvas stops by itself at program time limit (0: never); fail stops the
// whole show.
func (s *Studio) runProgram(ctx context.Context, p *program, start time.Time, limit time.Duration, fail func()) {
	ctx, stop := context.WithCancel(ctx)
	p.frames = make(chan *media.Frame, 2)
	p.composed, p.encoded = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.encoded)
		if err := s.encodeVideo(p); err != nil {
			p.encErr = err
			fail()
		}
	}()
	go func() {
		defer close(p.composed)
		defer stop()
		p.canvas.RunFrom(ctx, start, func(f *media.Frame) {
			if limit > 0 && f.PTS >= limit {
				f.Release()
				stop()
				return
			}
			p.preview.offer(f) // copies what it keeps
			select {
			case p.frames <- f: // encodeVideo releases it
			case <-ctx.Done():
				f.Release()
			}
		})
	}()
}

// wait returns once the canvas has stopped and its encoder has flushed what
// it was given.
func (p *program) wait() error {
	<-p.composed
	close(p.frames)
	<-p.encoded
	return p.encErr
}

func (s *Studio) encodeVideo(p *program) error {
	for f := range p.frames {
		pkts, err := p.video.Encode(f)
		// Encode has copied the picture into FFmpeg's frame, so the
		// canvas may reuse it.
		f.Release()
		if err != nil {
			return fmt.Errorf("%svideo encoder: %w", p.where, err)
		}
		s.publish(p, pkts)
	}
	pkts, err := p.video.Flush()
	s.publish(p, pkts)
	return err
}

// close releases the program's encoder and recordings.
func (p *program) close() error {
	var first error
	for _, r := range p.records {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	p.records = nil
	if p.video != nil {
		p.video.Close()
		p.video = nil
	}
	return first
}
