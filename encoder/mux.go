package encoder

import (
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/asticode/go-astiav"

	"github.com/vitrina-live/vitrina/studio/media"
)

// MuxConfig describes one recording or live FLV output.
type MuxConfig struct {
	URL     string            // file path or rtmp(s):// URL
	Format  string            // "matroska" | "mp4" | "flv"; "" = guess from the URL
	Video   *media.StreamInfo // nil for an audio-only output
	Audio   *media.StreamInfo // may be nil
	Options map[string]string // extra muxer and protocol options; they win over the defaults
	Logger  *slog.Logger      // nil = slog.Default()
}

// formatDefaults keep a recording playable when the studio is killed: a
// Matroska cluster or an MP4 fragment about every second, each flushed to
// disk as it completes, so a crash loses at most about a second.
var formatDefaults = map[string]map[string]string{
	"matroska": {"cluster_time_limit": "1000", "flush_packets": "1"},
	"mp4": {
		"movflags":      "frag_keyframe+empty_moov+default_base_moof",
		"frag_duration": "1000000",
		"flush_packets": "1",
	},
	// A live FLV never learns its duration or size; without this flag the
	// muxer tries to seek back and patch them in, which RTMP cannot do.
	"flv": {"flvflags": "no_duration_filesize"},
}

// Muxer writes encoded packets into a container. WritePacket and Close are
// serialised; Abort may be called from anywhere.
type Muxer struct {
	cfg    MuxConfig
	format string
	log    *slog.Logger
	stop   func() bool   // stops the context watcher
	done   chan struct{} // closed when the context watcher has finished

	mu      sync.Mutex
	m       cmux
	video   int // stream index, -1 when absent
	audio   int
	header  bool
	origin  time.Duration // PTS of the first keyframe: the output's time zero
	closed  bool
	dropped int // packets before the first keyframe

	chapters []chapter     // written at Close, see AddChapter
	end      time.Duration // end of the latest packet on the file's timeline
}

// NewMuxer opens the output now, so an unwritable path or an unreachable
// server fails here, before the show starts.
func NewMuxer(cfg MuxConfig) (*Muxer, error) {
	return NewMuxerContext(context.Background(), cfg)
}

// NewMuxerContext is NewMuxer whose blocking I/O (connecting, writing,
// closing) is interrupted when ctx is done: the RTMP output's way to give up
// on a stalled server.
func NewMuxerContext(ctx context.Context, cfg MuxConfig) (*Muxer, error) {
	setupLog()
	format, err := guessFormat(cfg.URL, cfg.Format)
	if err != nil {
		return nil, err
	}
	if cfg.Video == nil && cfg.Audio == nil {
		return nil, fmt.Errorf("%w: output %s has no streams", ErrBadConfig, Redact(cfg.URL))
	}
	mx := &Muxer{cfg: cfg, format: format, log: orDefault(cfg.Logger), video: -1, audio: -1, done: make(chan struct{})}
	if mx.m, err = allocMux(format, cfg.URL); err != nil {
		return nil, fmt.Errorf("encoder: output %s as %s: %w", Redact(cfg.URL), format, err)
	}
	mx.stop = context.AfterFunc(ctx, func() {
		defer close(mx.done)
		mx.m.abort()
	})
	if err := mx.setup(); err != nil {
		mx.release()
		return nil, err
	}
	mx.log.Info("output open", "url", Redact(cfg.URL), "format", format)
	return mx, nil
}

func (mx *Muxer) setup() error {
	cfg := mx.cfg
	var err error
	if v := cfg.Video; v != nil {
		if v.Codec != media.H264 {
			return fmt.Errorf("%w: video codec %q", ErrBadConfig, v.Codec)
		}
		if mx.video, err = mx.m.addVideo(v.Width, v.Height, v.FPS); err != nil {
			return fmt.Errorf("encoder: add video stream: %w", err)
		}
	}
	if a := cfg.Audio; a != nil {
		if err := mx.addAudio(a); err != nil {
			return err
		}
	}
	for k, v := range formatDefaults[mx.format] {
		if _, ok := cfg.Options[k]; !ok {
			mx.m.setOption(k, v)
		}
	}
	for k, v := range cfg.Options {
		mx.m.setOption(k, v)
	}
	if err := mx.m.openIO(cfg.URL); err != nil {
		return fmt.Errorf("encoder: open output %s: %w", Redact(cfg.URL), err)
	}
	return nil
}

func (mx *Muxer) addAudio(a *media.StreamInfo) error {
	var id astiav.CodecID
	var frameSize, padding int
	switch a.Codec {
	case media.AAC:
		// FFmpeg's aac encoder primes with one frame of silence.
		id, frameSize, padding = astiav.CodecIDAac, 1024, 1024
	case media.Opus:
		id, frameSize = astiav.CodecIDOpus, 960
		if len(a.Extradata) >= 12 { // OpusHead carries its pre-skip
			padding = int(binary.LittleEndian.Uint16(a.Extradata[10:12]))
		}
	default:
		return fmt.Errorf("%w: audio codec %q", ErrBadConfig, a.Codec)
	}
	rate, channels := a.SampleRate, a.Channels
	if rate == 0 {
		rate = media.SampleRate
	}
	if channels == 0 {
		channels = media.Channels
	}
	var err error
	if mx.audio, err = mx.m.addAudio(id, rate, channels, frameSize, padding, a.BitrateKbps*1000); err != nil {
		return fmt.Errorf("encoder: add audio stream: %w", err)
	}
	if err := mx.m.setExtradata(mx.audio, a.Extradata); err != nil {
		return fmt.Errorf("encoder: audio extradata: %w", err)
	}
	return nil
}

