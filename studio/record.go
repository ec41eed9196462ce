package studio

import (
	"errors"
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output/record"
)

// Recordings: each canvas records its own program (its [canvas.record], or
// the file's [record] for a show with one canvas). They are outputs on the
// canvas's fan-out like any destination, but never retried: a full disk is
// reported, not hidden. Chapters and anything else that follows the
// recordings belong here.

// buildRecording opens the canvas's recording file, if it has one: the
// first canvas's path may come from Config.RecordPath (vitrina run --record).
func (s *Studio) buildRecording(p *program, first bool) error {
	path := s.cfg.Show.Resolve(p.cfg.Record.Path)
	if first && s.cfg.RecordPath != "" {
		path = s.cfg.RecordPath
	}
	if path == "" {
		return nil
	}
	rec, err := s.openRecording(p, path)
	if err != nil {
		return fmt.Errorf("%w: %srecord.path: %v", ErrBadInput, p.where, err)
	}
	s.rec.canvas(p, path).run = &recordingRun{out: rec, done: make(chan struct{})}
	return nil
}

// openRecording creates a recording file on the canvas's fan-out; it
// begins at the next keyframe.
func (s *Studio) openRecording(p *program, path string) (*record.Output, error) {
	audio := s.aac.Info()
	rec := &record.Output{
		Path: path, Video: p.video.Info(), Audio: &audio, Logger: p.log,
		// 10 s of packets: a disk that stalls briefly loses nothing.
		Queue: s.subscribe(p, "record", 10*(p.cfg.FPS+50), media.AAC),
	}
	if err := rec.Initialize(); err != nil {
		p.fan.Unsubscribe(rec.Queue)
		return nil, err
	}
	p.records = append(p.records, rec) // the muxer logs where it writes
	p.recordPaths = append(p.recordPaths, path)
	return rec, nil
}

// runRecordings writes every canvas's recordings until their fan-outs
// close; wait returns their errors once all have finished, those started
// and stopped during the show included.
func (s *Studio) runRecordings() (wait func() []error) {
	for _, p := range s.programs {
		if c := s.rec.canvases[p]; c != nil && c.run != nil {
			s.runRecording(p, c.run)
		}
	}
	return func() []error {
		s.rec.wg.Wait()
		s.rec.mu.Lock()
		defer s.rec.mu.Unlock()
		return s.rec.errs
	}
}

// closeRecordings finishes every recording file (its index, its last
// cluster).
func (s *Studio) closeRecordings() error {
	var err error
	for _, p := range s.programs {
		for _, r := range p.records {
			err = errors.Join(err, r.Close())
		}
		p.records = nil
	}
	return err
}

// openChapter is a product on air since start (program PTS).
type openChapter struct {
	title   string
	start   time.Duration
	warned  bool // a recording without chapters (fragmented MP4) said so once
	started bool
}

// chapters marks the products on air in every canvas's recordings: a pin
// opens a chapter from the next frame (the card's first, on a canvas that
// draws it), which the next pin or the end of the recording closes; an
// unpin closes it there, so a stretch with nothing on air is in no
// chapter. The time is the canvas's own program clock, so a canvas without
// overlays (one too small for them) gets its chapters too. Runs on the
// engine loop.
func (s *Studio) chapters(title string) {
	for _, p := range s.programs {
		now := p.lastPTS() + time.Second/time.Duration(p.cfg.FPS) // the next frame
		c := &p.chapter
		if c.started {
			s.addChapter(p, c.start, now, c.title) // close the one on air
		}
		*c = openChapter{title: title, start: now, started: title != "", warned: c.warned}
		if title != "" {
			s.addChapter(p, now, 0, title)
		}
	}
}

func (s *Studio) addChapter(p *program, start, end time.Duration, title string) {
	for _, r := range p.records {
		if err := r.AddChapter(start, end, title); err != nil && !p.chapter.warned {
			p.chapter.warned = true
			p.log.Warn("recording chapters", "path", r.Path, "err", err)
		}
	}
}
