package encoder

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/asticode/go-astiav"

	"github.com/vitrina-live/vitrina/studio/media"
)

// decodedFramesKept is how many idle pictures a video decoder keeps for
// reuse when it must convert them (pictures already in yuv420p are shared
// with FFmpeg instead). A playing file holds about four at once (queued,
// waiting for its time, on show, being composed); a few more absorb a slow
// encoder.
const decodedFramesKept = 6

// decoder decodes one stream of a media file into the program's formats:
// I420 frames at an even size, or 48 kHz stereo float chunks.
type decoder struct {
	stream *astiav.Stream
	tb     astiav.Rational
	start  time.Duration // the file's start time, subtracted from every PTS
	cc     *astiav.CodecContext
	frame  *astiav.Frame

	// video
	w, h   int // even output size
	fps    float64
	yuv    *astiav.Frame // the decoded picture converted to yuv420p
	pool   *media.FramePool
	sws    *astiav.SoftwareScaleContext
	swsKey [3]int // source width, height and format the scaler was made for
	last   time.Duration
	seq    int64

	// audio
	conv    *audioConverter
	next    time.Duration // PTS of the next converted sample
	started bool
}

func newDecoder(fc *astiav.FormatContext, s *astiav.Stream, start time.Duration) (*decoder, error) {
	d := &decoder{stream: s, tb: s.TimeBase(), start: start, frame: astiav.AllocFrame()}
	if s.CodecParameters().MediaType() == astiav.MediaTypeVideo {
		d.w, d.h = s.CodecParameters().Width()&^1, s.CodecParameters().Height()&^1
		if d.w == 0 || d.h == 0 {
			d.free()
			return nil, fmt.Errorf("video stream %d has no size", s.Index())
		}
		d.fps = fc.GuessFrameRate(s, nil).Float64()
		d.yuv = astiav.AllocFrame()
		d.pool = media.NewFramePool(media.Size{W: d.w, H: d.h}, decodedFramesKept)
	}
	if err := d.open(); err != nil {
		d.free()
		return nil, err
	}
	return d, nil
}

// restart readies a drained decoder to decode the file again from its
// start: flushed in place when it can be (see flushDecoder), reopened when
// not.
func (d *decoder) restart() error {
	if !flushDecoder(d.cc) {
		return d.open()
	}
	d.reset()
	return nil
}

// reset forgets the position in the stream: the resampler (which holds the
// tail of the last loop) and the counters.
func (d *decoder) reset() {
	if d.conv != nil {
		d.conv.free()
		d.conv = nil
	}
	d.started, d.seq, d.last = false, 0, 0
}

// open makes a fresh codec context.
func (d *decoder) open() error {
	if d.cc != nil {
		d.cc.Free()
	}
	d.reset()
	par := d.stream.CodecParameters()
	codec := astiav.FindDecoder(par.CodecID())
	if codec == nil {
		return fmt.Errorf("no decoder for %s", par.CodecID())
	}
	d.cc = astiav.AllocCodecContext(codec)
	if err := par.ToCodecContext(d.cc); err != nil {
		return fmt.Errorf("%s parameters: %w", codec.Name(), err)
	}
	d.cc.SetTimeBase(d.tb)
	// Up to 720p one thread decodes far faster than real time, and frame
	// threads would add a frame of delay per thread plus their CPU and
	// memory overhead (measured: 3% of the process and 12 MiB for two 720p
	// files). Larger pictures take every core so they keep up.
	if par.Width()*par.Height() <= 1280*720 {
		d.cc.SetThreadCount(1)
	} else {
		d.cc.SetThreadCount(0)
	}
	if err := d.cc.Open(codec, nil); err != nil {
		return fmt.Errorf("open %s decoder: %w", codec.Name(), err)
	}
	return nil
}

func (d *decoder) isVideo() bool { return d.yuv != nil }

// decode sends a packet (nil drains the decoder) and hands every item it
// yields to emit. Corrupt data is logged and skipped: one bad packet must not
// end a looping background video.
func (d *decoder) decode(pkt *astiav.Packet, emit func(item), log *slog.Logger) error {
	if err := d.cc.SendPacket(pkt); err != nil && !errors.Is(err, astiav.ErrEof) {
		if !errors.Is(err, astiav.ErrInvaliddata) {
			return fmt.Errorf("decode: %w", err)
		}
		log.Warn("media file: skipping corrupt packet", "stream", d.stream.Index(), "error", err)
	}
	for {
		d.frame.Unref()
		err := d.cc.ReceiveFrame(d.frame)
		if errors.Is(err, astiav.ErrEagain) || errors.Is(err, astiav.ErrEof) {
			break
		}
		if err != nil {
			if errors.Is(err, astiav.ErrInvaliddata) {
				log.Warn("media file: skipping corrupt frame", "stream", d.stream.Index(), "error", err)
				continue
			}
			return fmt.Errorf("decode: %w", err)
		}
		if d.isVideo() {
			f, err := d.picture()
			if err != nil {
				return err
			}
			emit(item{video: f})
			continue
		}
		if err := d.sound(d.frame, emit); err != nil {
			return err
		}
	}
	if pkt == nil && !d.isVideo() && d.conv != nil {
		return d.sound(nil, emit) // drain the resampler too
	}
	return nil
}

