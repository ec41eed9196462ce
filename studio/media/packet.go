package media

import "time"

// Kind says whether a packet or stream carries video or audio.
type Kind int

const (
	Video Kind = iota
	Audio
)

func (k Kind) String() string {
	if k == Video {
		return "video"
	}
	return "audio"
}

// Codec names an encoded format.
type Codec string

const (
	H264 Codec = "h264"
	AAC  Codec = "aac"
	Opus Codec = "opus"
)

// Packet is one encoded access unit.
//   - H264: annex-B byte stream with start codes; every keyframe is an IDR
//     preceded in-band by its SPS and PPS (WebRTC needs that; muxers that want
//     global headers take them from StreamInfo.Extradata).
//   - AAC: one raw AAC-LC frame, no ADTS header.
//   - Opus: one raw Opus packet.
//
// Packets are shared by every consumer of the fan-out, so Data is read-only.
type Packet struct {
	Kind     Kind
	Codec    Codec
	Data     []byte
	PTS      time.Duration
	DTS      time.Duration
	Duration time.Duration
	Keyframe bool
}

// StreamInfo describes one encoded stream, for muxers and outputs.
type StreamInfo struct {
	Kind        Kind
	Codec       Codec
	Width       int // video
	Height      int // video
	FPS         int // video
	SampleRate  int // audio
	Channels    int // audio
	BitrateKbps int
	// Extradata is the codec's global header: for H264 the annex-B SPS+PPS
	// taken from the first keyframe, for AAC the AudioSpecificConfig, for Opus
	// the OpusHead. Muxers need it; WebRTC does not.
	Extradata []byte
}
