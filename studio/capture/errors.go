// Package capture holds the sources that feed the compositor and the mixer:
// cameras and microphones through pion/mediadevices, a test pattern with a
// machine-readable timecode strip, still images, tones and silence, and media
// files. Every source follows the media.Source life cycle: fields, then
// Initialize, Run until the context is done, Close.
package capture

import "errors"

// Sentinels callers can test with errors.Is; every error this package returns
// wraps one of them (or an os/fs error) with the source and its setting.
var (
	// ErrUnknownKind is returned by New for a kind it cannot build.
	ErrUnknownKind = errors.New("unknown source kind")
	// ErrInvalidConfig reports a field that cannot work: an odd size, a bad
	// colour, a negative rate.
	ErrInvalidConfig = errors.New("invalid source configuration")
	// ErrNoDevice reports that no camera or microphone matches the requested
	// device, or that there is none at all.
	ErrNoDevice = errors.New("no such capture device")
	// ErrDecodeImage reports a still image that is not a PNG, JPEG or WebP
	// this package can read.
	ErrDecodeImage = errors.New("cannot decode image")
	// ErrNoTimecode is returned by ReadTimecode when the strip is absent or
	// damaged beyond its checksum.
	ErrNoTimecode = errors.New("no timecode")
	// ErrClosed is returned by a device reader after Close.
	ErrClosed = errors.New("capture device closed")
)
