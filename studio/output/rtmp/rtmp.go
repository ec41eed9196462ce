// Package rtmp sends the program to one RTMP or RTMPS destination (YouTube,
// Twitch, Facebook, TikTok, any custom server) through FFmpeg's FLV muxer.
// It never retries: the output handler does.
package rtmp

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

// Output is one RTMP(S) destination. URL holds the stream key, so it is only
// ever logged or reported through media.RedactURL.
type Output struct {
	URL    string
	Video  media.StreamInfo
	Audio  *media.StreamInfo // AAC; FLV in FFmpeg 5.1 cannot carry Opus
	Queue  *output.Queue
	Logger *slog.Logger
}

// Run connects, sends from the queue until ctx is done or the connection
// breaks, and returns why it ended.
func (o *Output) Run(ctx context.Context, live func()) error {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	where := media.RedactURL(o.URL)
	mux, err := encoder.NewMuxerContext(ctx, encoder.MuxConfig{URL: o.URL, Format: "flv", Video: &o.Video, Audio: o.Audio, Logger: log})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("rtmp %s: connect: %w", where, scrub(err, o.URL))
	}
	wentLive := false
	defer func() {
		if ctx.Err() != nil {
			mux.Abort() // do not wait on a server that stopped answering
		}
		if err := mux.Close(); err != nil && ctx.Err() == nil {
			log.Warn("rtmp close", "url", where, "err", scrub(err, o.URL))
		}
	}()
	for {
		p, err := o.Queue.Read(ctx)
		if errors.Is(err, io.EOF) || ctx.Err() != nil {
			return nil
		}
		if err := mux.WritePacket(p); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("rtmp %s: send: %w", where, scrub(err, o.URL))
		}
		if !wentLive && p.Kind == media.Video && p.Keyframe {
			wentLive = true
			live()
		}
	}
}

// scrub makes sure an error from below never carries the key, whatever
// library text it quotes.
func scrub(err error, url string) error {
	return &scrubbed{err: err, url: url}
}

type scrubbed struct {
	err error
	url string
}

func (s *scrubbed) Error() string { return redactIn(s.err.Error(), s.url) }
func (s *scrubbed) Unwrap() error { return s.err }
