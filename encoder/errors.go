// Package encoder is Vitrina's only door to FFmpeg (through go-astiav and a
// little cgo): it encodes the program picture to H.264 and its sound to AAC
// and Opus, muxes packets into recordings and live FLV, and decodes media
// files for the file source. Everything above it speaks studio/media types.
package encoder

import "errors"

var (
	// ErrUnknownEncoder is returned for a video encoder name that is not one
	// of auto, x264, nvenc, vaapi or videotoolbox.
	ErrUnknownEncoder = errors.New("encoder: unknown video encoder")
	// ErrNoEncoder means no H.264 encoder could be opened at all, not even
	// libx264.
	ErrNoEncoder = errors.New("encoder: no usable H.264 encoder")
	// ErrBadConfig is a configuration that cannot be encoded (odd size, zero
	// fps, unsupported codec).
	ErrBadConfig = errors.New("encoder: bad configuration")
	// ErrFrameSize is a frame whose size differs from the encoder's.
	ErrFrameSize = errors.New("encoder: frame size does not match the encoder")
	// ErrClosed is returned by any call after Close or after Flush.
	ErrClosed = errors.New("encoder: closed")
	// ErrNoParameterSets is a video keyframe without in-band SPS and PPS, so
	// a muxer cannot build its header from it.
	ErrNoParameterSets = errors.New("encoder: keyframe has no SPS/PPS")
	// ErrUnknownFormat is an output whose container cannot be guessed from
	// its name.
	ErrUnknownFormat = errors.New("encoder: unknown output format")
	// ErrNoStreams is a media file with neither a video nor an audio stream.
	ErrNoStreams = errors.New("encoder: no audio or video stream")
	// ErrCorrupt is an H.264 access unit the decoder could not make sense
	// of: data lost on the network, or a P-frame whose reference is
	// missing. The caller drops it and waits for the next keyframe.
	ErrCorrupt = errors.New("encoder: corrupt H.264 data")
)
