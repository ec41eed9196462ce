package whip

import (
	"context"
	"fmt"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"

	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/sdphttp"
)

// Payload types as browsers number them; the answer may renumber, pion
// follows it.
const (
	h264PayloadType = 102
	opusPayloadType = 111
)

// peer is one WebRTC connection with its two send-only tracks.
type peer struct {
	pc          *webrtc.PeerConnection
	video       *webrtc.TrackLocalStaticSample
	audio       *webrtc.TrackLocalStaticSample
	videoSender *webrtc.RTPSender
	audioSender *webrtc.RTPSender
	states      chan webrtc.PeerConnectionState
}

func (o *Output) newPeer(plid string) (*peer, error) {
	h264 := webrtc.RTPCodecCapability{
		MimeType:  webrtc.MimeTypeH264,
		ClockRate: 90000,
		// packetization-mode=1 with the stream's own profile: pion and
		// browsers match on those two, not on the level.
		SDPFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=" + plid,
		RTCPFeedback: []webrtc.RTCPFeedback{
			{Type: "goog-remb"}, {Type: "ccm", Parameter: "fir"}, {Type: "nack"}, {Type: "nack", Parameter: "pli"},
		},
	}
	opus := webrtc.RTPCodecCapability{
		MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2,
		SDPFmtpLine: "minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1",
	}
	me := &webrtc.MediaEngine{}
	if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: h264, PayloadType: h264PayloadType}, webrtc.RTPCodecTypeVideo); err != nil {
		return nil, fmt.Errorf("%w: register H.264: %v", ErrConnection, err)
	}
	if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: opus, PayloadType: opusPayloadType}, webrtc.RTPCodecTypeAudio); err != nil {
		return nil, fmt.Errorf("%w: register Opus: %v", ErrConnection, err)
	}
	// NACK retransmission, RTCP sender/receiver reports (for the RTT),
	// transport-wide congestion feedback: what browsers expect of a sender.
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
		return nil, fmt.Errorf("%w: interceptors: %v", ErrConnection, err)
	}
	se := webrtc.SettingEngine{}
	if sdphttp.Loopback(o.URL) {
		se.SetIncludeLoopbackCandidate(true)
	}
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se))
	pc, err := api.NewPeerConnection(webrtc.Configuration{ICEServers: o.iceServers()})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConnection, err)
	}
	p := &peer{pc: pc, states: make(chan webrtc.PeerConnectionState, 16)}
	pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		select {
		case p.states <- s:
		default: // the watcher only needs the latest; it also polls
		}
	})
	fail := func(err error) (*peer, error) { pc.Close(); return nil, fmt.Errorf("%w: %v", ErrConnection, err) }
	p.video, err = webrtc.NewTrackLocalStaticSample(h264, "video", "vitrina")
	if err != nil {
		return fail(err)
	}
	send := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly}
	tr, err := pc.AddTransceiverFromTrack(p.video, send)
	if err != nil {
		return fail(err)
	}
	p.videoSender = tr.Sender()
	if o.Audio != nil {
		p.audio, err = webrtc.NewTrackLocalStaticSample(opus, "audio", "vitrina")
		if err != nil {
			return fail(err)
		}
		tr, err := pc.AddTransceiverFromTrack(p.audio, send)
		if err != nil {
			return fail(err)
		}
		p.audioSender = tr.Sender()
	}
	return p, nil
}

// waitConnected waits for ICE and DTLS to come up, then keeps watching in
// the background: a failed connection, or one disconnected for longer than
// disconnectGrace, cancels ctx with the reason.
func (p *peer) waitConnected(ctx context.Context, lost context.CancelCauseFunc) error {
	timeout := time.NewTimer(connectTimeout)
	defer timeout.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout.C:
			return fmt.Errorf("%w: not connected after %v (ICE: %s)", ErrConnection, connectTimeout, p.pc.ICEConnectionState())
		case s := <-p.states:
			switch s {
			case webrtc.PeerConnectionStateConnected:
				go p.watch(ctx, lost)
				return nil
			case webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed:
				return fmt.Errorf("%w: connection %s before it was up", ErrConnection, s)
			}
		}
	}
}

func (p *peer) watch(ctx context.Context, lost context.CancelCauseFunc) {
	var grace <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-grace:
			lost(fmt.Errorf("%w: disconnected for %v", ErrConnection, disconnectGrace))
			return
		case s := <-p.states:
			switch s {
			case webrtc.PeerConnectionStateDisconnected:
				if grace == nil {
					grace = time.After(disconnectGrace)
				}
			case webrtc.PeerConnectionStateConnected:
				grace = nil
			case webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed:
				lost(fmt.Errorf("%w: connection %s", ErrConnection, s))
				return
			}
		}
	}
}

// readRTCP drains a sender's RTCP (the interceptors need it read to work),
// passes keyframe requests on, and measures the round trip from receiver
// reports. It ends when the connection closes.
func (p *peer) readRTCP(s *webrtc.RTPSender, keyframe func(), m *output.Meter) {
	for {
		pkts, _, err := s.ReadRTCP()
		if err != nil {
			return
		}
		for _, pkt := range pkts {
			switch pkt := pkt.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				if keyframe != nil {
					keyframe()
				}
			case *rtcp.ReceiverReport:
				for _, r := range pkt.Reports {
					if rtt, ok := roundTrip(r, time.Now()); ok && m != nil {
						m.SetRTT(rtt)
					}
				}
			}
		}
	}
}

// roundTrip is RFC 3550 §6.4.1's estimate: the arrival time minus the time
// our sender report left (LSR) minus how long the receiver held it (DLSR),
// all in the middle 32 bits of NTP time (1/65536 s).
func roundTrip(r rtcp.ReceptionReport, now time.Time) (time.Duration, bool) {
	if r.LastSenderReport == 0 {
		return 0, false // no sender report reached the far end yet
	}
	arrival := uint32(ntpTime(now) >> 16)
	d := arrival - r.LastSenderReport - r.Delay
	if int32(d) < 0 {
		return 0, false // clock step or a stale report
	}
	return time.Duration(float64(d) / 65536 * float64(time.Second)), true
}

// ntpTime is t as a 64-bit NTP timestamp (seconds since 1900 in the high
// half, the fraction in the low).
func ntpTime(t time.Time) uint64 {
	const unixToNTP = 2208988800
	secs := uint64(t.Unix() + unixToNTP)
	frac := uint64(t.Nanosecond()) << 32 / 1e9
	return secs<<32 | frac
}
