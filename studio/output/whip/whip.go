// Package whip sends the program to a WHIP endpoint (RFC 9725): the
// shopping platform's relay, MediaMTX, LiveKit, Cloudflare or `vitrina
// relay`. Media goes over WebRTC with pion: the H.264 from the one encode,
// packetized by pion's payloader, and Opus audio. It never retries: the
// output handler does, with a full reconnect.
package whip

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/pion/webrtc/v4"
	pmedia "github.com/pion/webrtc/v4/pkg/media"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// Timeouts for one connection attempt.
const (
	connectTimeout = 15 * time.Second // offer to connected
	// A connection that goes "disconnected" often comes back by itself
	// (a Wi-Fi hiccup); after this long it is treated as lost.
	disconnectGrace = 5 * time.Second
)

// Output is one WHIP destination. Token is the Bearer token; it is never
// logged, and URL goes through media.RedactURL.
type Output struct {
	URL   string
	Token string
	Video media.StreamInfo  // H.264 as the encoder makes it
	Audio *media.StreamInfo // Opus; nil sends video only
	Queue *output.Queue     // subscribed for H.264 and Opus
	// RequestKeyframe is called when the far end asks for one (PLI/FIR);
	// the encoder limits how often it obliges.
	RequestKeyframe func()
	Logger          *slog.Logger
	Client          *http.Client // nil: a client with a 10 s timeout

	output.Meter

	mu  sync.Mutex
	ice []webrtc.ICEServer // from the last Link headers, kept for reconnects
}

// Run connects, sends until ctx is done, the show ends or the connection
// is lost, then DELETEs the session and returns why it ended.
func (o *Output) Run(ctx context.Context, live func()) error {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	where := media.RedactURL(o.URL)
	if u, err := url.Parse(o.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return output.Permanent(fmt.Errorf("%w: %s is not an http(s) URL", ErrRejected, where))
	}
	// The offer names the stream's real H.264 profile, read from the SPS in
	// front of the first keyframe, so wait for it before offering.
	first, err := o.firstKeyframe(ctx)
	if first == nil {
		return err
	}
	plid, err := profileLevelID(first.Data)
	if err != nil {
		return output.Permanent(err)
	}
	sig := newSignaler(o.Token, o.Client)
	ice, err := sig.iceServers(ctx, o.URL)
	if err != nil {
		return err
	}
	if len(ice) > 0 {
		o.setICE(ice)
	}
	p, err := o.newPeer(plid)
	if err != nil {
		return err
	}
	defer p.pc.Close()
	sess, err := o.negotiate(ctx, sig, p.pc)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer func() {
		if err := sig.end(sess.resource); err != nil {
			log.Warn("whip: ending the session", "url", where, "err", err)
		}
	}()
	if len(sess.ice) > 0 {
		o.setICE(sess.ice)
	}
	connCtx, lost := context.WithCancelCause(ctx)
	defer lost(nil)
	if err := p.waitConnected(connCtx, lost); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("%s: %w", where, err)
	}
	go p.readRTCP(p.videoSender, o.RequestKeyframe, &o.Meter)
	if p.audioSender != nil {
		go p.readRTCP(p.audioSender, nil, nil)
	}
	log.Info("whip connected", "url", where, "profile_level_id", plid)
	live()
	return o.send(ctx, connCtx, p, *first)
}

// send writes packets from the queue to the tracks.
func (o *Output) send(ctx, connCtx context.Context, p *peer, first media.Packet) error {
	pkt := first
	for {
		if err := o.write(p, pkt); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrConnection, media.RedactURL(o.URL), err)
		}
		var err error
		pkt, err = o.Queue.Read(connCtx)
		switch {
		case errors.Is(err, io.EOF) || ctx.Err() != nil:
			return nil
		case err != nil:
			return fmt.Errorf("%s: %w", media.RedactURL(o.URL), context.Cause(connCtx))
		}
	}
}

func (o *Output) write(p *peer, pkt media.Packet) error {
	dur := pkt.Duration
	var track *webrtc.TrackLocalStaticSample
	switch {
	case pkt.Kind == media.Video:
		track = p.video
		if dur <= 0 && o.Video.FPS > 0 {
			dur = time.Second / time.Duration(o.Video.FPS)
		}
	case pkt.Codec == media.Opus && p.audio != nil:
		track = p.audio
		if dur <= 0 {
			dur = 20 * time.Millisecond
		}
	default:
		return nil // AAC and the like are for the other outputs
	}
	if err := track.WriteSample(pmedia.Sample{Data: pkt.Data, Duration: dur}); err != nil {
		return err
	}
	o.Add(len(pkt.Data))
	return nil
}

// firstKeyframe reads the queue up to the first video keyframe. It returns
// nil and the reason (nil for a clean end) when none comes.
func (o *Output) firstKeyframe(ctx context.Context) (*media.Packet, error) {
	for {
		p, err := o.Queue.Read(ctx)
		if err != nil {
			return nil, nil // ctx done or the show ended before it started
		}
		if isKeyframe(p) {
			return &p, nil
		}
	}
}

// negotiate makes the offer with every candidate gathered (no trickle: one
// round trip, which every WHIP endpoint supports) and applies the answer.
func (o *Output) negotiate(ctx context.Context, sig *signaler, pc *webrtc.PeerConnection) (*session, error) {
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		return nil, fmt.Errorf("%w: create offer: %v", ErrConnection, err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		return nil, fmt.Errorf("%w: set offer: %v", ErrConnection, err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	sess, err := sig.offer(ctx, o.URL, pc.LocalDescription().SDP)
	if err != nil {
		return nil, err
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: sess.answer}); err != nil {
		sig.end(sess.resource)
		return nil, output.Permanent(fmt.Errorf("%w: %s: unusable answer: %v", ErrRejected, media.RedactURL(o.URL), err))
	}
	return sess, nil
}

func (o *Output) setICE(s []webrtc.ICEServer) {
	o.mu.Lock()
	o.ice = s
	o.mu.Unlock()
}

func (o *Output) iceServers() []webrtc.ICEServer {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.ice
}
