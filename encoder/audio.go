package encoder

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/asticode/go-astiav"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Audio is timed in samples: every codec frame is a whole number of them.
var audioTimeBase = astiav.NewRational(1, media.SampleRate)

// AudioConfig configures one audio encode of the program mix.
type AudioConfig struct {
	Codec       media.Codec // media.AAC or media.Opus
	BitrateKbps int         // default 128
}

// AudioEncoder encodes the 48 kHz stereo float program mix to AAC-LC (for
// RTMP and recordings) or Opus (for WebRTC). Its methods are serialised.
type AudioEncoder struct {
	cfg       AudioConfig
	frameSize int  // samples per channel per codec frame: 1024 AAC, 960 Opus
	planar    bool // the native aac encoder takes fltp, libopus packed flt

	mu      sync.Mutex
	cc      *astiav.CodecContext
	frame   *astiav.Frame
	pkt     *astiav.Packet
	pending []float32     // interleaved samples not yet a whole codec frame
	base    time.Duration // PTS of the first chunk
	started bool
	sent    int64 // sample frames sent to the codec
	flushed bool
}

// NewAudioEncoder opens FFmpeg's native AAC encoder or libopus.
func NewAudioEncoder(cfg AudioConfig) (*AudioEncoder, error) {
	setupLog()
	if cfg.BitrateKbps <= 0 {
		cfg.BitrateKbps = 128
	}
	var name string
	var format astiav.SampleFormat
	switch cfg.Codec {
	case media.AAC:
		name, format = "aac", astiav.SampleFormatFltp
	case media.Opus:
		name, format = "libopus", astiav.SampleFormatFlt
	default:
		return nil, fmt.Errorf("%w: audio codec %q (want aac or opus)", ErrBadConfig, cfg.Codec)
	}
	codec := astiav.FindEncoderByName(name)
	if codec == nil {
		return nil, fmt.Errorf("%w: %s is not in this FFmpeg build", ErrNoEncoder, name)
	}
	e := &AudioEncoder{cfg: cfg, planar: format == astiav.SampleFormatFltp}
	e.cc = astiav.AllocCodecContext(codec)
	e.cc.SetSampleFormat(format)
	e.cc.SetSampleRate(media.SampleRate)
	e.cc.SetChannelLayout(astiav.ChannelLayoutStereo)
	e.cc.SetTimeBase(audioTimeBase)
	e.cc.SetBitRate(int64(cfg.BitrateKbps) * 1000)
	if err := e.cc.Open(codec, nil); err != nil {
		e.Close()
		return nil, fmt.Errorf("encoder: open %s: %w", name, err)
	}
	e.frameSize = e.cc.FrameSize()
	if e.frameSize <= 0 {
		e.Close()
		return nil, fmt.Errorf("encoder: %s reports no frame size", name)
	}
	e.frame = astiav.AllocFrame()
	e.frame.SetSampleFormat(format)
	e.frame.SetSampleRate(media.SampleRate)
	e.frame.SetChannelLayout(astiav.ChannelLayoutStereo)
	e.frame.SetNbSamples(e.frameSize)
	if err := e.frame.AllocBuffer(0); err != nil {
		e.Close()
		return nil, fmt.Errorf("encoder: allocate audio frame: %w", err)
	}
	e.pkt = astiav.AllocPacket()
	return e, nil
}

// Info describes the stream, with the codec's global header as Extradata
// (AudioSpecificConfig for AAC, OpusHead for Opus).
func (e *AudioEncoder) Info() media.StreamInfo {
	e.mu.Lock()
	defer e.mu.Unlock()
	info := media.StreamInfo{
		Kind: media.Audio, Codec: e.cfg.Codec,
		SampleRate: media.SampleRate, Channels: media.Channels,
		BitrateKbps: e.cfg.BitrateKbps,
	}
	if e.cc != nil {
		info.Extradata = e.cc.ExtraData()
	}
	return info
}

// FrameSize is the codec frame length in samples per channel.
func (e *AudioEncoder) FrameSize() int { return e.frameSize }

// Encode takes a chunk of any length. Timestamps are the first chunk's PTS
// plus the samples counted since, so the mixer's clock carries through and
// rounding never accumulates.
func (e *AudioEncoder) Encode(c media.AudioChunk) ([]media.Packet, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cc == nil || e.flushed {
		return nil, ErrClosed
	}
	if !e.started {
		e.base, e.started = c.PTS, true
	}
	e.pending = append(e.pending, c.Samples[:c.Frames()*media.Channels]...)
	var out []media.Packet
	need := e.frameSize * media.Channels
	off := 0
	for len(e.pending)-off >= need {
		pkts, err := e.send(e.pending[off : off+need])
		out = append(out, pkts...)
		off += need
		if err != nil {
			e.pending = e.pending[:copy(e.pending, e.pending[off:])]
			return out, err
		}
	}
	// Keep the remainder at the front so the buffer is reused, not grown.
	e.pending = e.pending[:copy(e.pending, e.pending[off:])]
	return out, nil
}

// Flush encodes what is buffered, padded with silence to a whole frame, and
// drains the codec. Only Close may follow.
func (e *AudioEncoder) Flush() ([]media.Packet, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cc == nil || e.flushed {
		return nil, ErrClosed
	}
	var out []media.Packet
	if len(e.pending) > 0 {
		last := make([]float32, e.frameSize*media.Channels)
		copy(last, e.pending)
		e.pending = nil
		pkts, err := e.send(last)
		out = append(out, pkts...)
		if err != nil {
			return out, err
		}
	}
	e.flushed = true
	pkts, err := e.sendFrame(nil)
	return append(out, pkts...), err
}

func (e *AudioEncoder) send(samples []float32) ([]media.Packet, error) {
	if err := putStereo(e.frame, samples, e.planar); err != nil {
		return nil, fmt.Errorf("encoder: %w", err)
	}
	e.frame.SetPts(e.sent)
	e.sent += int64(e.frameSize)
	return e.sendFrame(e.frame)
}

func (e *AudioEncoder) sendFrame(f *astiav.Frame) ([]media.Packet, error) {
	if err := e.cc.SendFrame(f); err != nil && !errors.Is(err, astiav.ErrEof) {
		return nil, fmt.Errorf("encoder: send audio frame: %w", err)
	}
	var out []media.Packet
	for {
		e.pkt.Unref()
		if err := e.cc.ReceivePacket(e.pkt); err != nil {
			if errors.Is(err, astiav.ErrEagain) || errors.Is(err, astiav.ErrEof) {
				return out, nil
			}
			return out, fmt.Errorf("encoder: receive audio packet: %w", err)
		}
		// The codec's own timestamps include its priming delay (1024
		// samples for AAC, 312 for Opus), so the first packet is slightly
		// before the first chunk; muxers record that as an edit, keeping
		// the sound in sync with the picture.
		out = append(out, media.Packet{
			Kind:     media.Audio,
			Codec:    e.cfg.Codec,
			Data:     e.pkt.Data(),
			PTS:      e.base + fromTicks(e.pkt.Pts(), audioTimeBase),
			DTS:      e.base + fromTicks(e.pkt.Dts(), audioTimeBase),
			Duration: fromTicks(e.pkt.Duration(), audioTimeBase),
			Keyframe: true,
		})
	}
}

// Close frees the encoder. It is safe to call more than once.
func (e *AudioEncoder) Close() {
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
}
