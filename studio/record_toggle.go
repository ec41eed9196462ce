package studio

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/vitrina-live/vitrina/studio/output/record"
)

// The recording toggle: the host stops the recording (a break, or to
// split the show into parts) and starts it again, as OBS's Stop / Start
// Recording do. Stopping finishes the file (its index, its chapters) and
// takes it off the fan-out; starting opens a new file next to the first,
// show.mkv, then show-2.mkv, show-3.mkv, never one that exists, from the
// next keyframe, which it asks the encoder for. The destinations and the
// other canvases never notice: in a show of several canvases the host may
// stop and start one canvas's recording only (SetRecording).

// errNoRecording answers the toggle on a show without a recording.
var errNoRecording = fmt.Errorf("%w: this show does not record: give it a [record] path or run it with --record", ErrBadInput)

// recorder holds the recordings' runs. canvases is built before the show
// and changed only on the engine loop; mu guards errs and each run's
// stopping and exited, which the run's own goroutine reads too.
type recorder struct {
	wg       sync.WaitGroup // every run, and every file being finished
	mu       sync.Mutex
	errs     []error
	canvases map[*program]*canvasRecording
}

// canvasRecording is one canvas's recording: the path the show names and
// the file being written now, if any.
type canvasRecording struct {
	base  string
	parts int           // files opened so far: the next is base-(parts+1)
	run   *recordingRun // nil while stopped
}

// recordingRun is one file.
type recordingRun struct {
	out      *record.Output
	stopping bool          // the host stopped it: finish the file once Run returns
	exited   bool          // Run returned (its queue ended, or a write failed)
	done     chan struct{} // closed once a stopped file is finished
}

func (r *recorder) canvas(p *program, base string) *canvasRecording {
	if r.canvases == nil {
		r.canvases = map[*program]*canvasRecording{}
	}
	c := &canvasRecording{base: base, parts: 1}
	r.canvases[p] = c
	return c
}

// runRecording writes one file until its queue ends; a file the host
// stopped is finished here, one still recording at the end of the show by
// closeRecordings.
func (s *Studio) runRecording(p *program, run *recordingRun) {
	path := run.out.Path
	s.rec.wg.Add(1)
	go func() {
		defer s.rec.wg.Done()
		err := run.out.Run(context.Background(), nil)
		if err != nil {
			s.recordingFailed(p, path, err)
		}
		s.rec.mu.Lock()
		if err != nil {
			s.rec.errs = append(s.rec.errs, err)
		}
		run.exited = true
		stopping := run.stopping
		s.rec.mu.Unlock()
		if stopping {
			s.finishRecording(p, run)
		}
	}()
	s.events.publish(Event{Kind: EventOutputState, Subject: "record", Canvas: p.cfg.ID, State: "recording", Path: path})
}

// recordingFailed logs and publishes the failure of the canvas's file at
// path.
func (s *Studio) recordingFailed(p *program, path string, err error) {
	p.log.Error("recording failed", "path", path, "err", err)
	s.events.publish(Event{Kind: EventOutputState, Subject: "record", Canvas: p.cfg.ID, State: "failed", Err: err, Path: path})
}

// finishRecording closes a stopped file: its trailer, index and chapters.
func (s *Studio) finishRecording(p *program, run *recordingRun) {
	defer close(run.done)
	path := run.out.Path
	if err := run.out.Close(); err != nil {
		s.recordingFailed(p, path, err)
		s.rec.mu.Lock()
		s.rec.errs = append(s.rec.errs, err)
		s.rec.mu.Unlock()
		return
	}
	p.log.Info("recording stopped", "path", path)
	s.events.publish(Event{Kind: EventOutputState, Subject: "record", Canvas: p.cfg.ID, State: "stopped", Path: path})
}

// StopRecording finishes every canvas's recording file and takes it off
// the program; it returns once the files are complete. A recording already
// stopped stays so. The show and its destinations go on.
func (s *Studio) StopRecording(ctx context.Context) error {
	return s.SetRecording(ctx, "", false)
}

