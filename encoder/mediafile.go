package encoder

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/asticode/go-astiav"

	"github.com/vitrina-live/vitrina/studio/media"
)

// MediaFileInfo describes an opened media file.
type MediaFileInfo struct {
	HasVideo, HasAudio bool
	Size               media.Size // even: odd sizes are cropped by one pixel
	FPS                float64
	Duration           time.Duration
}

// MediaFile decodes a video or audio file (anything FFmpeg reads) into
// program-format frames and audio chunks, for the file source. It is not
// safe for concurrent use.
type MediaFile struct {
	path  string
	log   *slog.Logger
	fc    *astiav.FormatContext
	pkt   *astiav.Packet
	video *decoder
	audio *decoder
	info  MediaFileInfo
	start time.Duration
	queue []item
	eof   bool
}

// item is one decoded picture or chunk; exactly one field is set.
type item struct {
	video *media.Frame
	audio *media.AudioChunk
}

// OpenMediaFile opens a file and its first video and first audio stream.
func OpenMediaFile(path string) (*MediaFile, error) {
	setupLog()
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("encoder: media file: %w", err) // names the path
	}
	m := &MediaFile{path: path, log: slog.Default(), fc: astiav.AllocFormatContext(), pkt: astiav.AllocPacket()}
	if err := m.fc.OpenInput(path, nil, nil); err != nil {
		m.fc.Free()
		m.fc = nil
		m.Close()
		return nil, fmt.Errorf("encoder: media file %s: cannot read it: %w", path, err)
	}
	if err := m.open(); err != nil {
		m.Close()
		return nil, fmt.Errorf("encoder: media file %s: %w", path, err)
	}
	return m, nil
}

func (m *MediaFile) open() error {
	if err := m.fc.FindStreamInfo(nil); err != nil {
		return fmt.Errorf("find streams: %w", err)
	}
	if st := m.fc.StartTime(); st != astiav.NoPtsValue {
		m.start = fromTicks(st, astiav.TimeBaseQ)
	}
	var errs []error
	for _, s := range m.fc.Streams() {
		kind := s.CodecParameters().MediaType()
		if (kind == astiav.MediaTypeVideo && m.video != nil) || (kind == astiav.MediaTypeAudio && m.audio != nil) ||
			(kind != astiav.MediaTypeVideo && kind != astiav.MediaTypeAudio) {
			continue
		}
		d, err := newDecoder(m.fc, s, m.start)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if kind == astiav.MediaTypeVideo {
			m.video = d
		} else {
			m.audio = d
		}
	}
	if m.video == nil && m.audio == nil {
		return errors.Join(append([]error{ErrNoStreams}, errs...)...)
	}
	for _, err := range errs {
		m.log.Warn("media file: stream skipped", "path", m.path, "error", err)
	}
	m.info = MediaFileInfo{HasVideo: m.video != nil, HasAudio: m.audio != nil}
	if m.video != nil {
		m.info.Size = media.Size{W: m.video.w, H: m.video.h}
		m.info.FPS = m.video.fps
	}
	if d := m.fc.Duration(); d > 0 {
		m.info.Duration = fromTicks(d, astiav.TimeBaseQ)
	}
	return nil
}

// Info describes the file.
func (m *MediaFile) Info() MediaFileInfo { return m.info }

// Next returns the next decoded picture or chunk, in file order, with PTS
// relative to the start of the file; io.EOF after the last one. A picture
// comes with one reference, the caller's: it reads FFmpeg's buffer in
// place, and its Release hands the buffer back to the decoder (one never
// released goes back when the garbage collector finds it unreachable).
func (m *MediaFile) Next() (*media.Frame, *media.AudioChunk, error) {
	for len(m.queue) == 0 {
		if m.eof {
			return nil, nil, io.EOF
		}
		if err := m.read(); err != nil {
			return nil, nil, fmt.Errorf("encoder: media file %s: %w", m.path, err)
		}
	}
	it := m.queue[0]
	m.queue = m.queue[1:]
	if len(m.queue) == 0 {
		m.queue = m.queue[:0:0] // let the backing array go
	}
	return it.video, it.audio, nil
}

func (m *MediaFile) emit(it item) { m.queue = append(m.queue, it) }

func (m *MediaFile) read() error {
	m.pkt.Unref()
	err := m.fc.ReadFrame(m.pkt)
	if errors.Is(err, astiav.ErrEof) {
		m.eof = true
		for _, d := range []*decoder{m.video, m.audio} {
			if d == nil {
				continue
			}
			if err := d.decode(nil, m.emit, m.log); err != nil {
				return err
			}
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	for _, d := range []*decoder{m.video, m.audio} {
		if d != nil && d.stream.Index() == m.pkt.StreamIndex() {
			return d.decode(m.pkt, m.emit, m.log)
		}
	}
	return nil // a stream we do not play (subtitles, a second audio track)
}

// Rewind goes back to the start of the file, for looping.
func (m *MediaFile) Rewind() error {
	ts := int64(0)
	if st := m.fc.StartTime(); st != astiav.NoPtsValue {
		ts = st
	}
	if err := m.fc.SeekFrame(-1, ts, astiav.NewSeekFlags(astiav.SeekFlagBackward)); err != nil {
		return fmt.Errorf("encoder: media file %s: rewind: %w", m.path, err)
	}
	m.dropQueue()
	m.eof = false
	for _, d := range []*decoder{m.video, m.audio} {
		if d == nil {
			continue
		}
		if err := d.restart(); err != nil {
			return fmt.Errorf("encoder: media file %s: rewind: %w", m.path, err)
		}
	}
	return nil
}

// dropQueue forgets the decoded items nobody will play, handing their
// pictures back to the pool.
func (m *MediaFile) dropQueue() {
	for _, it := range m.queue {
		it.video.Release()
	}
	m.queue = nil
}

// Close frees the file. It is safe to call more than once.
func (m *MediaFile) Close() {
	m.dropQueue()
	for _, d := range []**decoder{&m.video, &m.audio} {
		if *d != nil {
			(*d).free()
			*d = nil
		}
	}
	if m.fc != nil {
		m.fc.CloseInput()
		m.fc.Free()
		m.fc = nil
	}
	if m.pkt != nil {
		m.pkt.Free()
		m.pkt = nil
	}
}