func (d *decoder) pts(f *astiav.Frame) (time.Duration, bool) {
	ts := bestEffortPTS(f)
	if ts == astiav.NoPtsValue {
		return 0, false
	}
	return fromTicks(ts, d.tb) - d.start, true
}

func (d *decoder) picture() (*media.Frame, error) {
	src, err := toYUV420(d.frame, d.yuv, &d.sws, &d.swsKey)
	if err != nil {
		return nil, err
	}
	// A file whose size changes midway keeps the size it started with, cropped.
	w, h := min(d.w, src.Width()&^1), min(d.h, src.Height()&^1)
	pts, ok := d.pts(d.frame)
	if !ok || (d.seq > 0 && pts <= d.last) {
		pts = d.last + d.frameDuration()
	}
	d.last = pts
	var f *media.Frame
	switch {
	case src == d.frame:
		f = sharedFrame(src, w, h) // the common case: no copy at all
	case w == d.w && h == d.h:
		// The scaler reuses d.yuv for the next picture: copy this one.
		f = d.pool.Get()
		copyYCbCr(src, f.Img)
	}
	if f == nil {
		f = &media.Frame{Img: getYCbCr(src, w, h)} // rare: not worth a pool
	}
	f.PTS, f.Seq = pts, d.seq
	d.seq++
	return f, nil
}

// sharedFrame hands out a decoded yuv420p picture in place, holding the
// decoder's buffer until the last holder releases it; nil when its layout
// does not fit an image.YCbCr.
func sharedFrame(src *astiav.Frame, w, h int) *media.Frame {
	img, free, ok := shareYCbCr(src, w, h)
	if !ok {
		return nil
	}
	// A holder that never releases the frame (a test keeping every
	// picture of a file) must not leak FFmpeg's memory: the collector
	// frees it once nothing can reach the picture.
	cleanup := runtime.AddCleanup(img, func(free func()) { free() }, free)
	return media.NewSharedFrame(img, func() {
		cleanup.Stop()
		free()
	})
}

// toYUV420 returns src when it is yuv420p already, or else src converted
// into yuv by *sws, a scaler made (or remade) for src's size and format,
// which *key records.
func toYUV420(src, yuv *astiav.Frame, sws **astiav.SoftwareScaleContext, key *[3]int) (*astiav.Frame, error) {
	if src.PixelFormat() == astiav.PixelFormatYuv420P {
		return src, nil
	}
	k := [3]int{src.Width(), src.Height(), int(src.PixelFormat())}
	if *sws == nil || *key != k {
		if *sws != nil {
			(*sws).Free()
		}
		var err error
		*sws, err = astiav.CreateSoftwareScaleContext(k[0], k[1], src.PixelFormat(), k[0], k[1],
			astiav.PixelFormatYuv420P, astiav.NewSoftwareScaleContextFlags(astiav.SoftwareScaleContextFlagBilinear))
		if err != nil {
			*sws = nil
			return nil, fmt.Errorf("convert %s to yuv420p: %w", src.PixelFormat(), err)
		}
		*key = k
		yuv.Unref() // reallocated at the new size by the scaler
	}
	if err := (*sws).ScaleFrame(src, yuv); err != nil {
		return nil, fmt.Errorf("convert %s to yuv420p: %w", src.PixelFormat(), err)
	}
	return yuv, nil
}

func (d *decoder) frameDuration() time.Duration {
	if d.fps <= 0 {
		return time.Second / 30
	}
	return time.Duration(float64(time.Second) / d.fps)
}

func (d *decoder) sound(f *astiav.Frame, emit func(item)) error {
	if d.conv == nil {
		if f == nil {
			return nil
		}
		var err error
		if d.conv, err = newAudioConverter(d.cc, d.tb); err != nil {
			return err
		}
	}
	if !d.started && f != nil {
		// Sample counting from the first frame keeps chunks contiguous
		// however the resampler regroups them.
		if pts, ok := d.pts(f); ok {
			d.next = pts
		}
		d.started = true
	}
	samples, err := d.conv.convert(f, nil)
	if err != nil || len(samples) == 0 {
		return err
	}
	c := &media.AudioChunk{Samples: samples, PTS: d.next}
	d.next += media.SamplesToDuration(int64(c.Frames()))
	emit(item{audio: c})
	return nil
}

func (d *decoder) free() {
	if d.cc != nil {
		d.cc.Free()
		d.cc = nil
	}
	if d.conv != nil {
		d.conv.free()
		d.conv = nil
	}
	for _, f := range []**astiav.Frame{&d.frame, &d.yuv} {
		if *f != nil {
			(*f).Free()
			*f = nil
		}
	}
	if d.sws != nil {
		d.sws.Free()
		d.sws = nil
	}
}
