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
	"strings"

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
	// CAFile, for rtmps only, is the certificate authority to trust instead
	// of the system's (a private ingest server; the tests' own CA).
	CAFile string

	output.Meter
}

// Run connects, sends from the queue until ctx is done or the connection
// breaks, and returns why it ended.
func (o *Output) Run(ctx context.Context, live func()) error {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	where := media.RedactURL(o.URL)
	if err := reach(ctx, o.URL); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("rtmp %s: %w", where, err)
	}
	mux, err := encoder.NewMuxerContext(ctx, encoder.MuxConfig{URL: o.URL, Format: "flv", Video: &o.Video, Audio: o.Audio, Options: o.tlsOptions(), Logger: log})
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
		o.Add(len(p.Data))
		if !wentLive && p.Kind == media.Video && p.Keyframe {
			wentLive = true
			live()
		}
	}
}

// tlsOptions turns certificate checks on for rtmps: FFmpeg skips them by
// default, and a stream key sent to an impostor is a stolen channel.
func (o *Output) tlsOptions() map[string]string {
	if !strings.HasPrefix(o.URL, "rtmps://") {
		return nil
	}
	opts := map[string]string{"tls_verify": "1"}
	if o.CAFile != "" {
		opts["ca_file"] = o.CAFile
	}
	return opts
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