// WritePacket muxes one packet. Until the first video keyframe, packets are
// dropped: the header needs that keyframe's SPS/PPS, and a recording that
// starts on a keyframe plays from its first second. Times in the output are
// relative to that keyframe. Packets of a codec this
// output does not carry (Opus on an AAC recording) are ignored, so a fan-out
// can hand every packet to every output.
func (mx *Muxer) WritePacket(p media.Packet) error {
	mx.mu.Lock()
	defer mx.mu.Unlock()
	if mx.closed {
		return ErrClosed
	}
	index := mx.streamFor(p)
	if index < 0 {
		return nil
	}
	if !mx.header {
		if mx.video >= 0 && (index != mx.video || !p.Keyframe) {
			mx.dropped++
			return nil
		}
		if err := mx.writeHeader(p); err != nil {
			return err
		}
	}
	if err := mx.m.write(index, p.Data, p.PTS-mx.origin, p.DTS-mx.origin, p.Duration, p.Keyframe); err != nil {
		return fmt.Errorf("encoder: write %s packet to %s: %w", p.Kind, Redact(mx.cfg.URL), err)
	}
	mx.end = max(mx.end, p.PTS-mx.origin+p.Duration)
	return nil
}

func (mx *Muxer) streamFor(p media.Packet) int {
	switch {
	case p.Kind == media.Video && mx.cfg.Video != nil && p.Codec == mx.cfg.Video.Codec:
		return mx.video
	case p.Kind == media.Audio && mx.cfg.Audio != nil && p.Codec == mx.cfg.Audio.Codec:
		return mx.audio
	}
	return -1
}

func (mx *Muxer) writeHeader(first media.Packet) error {
	if mx.video >= 0 {
		sets := H264ParameterSets(first.Data)
		if sets == nil {
			return fmt.Errorf("encoder: %s: %w", Redact(mx.cfg.URL), ErrNoParameterSets)
		}
		if err := mx.m.setExtradata(mx.video, sets); err != nil {
			return fmt.Errorf("encoder: video extradata: %w", err)
		}
	}
	if err := mx.m.writeHeader(); err != nil {
		return fmt.Errorf("encoder: write %s header to %s: %w", mx.format, Redact(mx.cfg.URL), err)
	}
	mx.header = true
	// Every output starts at zero, whenever in the show it was opened: a
	// recording started an hour in plays from 0:00, and an RTMP output that
	// reconnects starts a fresh timeline, as platforms expect.
	mx.origin = first.PTS
	if left := mx.m.unusedOptions(); len(left) > 0 {
		mx.log.Warn("output ignored options", "url", Redact(mx.cfg.URL), "options", left)
	}
	if mx.dropped > 0 {
		mx.log.Debug("output dropped packets before the first keyframe", "url", Redact(mx.cfg.URL), "packets", mx.dropped)
	}
	return nil
}

// Abort unblocks a write or close that is stuck on the network; the output
// fails from then on. Close must still be called.
func (mx *Muxer) Abort() { mx.m.abort() }

// Close writes the trailer (index, duration) and closes the output. It is
// safe to call more than once.
func (mx *Muxer) Close() error {
	mx.mu.Lock()
	defer mx.mu.Unlock()
	if mx.closed {
		return nil
	}
	mx.closed = true
	var err error
	if mx.header {
		// A chapter that cannot be added is no reason to lose the index.
		if cerr := mx.writeChapters(); cerr != nil {
			mx.log.Warn("output chapters lost", "url", Redact(mx.cfg.URL), "err", cerr)
		}
		if err = mx.m.trailer(); err != nil {
			err = fmt.Errorf("encoder: finish %s: %w", Redact(mx.cfg.URL), err)
		}
	} else {
		mx.log.Warn("output closed before any video keyframe; it holds no media", "url", Redact(mx.cfg.URL))
	}
	if ferr := mx.release(); ferr != nil && err == nil {
		err = fmt.Errorf("encoder: close %s: %w", Redact(mx.cfg.URL), ferr)
	}
	return err
}

// release waits out the context watcher, so it never touches freed memory,
// and frees the C side.
func (mx *Muxer) release() error {
	if !mx.stop() {
		<-mx.done
	}
	return mx.m.free()
}

func guessFormat(u, format string) (string, error) {
	if format != "" {
		return format, nil
	}
	lower := strings.ToLower(u)
	if strings.HasPrefix(lower, "rtmp://") || strings.HasPrefix(lower, "rtmps://") {
		return "flv", nil
	}
	switch filepath.Ext(lower) {
	case ".mkv":
		return "matroska", nil
	case ".mp4", ".m4v":
		return "mp4", nil
	case ".flv":
		return "flv", nil
	}
	return "", fmt.Errorf("%w: %s (use .mkv or .mp4)", ErrUnknownFormat, Redact(u))
}

// Redact hides what may be a secret in an output URL through the project's
// one redaction helper. File paths are shown as they are, since a user needs
// to see where the recording went.
func Redact(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return media.RedactURL(s)
}
