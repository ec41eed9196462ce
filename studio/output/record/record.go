// Package record writes the program to a local file: Matroska or fragmented
// MP4, both written so that a recording cut short by a crash or kill -9 still
// plays up to the last second or so.
package record

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// Output records packets from its queue to Path (.mkv or .mp4).
type Output struct {
	Path   string
	Video  media.StreamInfo
	Audio  *media.StreamInfo
	Queue  *output.Queue
	Logger *slog.Logger

	mux     *encoder.Muxer
	written int64
}

// Initialize creates the file, so an unwritable path fails before the show.
func (o *Output) Initialize() error {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	mux, err := encoder.NewMuxer(encoder.MuxConfig{URL: o.Path, Video: &o.Video, Audio: o.Audio})
	if err != nil {
		return fmt.Errorf("recording %s: %w", o.Path, err)
	}
	o.mux = mux
	return nil
}

// Run writes until the fan-out closes (a clean stop, the file is finished
// with its index) or ctx is done.
func (o *Output) Run(ctx context.Context, live func()) error {
	if live != nil {
		live() // the file is open: a recording is "live" from its first packet
	}
	for {
		p, err := o.Queue.Read(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil // cancelled: Close still finishes the file
		}
		if err := o.mux.WritePacket(p); err != nil {
			return fmt.Errorf("recording %s: %w", o.Path, err)
		}
		o.written++
	}
}

// Close finishes the file.
func (o *Output) Close() error {
	if o.mux == nil {
		return nil
	}
	err := o.mux.Close()
	o.mux = nil
	o.Logger.Info("recording closed", "path", o.Path, "packets", o.written, "dropped", o.Queue.Dropped())
	if err != nil {
		return fmt.Errorf("recording %s: %w", o.Path, err)
	}
	return nil
}
