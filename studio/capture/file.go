package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
)

const (
	// fileBuffer is how much decoded sound waits for the mixer, as for
	// the microphone: enough for a late mixer tick, little enough for lip
	// sync.
	fileBuffer = 250 * time.Millisecond
	// fileAudioLead hands sound to the ring a little before its time, so
	// the mixer never finds it empty between two decoded chunks.
	fileAudioLead = 40 * time.Millisecond
	// fileResync is how far behind the wall clock playback may fall (a
	// suspended laptop, a slow disk) before it restarts its clock rather
	// than racing through the backlog.
	fileResync = time.Second
	// filePublishLead puts each picture out this much before its tick on
	// the shared pacing grid (media.PaceStart), so a canvas at the same
	// rate, which composes on the tick, finds it there and both wake in the
	// same burst.
	filePublishLead = 2 * time.Millisecond
)

// File plays a media file (anything FFmpeg reads) as a video and audio
// source, in real time and in a loop: a product video or a looping
// background. Pictures come out as they fall due against the wall clock;
// sound goes into a ring the mixer drains. Timestamps keep counting across
// loops.
type File struct {
	ID, Path string
	Logger   *slog.Logger // nil = slog.Default()

	log    *slog.Logger
	latest media.Latest
	ring   *ring // nil for a file without sound

	mu     sync.Mutex // guards mf: Close may come while Run decodes
	mf     *encoder.MediaFile
	info   encoder.MediaFileInfo
	closed bool
}

// Info describes the file; sizes and rates are known after Initialize.
func (f *File) Info() media.Info {
	f.mu.Lock()
	defer f.mu.Unlock()
	return media.Info{
		ID: f.ID, Kind: media.KindFile, Label: filepath.Base(f.Path),
		HasVideo: f.info.HasVideo, HasAudio: f.info.HasAudio,
		Size: f.info.Size, FPS: int(math.Round(f.info.FPS)),
	}
}

// Initialize opens the file, so a missing or unreadable one is reported
// (with its path) before the show starts.
func (f *File) Initialize() error {
	if f.Path == "" {
		return fmt.Errorf("capture: file %q: no path: %w", f.ID, ErrInvalidConfig)
	}
	f.log = f.Logger
	if f.log == nil {
		f.log = slog.Default()
	}
	f.log = f.log.With("source", f.ID, "kind", media.KindFile)
	mf, err := encoder.OpenMediaFile(f.Path)
	if err != nil {
		return fmt.Errorf("capture: file %q: %w", f.ID, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mf, f.info, f.closed = mf, mf.Info(), false
	if f.info.HasAudio {
		f.ring = newRing(int(fileBuffer * media.SampleRate / time.Second))
	}
	return nil
}

// Run plays the file in a loop until ctx is done.
func (f *File) Run(ctx context.Context) error {
	f.mu.Lock()
	ready, closed := f.mf != nil, f.closed
	f.mu.Unlock()
	if closed {
		return nil
	}
	if !ready {
		return fmt.Errorf("capture: file %q: Run without Initialize: %w", f.ID, ErrInvalidConfig)
	}
	f.log.Info("file playing", "path", f.Path, "duration", f.info.Duration, "video", f.info.HasVideo, "audio", f.info.HasAudio)
	fps := 30.0
	if f.info.FPS > 0 {
		fps = f.info.FPS
	}
	frameDur := time.Duration(float64(time.Second) / fps)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	// Playback starts on the next tick of the pacing grid at the file's
	// rate (at most a frame away), a little before it.
	align := func(t time.Time) time.Time {
		return media.PaceStart(t.Add(filePublishLead), fps).Add(-filePublishLead)
	}
	start := align(time.Now())
	var offset, loopEnd time.Duration // where this loop starts, and how far it reached
	var seq int64
	played := 0 // items in this loop: a loop of nothing must not spin
	for {
		v, a, err := f.next()
		if errors.Is(err, errClosedFile) {
			return nil
		}
		if err != nil {
			if played == 0 {
				return fmt.Errorf("capture: file %q: nothing to play: %w", f.ID, err)
			}
			if !errors.Is(err, io.EOF) {
				// A damaged tail: play what came before, again.
				f.log.Warn("file: decoding stopped early; looping", "err", err)
			}
			if err := f.rewind(); err != nil {
				return fmt.Errorf("capture: file %q: %w", f.ID, err)
			}
			offset, loopEnd, played = offset+loopEnd, 0, 0
			continue
		}
		played++
		var pts, end, lead time.Duration
		if v != nil {
			pts, end = v.PTS, v.PTS+frameDur
		} else {
			pts, end, lead = a.PTS, a.PTS+media.SamplesToDuration(int64(a.Frames())), fileAudioLead
		}
		loopEnd = max(loopEnd, end)
		due := start.Add(offset + pts - lead)
		if late := time.Since(due); late > fileResync {
			f.log.Debug("file: fell behind the clock; resynchronising", "late", late)
			start = align(start.Add(late))
		} else if late < 0 && (v != nil || late < -frameDur) {
			// Sound due within a frame goes out now, with the picture
			// just shown, rather than on a wake-up of its own: the ring
			// holds far more than a frame, and the mixer still reads it
			// at the program's pace, so only the CPU notices.
			timer.Reset(-late)
			select {
			case <-ctx.Done():
				v.Release()
				return nil
			case <-timer.C:
			}
		}
		if ctx.Err() != nil {
			v.Release()
			return nil
		}
		if v != nil {
			// v is ours until published (the decoder's pool gave it one
			// reference), so its times can be set in place.
			v.PTS, v.Seq = offset+v.PTS, seq
			f.latest.Store(v)
			seq++
		} else {
			f.ring.write(a.Samples)
		}
	}
}

var errClosedFile = errors.New("file source closed")

func (f *File) next() (*media.Frame, *media.AudioChunk, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed || f.mf == nil {
		return nil, nil, errClosedFile
	}
	return f.mf.Next()
}

func (f *File) rewind() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed || f.mf == nil {
		return nil // the next read reports the close
	}
	return f.mf.Rewind()
}

// LatestFrame is the newest picture, or nil before the first (and always
// for a file without video). The caller holds a reference: its Release lets
// the decoder reuse the picture's buffer.
func (f *File) LatestFrame() *media.Frame { return f.latest.Load() }

// ReadAudio hands the mixer up to len(dst)/2 buffered sample frames; 0 for
// a file without sound or when nothing is due yet.
func (f *File) ReadAudio(dst []float32) int {
	if f.ring == nil {
		return 0
	}
	return f.ring.read(dst)
}

// Dropped reports how many sample frames were discarded because the mixer
// did not keep up.
func (f *File) Dropped() int64 {
	if f.ring == nil {
		return 0
	}
	return f.ring.droppedFrames()
}

// Close releases the file; a Run in progress ends at its next step.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	if f.mf != nil {
		f.mf.Close()
		f.mf = nil
	}
	return nil
}
