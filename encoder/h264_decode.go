package encoder

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/asticode/go-astiav"

	"github.com/vitrina-live/vitrina/studio/media"
)

// inputPadding is AV_INPUT_BUFFER_PADDING_SIZE: FFmpeg's bitstream readers
// may read that far past a packet's end, so the bytes must exist and be zero.
const inputPadding = 64

// H264Decoder decodes annex-B H.264 access units, one at a time as they come
// off the network, into I420 frames. It is built for live streams: one
// thread and low-delay output, so each access unit yields its picture at
// once (a stream without B-frames needs no reordering), instead of frame
// threads holding pictures back. Its methods are serialised.
type H264Decoder struct {
	mu     sync.Mutex
	cc     *astiav.CodecContext
	pkt    *astiav.Packet
	frame  *astiav.Frame
	yuv    *astiav.Frame // the decoded picture converted to yuv420p
	sws    *astiav.SoftwareScaleContext
	swsKey [3]int
	seq    int64
}

// NewH264Decoder opens FFmpeg's H.264 decoder.
func NewH264Decoder() (*H264Decoder, error) {
	setupLog()
	codec := astiav.FindDecoder(astiav.CodecIDH264)
	if codec == nil {
		return nil, fmt.Errorf("%w: FFmpeg has no H.264 decoder", ErrBadConfig)
	}
	cc := astiav.AllocCodecContext(codec)
	if cc == nil {
		return nil, fmt.Errorf("encoder: allocate H.264 decoder")
	}
	cc.SetTimeBase(nanos)
	cc.SetThreadCount(1)
	cc.SetFlags(astiav.NewCodecContextFlags(astiav.CodecContextFlagLowDelay))
	if err := cc.Open(codec, nil); err != nil {
		cc.Free()
		return nil, fmt.Errorf("encoder: open H.264 decoder: %w", err)
	}
	return &H264Decoder{cc: cc, pkt: astiav.AllocPacket(), frame: astiav.AllocFrame(), yuv: astiav.AllocFrame()}, nil
}

// Decode sends one access unit (annex-B, SPS/PPS in-band before keyframes)
// stamped with pts, and returns the pictures it yields: usually exactly
// one, none before the first keyframe. Frames are new images the caller
// owns, cropped to an even size. An error wrapping ErrCorrupt means this
// access unit was bad; the decoder stays usable.
func (d *H264Decoder) Decode(annexB []byte, pts time.Duration) ([]*media.Frame, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cc == nil {
		return nil, ErrClosed
	}
	if len(annexB) == 0 {
		return nil, nil
	}
	d.pkt.Unref()
	padded := make([]byte, len(annexB)+inputPadding)
	copy(padded, annexB)
	if err := d.pkt.FromData(padded); err != nil {
		return nil, fmt.Errorf("encoder: H.264 packet: %w", err)
	}
	d.pkt.SetSize(len(annexB)) // the padding is there, but not part of the data
	d.pkt.SetPts(toTicks(pts, nanos))
	d.pkt.SetDts(toTicks(pts, nanos))
	var sendErr error
	if err := d.cc.SendPacket(d.pkt); err != nil {
		if !errors.Is(err, astiav.ErrInvaliddata) {
			return nil, fmt.Errorf("encoder: decode H.264: %w", err)
		}
		// Keep going: the decoder may still have a picture to give back.
		sendErr = fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	var out []*media.Frame
	for {
		d.frame.Unref()
		err := d.cc.ReceiveFrame(d.frame)
		if errors.Is(err, astiav.ErrEagain) || errors.Is(err, astiav.ErrEof) {
			break
		}
		if errors.Is(err, astiav.ErrInvaliddata) {
			sendErr = fmt.Errorf("%w: %v", ErrCorrupt, err)
			continue
		}
		if err != nil {
			return out, fmt.Errorf("encoder: decode H.264: %w", err)
		}
		f, err := d.picture()
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, sendErr
}

// picture copies the decoded frame out, converting other pixel formats
// (4:2:2 or 4:4:4 High profiles, full-range yuvj420p) to I420.
func (d *H264Decoder) picture() (*media.Frame, error) {
	src, err := toYUV420(d.frame, d.yuv, &d.sws, &d.swsKey)
	if err != nil {
		return nil, fmt.Errorf("encoder: %w", err)
	}
	w, h := src.Width()&^1, src.Height()&^1
	if w == 0 || h == 0 {
		return nil, fmt.Errorf("%w: picture of %dx%d", ErrCorrupt, src.Width(), src.Height())
	}
	var pts time.Duration
	if ts := bestEffortPTS(d.frame); ts != astiav.NoPtsValue {
		pts = fromTicks(ts, nanos)
	}
	f := &media.Frame{Img: getYCbCr(src, w, h), PTS: pts, Seq: d.seq}
	d.seq++
	return f, nil
}

// Close frees the decoder; later calls return ErrClosed.
func (d *H264Decoder) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cc == nil {
		return
	}
	d.cc.Free()
	d.cc = nil
	d.pkt.Free()
	d.frame.Free()
	d.yuv.Free()
	if d.sws != nil {
		d.sws.Free()
		d.sws = nil
	}
}
