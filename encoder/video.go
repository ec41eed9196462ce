package encoder

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asticode/go-astiav"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Video is timed in the 90 kHz clock of RTP and MPEG: fine enough to carry
// the program time of each frame exactly, so A/V sync survives encoding.
var videoTimeBase = astiav.NewRational(1, 90000)

// keyframeGap is the least time between two keyframes forced by
// RequestKeyframe, so a burst of PLIs from a lossy viewer costs one IDR, not
// a stream of them, and the 2 s GOP that RTMP platforms want is kept.
const keyframeGap = time.Second

// VideoConfig configures one H.264 encode of one program canvas.
type VideoConfig struct {
	Width, Height, FPS int
	Encoder            string        // "auto" | "x264" | "nvenc" | "vaapi" | "videotoolbox"; "" = auto
	Preset             string        // x264 preset, default "veryfast"
	BitrateKbps        int           // CBR target, default 3500
	Keyframe           time.Duration // keyframe interval, default 2s
	Threads            int           // 0 = codec default
	Logger             *slog.Logger  // nil = slog.Default()
	// Profile is the H.264 profile, default "main": every browser decodes
	// it over WebRTC, and its CABAC keeps most of High's efficiency.
	Profile string
}

func (c *VideoConfig) defaults() error {
	if c.Width <= 0 || c.Height <= 0 || c.Width%2 != 0 || c.Height%2 != 0 {
		return fmt.Errorf("%w: video size %dx%d must be positive and even", ErrBadConfig, c.Width, c.Height)
	}
	if c.FPS <= 0 || c.FPS > 240 {
		return fmt.Errorf("%w: fps %d", ErrBadConfig, c.FPS)
	}
	if c.Preset == "" {
		c.Preset = "veryfast"
	}
	if c.BitrateKbps <= 0 {
		c.BitrateKbps = 3500
	}
	if c.Keyframe <= 0 {
		c.Keyframe = 2 * time.Second
	}
	if c.Profile == "" {
		c.Profile = "main"
	}
	c.Logger = orDefault(c.Logger)
	return nil
}

// VideoEncoder encodes I420 program frames to annex-B H.264. Encode, Flush
// and Close belong to one goroutine (the canvas's encode loop); they are
// also serialised, so a Close from elsewhere is safe. RequestKeyframe may be
// called from any goroutine.
type VideoEncoder struct {
	cfg  VideoConfig
	name string

	mu        sync.Mutex
	cc        *astiav.CodecContext
	frame     *astiav.Frame
	pkt       *astiav.Packet
	lastPTS   int64         // ticks of the last frame sent, for monotonic timestamps
	lastKey   time.Duration // PTS of the last keyframe out, for keyframeGap
	sawKey    bool
	flushed   bool
	extradata []byte
	// wrap, for libx264 only, is an empty frame pointed at each program
	// picture for the send instead of a copy of it (see video_wrap.go).
	wrap *astiav.Frame
	kept []keptPicture // pictures the encoder unexpectedly held on to

	wantKey atomic.Bool
}

// NewVideoEncoder opens the configured encoder, falling back to libx264.
func NewVideoEncoder(cfg VideoConfig) (*VideoEncoder, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	setupLog()
	cc, err := openFirstVideo(cfg, cfg.Logger)
	if err != nil {
		return nil, err
	}
	e := &VideoEncoder{cfg: cfg, cc: cc, name: cc.Class().ItemName(), lastPTS: -1}
	if e.name == "" || e.name == "NULL" {
		e.name = "unknown"
	}
	e.frame = astiav.AllocFrame()
	e.frame.SetWidth(cfg.Width)
	e.frame.SetHeight(cfg.Height)
	e.frame.SetPixelFormat(astiav.PixelFormatYuv420P)
	if err := e.frame.AllocBuffer(0); err != nil {
		e.Close()
		return nil, fmt.Errorf("encoder: allocate video frame: %w", err)
	}
	e.pkt = astiav.AllocPacket()
	if e.name == "libx264" {
		e.wrap = astiav.AllocFrame()
	}
	cfg.Logger.Info("video encoder open", "encoder", e.name, "size", fmt.Sprintf("%dx%d", cfg.Width, cfg.Height),
		"fps", cfg.FPS, "bitrate_kbps", cfg.BitrateKbps, "keyframe", cfg.Keyframe, "profile", cfg.Profile)
	return e, nil
}

// Name is the FFmpeg encoder in use: "libx264", "h264_nvenc", ...
func (e *VideoEncoder) Name() string { return e.name }

// Info describes the stream. Extradata (SPS+PPS) is filled in once the first
// keyframe has come out.
func (e *VideoEncoder) Info() media.StreamInfo {
	e.mu.Lock()
	defer e.mu.Unlock()
	return media.StreamInfo{
		Kind: media.Video, Codec: media.H264,
		Width: e.cfg.Width, Height: e.cfg.Height, FPS: e.cfg.FPS,
		BitrateKbps: e.cfg.BitrateKbps,
		Extradata:   e.extradata,
	}
}

