package probe

import (
	"context"
	"fmt"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"

	"github.com/vitrina-live/vitrina/studio/sdphttp"
)

// connectTimeout bounds the time from the offer to a connected peer.
const connectTimeout = 15 * time.Second

// h264Profiles are the profile-level-ids the probe offers, all with
// packetization-mode=1. pion (and so MediaMTX, which answers 42e01f
// whatever it relays) matches on the profile part, so offering each common
// profile lets any sender's answer match; the decoder takes them all.
var h264Profiles = []string{"42e01f", "42001f", "4d001f", "640c1f", "64001f"}

// peer is the receiving side of one WHEP session.
type peer struct {
	pc     *webrtc.PeerConnection
	states chan webrtc.PeerConnectionState
	end    chan webrtc.PeerConnectionState // failed or closed, once
}

func newPeer(endpoint string) (*peer, error) {
	me := &webrtc.MediaEngine{}
	fb := []webrtc.RTCPFeedback{{Type: "goog-remb"}, {Type: "ccm", Parameter: "fir"}, {Type: "nack"}, {Type: "nack", Parameter: "pli"}}
	for i, plid := range h264Profiles {
		c := webrtc.RTPCodecParameters{
			RTPCodecCapability: webrtc.RTPCodecCapability{
				MimeType: webrtc.MimeTypeH264, ClockRate: 90000, RTCPFeedback: fb,
				SDPFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=" + plid,
			},
			PayloadType: webrtc.PayloadType(102 + 2*i),
		}
		if err := me.RegisterCodec(c, webrtc.RTPCodecTypeVideo); err != nil {
			return nil, fmt.Errorf("%w: register H.264 %s: %v", ErrConnection, plid, err)
		}
	}
	// Audio is offered too, so a server that insists on negotiating every
	// track it has still answers; the probe reads and drops it.
	opus := webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2, SDPFmtpLine: "minptime=10;useinbandfec=1"},
		PayloadType:        111,
	}
	if err := me.RegisterCodec(opus, webrtc.RTPCodecTypeAudio); err != nil {
		return nil, fmt.Errorf("%w: register Opus: %v", ErrConnection, err)
	}
	// NACKs get lost packets resent, receiver reports tell the sender how
	// it is doing: what a browser viewer does, so the figures are a viewer's.
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
		return nil, fmt.Errorf("%w: interceptors: %v", ErrConnection, err)
	}
	se := webrtc.SettingEngine{}
	if sdphttp.Loopback(endpoint) {
		se.SetIncludeLoopbackCandidate(true)
	}
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se))
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConnection, err)
	}
	p := &peer{pc: pc, states: make(chan webrtc.PeerConnectionState, 16), end: make(chan webrtc.PeerConnectionState, 1)}
	pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		select {
		case p.states <- s:
		default:
		}
		if s == webrtc.PeerConnectionStateFailed || s == webrtc.PeerConnectionStateClosed {
			select {
			case p.end <- s:
			default:
			}
		}
	})
	recv := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}
	for _, kind := range []webrtc.RTPCodecType{webrtc.RTPCodecTypeVideo, webrtc.RTPCodecTypeAudio} {
		if _, err := pc.AddTransceiverFromKind(kind, recv); err != nil {
			pc.Close()
			return nil, fmt.Errorf("%w: %v", ErrConnection, err)
		}
	}
	return p, nil
}

// offer makes the complete (non-trickle) SDP offer: WHEP sends candidates
// in the one POST.
func (p *peer) offer(ctx context.Context) (string, error) {
	o, err := p.pc.CreateOffer(nil)
	if err != nil {
		return "", fmt.Errorf("%w: offer: %v", ErrConnection, err)
	}
	gathered := webrtc.GatheringCompletePromise(p.pc)
	if err := p.pc.SetLocalDescription(o); err != nil {
		return "", fmt.Errorf("%w: offer: %v", ErrConnection, err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	return p.pc.LocalDescription().SDP, nil
}

func (p *peer) answer(sdp string) error {
	if err := p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: sdp}); err != nil {
		return fmt.Errorf("%w: the answer does not fit the offer: %v", ErrConnection, err)
	}
	return nil
}

// waitConnected waits for ICE and DTLS to come up.
func (p *peer) waitConnected(ctx context.Context) error {
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
				return nil
			case webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed:
				return fmt.Errorf("%w: connection %s before it was up", ErrConnection, s)
			}
		}
	}
}

// ended yields the state once the connection has failed or closed; a
// passing "disconnected" is not the end.
func (p *peer) ended() <-chan webrtc.PeerConnectionState { return p.end }

// requestKeyframe sends a PLI for the video stream.
func (p *peer) requestKeyframe(ssrc webrtc.SSRC) {
	_ = p.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: uint32(ssrc)}})
}

// drainRTCP reads a receiver's RTCP (sender reports) so the interceptors
// see it and its buffer never fills; it ends when the connection closes.
func drainRTCP(r *webrtc.RTPReceiver) {
	for {
		if _, _, err := r.ReadRTCP(); err != nil {
			return
		}
	}
}

// drainTrack reads and drops a track the probe does not measure (audio).
func drainTrack(t *webrtc.TrackRemote) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := t.Read(buf); err != nil {
			return
		}
	}
}