// StartRecording opens a new file for every canvas that records and is
// stopped (or whose file failed), from the next keyframe. A recording
// already running goes on.
func (s *Studio) StartRecording(ctx context.Context) error {
	return s.SetRecording(ctx, "", true)
}

// SetRecording stops (on false) or starts again in a new file (on true)
// the recording of one canvas, by id, or of every canvas that records with
// canvas "": StopRecording and StartRecording for just that canvas, the
// other canvases' files going on untouched. Stopping returns once the file
// is complete. An unknown canvas, or one without a recording, is
// ErrBadInput naming it.
func (s *Studio) SetRecording(ctx context.Context, canvas string, on bool) error {
	var only *program
	if canvas != "" {
		p, err := s.program(canvas)
		if err != nil {
			return err
		}
		only = p
	}
	var dones []chan struct{}
	err := s.do(ctx, func() error {
		if len(s.rec.canvases) == 0 {
			return errNoRecording
		}
		if only != nil && s.rec.canvases[only] == nil {
			return fmt.Errorf("%w: canvas %q does not record: give it a [canvas.record] path", ErrBadInput, canvas)
		}
		var err error
		for _, p := range s.programs {
			c := s.rec.canvases[p]
			switch {
			case c == nil || (only != nil && p != only):
			case on:
				err = errors.Join(err, s.startRecording(p, c))
			case c.run != nil:
				dones = append(dones, s.stopRecording(p, c))
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, done := range dones {
		if err := waitDone(ctx, done); err != nil {
			return err
		}
	}
	return nil
}

// stopRecording ends the canvas's file: its queue hands the writer what it
// holds, then ends, and the file is finished. Runs on the loop.
func (s *Studio) stopRecording(p *program, c *canvasRecording) chan struct{} {
	run := c.run
	c.run = nil
	p.records = slices.DeleteFunc(p.records, func(r *record.Output) bool { return r == run.out }) // no more chapters
	s.rec.mu.Lock()
	run.stopping = true
	exited := run.exited
	s.rec.mu.Unlock()
	p.fan.Drop(run.out.Queue)
	if exited { // it failed earlier: its goroutine has gone
		s.rec.wg.Add(1)
		go func() {
			defer s.rec.wg.Done()
			s.finishRecording(p, run)
		}()
	}
	return run.done
}

// startRecording runs on the loop.
func (s *Studio) startRecording(p *program, c *canvasRecording) error {
	if c.run != nil {
		s.rec.mu.Lock()
		exited := c.run.exited
		s.rec.mu.Unlock()
		if !exited {
			return nil
		}
		s.stopRecording(p, c) // a failed file: finish what it has, go on in a new one
	}
	path, n, err := nextPart(c.base, c.parts+1)
	if err == nil {
		var rec *record.Output
		if rec, err = s.openRecording(p, path); err == nil {
			c.parts = n
			c.run = &recordingRun{out: rec, done: make(chan struct{})}
		} else {
			os.Remove(path) // the empty file nextPart reserved
		}
	}
	if err != nil {
		err = fmt.Errorf("%srecording: %w", p.where, err)
		s.recordingFailed(p, path, err)
		return err
	}
	if ch := p.chapter; ch.started {
		// The product on air goes on in the new file, from its start.
		s.addChapter(p, ch.start, 0, ch.title)
	}
	p.video.RequestKeyframe() // the file starts there: a short wait
	p.log.Info("recording started", "path", path)
	s.runRecording(p, c.run)
	return nil
}

// nextPart is the first free file name base-n, base-(n+1), … next to base
// (show.mkv: show-2.mkv); it creates the file, so two starts never take the
// same one and an existing file is never overwritten.
func nextPart(base string, n int) (string, int, error) {
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for ; ; n++ {
		path := fmt.Sprintf("%s-%d%s", stem, n, ext)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return path, n, err
		}
		return path, n, f.Close()
	}
}