// RequestKeyframe makes an upcoming frame an IDR (with SPS/PPS in front),
// at most one per keyframeGap of program time; a request inside the gap
// waits for its end rather than being lost.
func (e *VideoEncoder) RequestKeyframe() { e.wantKey.Store(true) }

// Encode sends one frame and returns the packets that are ready (with
// zerolatency x264, the frame's own packet).
func (e *VideoEncoder) Encode(f *media.Frame) ([]media.Packet, error) {
	if f == nil || f.Img == nil {
		return nil, fmt.Errorf("%w: nil frame", ErrBadConfig)
	}
	if w, h := f.Img.Rect.Dx(), f.Img.Rect.Dy(); w != e.cfg.Width || h != e.cfg.Height {
		return nil, fmt.Errorf("%w: got %dx%d, want %dx%d", ErrFrameSize, w, h, e.cfg.Width, e.cfg.Height)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cc == nil || e.flushed {
		return nil, ErrClosed
	}
	frame := e.frame
	var pin runtime.Pinner
	if e.wrap != nil {
		if err := wrapYCbCr(e.wrap, f.Img, &pin); err != nil {
			return nil, fmt.Errorf("encoder: %w", err)
		}
		frame = e.wrap
	} else if err := putYCbCr(e.frame, f.Img); err != nil {
		return nil, fmt.Errorf("encoder: %w", err)
	}
	pts := toTicks(f.PTS, videoTimeBase)
	if pts <= e.lastPTS {
		// Encoders reject non-increasing timestamps; a frame that arrives
		// on the same tick as the last one is nudged, not dropped.
		pts = e.lastPTS + 1
	}
	e.lastPTS = pts
	frame.SetPts(pts)
	frame.SetPictureType(astiav.PictureTypeNone)
	if e.wantKey.Load() && (!e.sawKey || f.PTS-e.lastKey >= keyframeGap) {
		e.wantKey.Store(false)
		frame.SetPictureType(astiav.PictureTypeI)
	}
	err := e.cc.SendFrame(frame)
	if frame == e.wrap {
		e.unwrap(f, &pin)
	}
	if err != nil {
		return nil, fmt.Errorf("encoder: send video frame: %w", err)
	}
	return e.receive()
}

// unwrap ends a send from the program picture itself. Should the encoder
// have kept a reference to it (libx264 does not), the picture stays pinned
// and held until Close, and later pictures are copied.
func (e *VideoEncoder) unwrap(f *media.Frame, pin *runtime.Pinner) {
	if !unwrapYCbCr(e.wrap) {
		pin.Unpin()
		return
	}
	f.Retain()
	e.kept = append(e.kept, keptPicture{f, pin})
	e.wrap.Free()
	e.wrap = nil
	e.cfg.Logger.Warn("video encoder kept a picture it was lent; copying pictures from now on", "encoder", e.name)
}

// keptPicture is a program picture an encoder still points at.
type keptPicture struct {
	f   *media.Frame
	pin *runtime.Pinner
}

// Flush drains the encoder at the end of the show. The encoder is spent
// afterwards: only Close may follow.
func (e *VideoEncoder) Flush() ([]media.Packet, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cc == nil || e.flushed {
		return nil, ErrClosed
	}
	e.flushed = true
	if err := e.cc.SendFrame(nil); err != nil && !errors.Is(err, astiav.ErrEof) {
		return nil, fmt.Errorf("encoder: flush video: %w", err)
	}
	return e.receive()
}

func (e *VideoEncoder) receive() ([]media.Packet, error) {
	var out []media.Packet
	nominal := time.Second / time.Duration(e.cfg.FPS)
	for {
		e.pkt.Unref()
		if err := e.cc.ReceivePacket(e.pkt); err != nil {
			if errors.Is(err, astiav.ErrEagain) || errors.Is(err, astiav.ErrEof) {
				return out, nil
			}
			return out, fmt.Errorf("encoder: receive video packet: %w", err)
		}
		p := media.Packet{
			Kind:     media.Video,
			Codec:    media.H264,
			Data:     e.pkt.Data(), // a copy: FFmpeg reuses its buffer
			PTS:      fromTicks(e.pkt.Pts(), videoTimeBase),
			DTS:      fromTicks(e.pkt.Dts(), videoTimeBase),
			Duration: fromTicks(e.pkt.Duration(), videoTimeBase),
			Keyframe: e.pkt.Flags().Has(astiav.PacketFlagKey),
		}
		if p.Duration <= 0 {
			p.Duration = nominal
		}
		if p.Keyframe {
			e.lastKey, e.sawKey = p.PTS, true
			if e.extradata == nil {
				e.extradata = H264ParameterSets(p.Data)
			}
		}
		out = append(out, p)
	}
}

// Close frees the encoder. It is safe to call more than once.
func (e *VideoEncoder) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cc != nil {
		e.cc.Free()
		e.cc = nil
	}
	if e.frame != nil {
		e.frame.Free()
		e.frame = nil
	}
	if e.pkt != nil {
		e.pkt.Free()
		e.pkt = nil
	}
	if e.wrap != nil {
		e.wrap.Free()
		e.wrap = nil
	}
	for _, k := range e.kept { // the encoder that held them is gone
		k.pin.Unpin()
		k.f.Release()
	}
	e.kept = nil
}
