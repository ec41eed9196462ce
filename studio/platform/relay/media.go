package relay

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/interceptor/pkg/nack"
	"github.com/pion/interceptor/pkg/report"
	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v4"
)

const (
	maxSDP         = 64 << 10                // bytes in one offer
	gatherTimeout  = 5 * time.Second         // host candidates come in milliseconds
	nackHistory    = 256                     // packets kept per viewer stream for retransmission
	iceFailed      = 10 * time.Second        // a viewer silent this long is dropped
	iceKeepalive   = 2 * time.Second         // STUN consent checks
	iceGone        = 5 * time.Second         // "disconnected" after this much silence
	pliSpacing     = time.Second             // keyframe requests upstream, at most one per
	connectTimeout = 30 * time.Second        // from the answer to a connected peer
	mimeSDP        = "application/sdp"       // WHIP and WHEP bodies
	videoFeedback  = "nack,nack pli,ccm fir" // what the relay answers viewers with
)

// offer is a parsed SDP offer with the H.264 and Opus formats it lists.
type offer struct {
	raw   string
	h264  []webrtc.RTPCodecParameters // packetization-mode=1 only
	opus  []webrtc.RTPCodecParameters
	video bool // has a video section at all
}

// readOffer reads and checks the body of a WHIP or WHEP POST. The error is
// what the client is told with 400 or 415.
func readOffer(r *http.Request) (*offer, int, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != mimeSDP {
		return nil, http.StatusUnsupportedMediaType, fmt.Errorf("%w: Content-Type %q, want %s", ErrBadSDP, ct, mimeSDP)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxSDP+1))
	if err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf("%w: reading the body: %v", ErrBadSDP, err)
	}
	if len(body) > maxSDP {
		return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: over %d bytes", ErrBadSDP, maxSDP)
	}
	var sd sdp.SessionDescription
	if err := sd.UnmarshalString(string(body)); err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf("%w: not SDP: %v", ErrBadSDP, err)
	}
	o := &offer{raw: string(body)}
	for _, md := range sd.MediaDescriptions {
		kind := md.MediaName.Media
		o.video = o.video || kind == "video"
		for _, f := range md.MediaName.Formats {
			pt, err := strconv.ParseUint(f, 10, 8)
			if err != nil {
				continue
			}
			c, err := sd.GetCodecForPayloadType(uint8(pt))
			if err != nil {
				continue
			}
			p := webrtc.RTPCodecParameters{PayloadType: webrtc.PayloadType(pt), RTPCodecCapability: webrtc.RTPCodecCapability{
				ClockRate: c.ClockRate, SDPFmtpLine: c.Fmtp}}
			switch {
			case kind == "video" && strings.EqualFold(c.Name, "H264") && fmtpHas(c.Fmtp, "packetization-mode", "1"):
				p.MimeType = webrtc.MimeTypeH264
				o.h264 = append(o.h264, p)
			case kind == "audio" && strings.EqualFold(c.Name, "opus"):
				p.MimeType, p.Channels = webrtc.MimeTypeOpus, 2
				o.opus = append(o.opus, p)
			}
		}
	}
	if len(o.h264) == 0 {
		return nil, http.StatusBadRequest, fmt.Errorf("%w: the offer has no H.264 video with packetization-mode=1, the only video the relay carries", ErrBadSDP)
	}
	return o, 0, nil
}

func fmtpHas(line, key, value string) bool {
	for _, kv := range strings.Split(line, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		if strings.EqualFold(k, key) && v == value {
			return true
		}
	}
	return false
}

// profile is the profile part of an H.264 fmtp's profile-level-id (its
// first four hex digits): what pion and browsers match on.
func profile(fmtpLine string) string {
	for _, kv := range strings.Split(fmtpLine, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		if strings.EqualFold(k, "profile-level-id") && len(v) >= 4 {
			return strings.ToLower(v[:4])
		}
	}
	return ""
}

func feedback() []webrtc.RTCPFeedback {
	var fb []webrtc.RTCPFeedback
	for _, f := range strings.Split(videoFeedback, ",") {
		t, p, _ := strings.Cut(f, " ")
		fb = append(fb, webrtc.RTCPFeedback{Type: t, Parameter: p})
	}
	return fb
}

// settingEngine: host candidates including loopback (the relay is often
// reached on 127.0.0.1), and a quick verdict on viewers that went away.
func settingEngine() webrtc.SettingEngine {
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetICETimeouts(iceGone, iceFailed, iceKeepalive)
	return se
}

// ingestAPI takes what the publisher offers: each of its H.264 formats
// and Opus, with pion's default interceptors (NACKs, receiver reports,
// transport-wide congestion feedback for the sender's bitrate control).
func ingestAPI(o *offer) (*webrtc.API, error) {
	me := &webrtc.MediaEngine{}
	for _, c := range o.h264 {
		c.RTCPFeedback = feedback()
		if err := me.RegisterCodec(c, webrtc.RTPCodecTypeVideo); err != nil {
			return nil, fmt.Errorf("%w: register H.264: %v", ErrPeer, err)
		}
	}
	for _, c := range o.opus {
		if err := me.RegisterCodec(c, webrtc.RTPCodecTypeAudio); err != nil {
			return nil, fmt.Errorf("%w: register Opus: %v", ErrPeer, err)
		}
	}
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
		return nil, fmt.Errorf("%w: interceptors: %v", ErrPeer, err)
	}
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(settingEngine())), nil
}

// egressAPI sends the stream's own codecs. Per viewer it keeps a short
// NACK history and sends sender reports (browsers sync audio and video
// with them); it does no congestion control, as it forwards one bitrate.
func egressAPI(video webrtc.RTPCodecCapability, audio *webrtc.RTPCodecCapability) (*webrtc.API, error) {
	me := &webrtc.MediaEngine{}
	video.RTCPFeedback = feedback()
	if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: video, PayloadType: 102}, webrtc.RTPCodecTypeVideo); err != nil {
		return nil, fmt.Errorf("%w: register H.264: %v", ErrPeer, err)
	}
	if audio != nil {
		if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: *audio, PayloadType: 111}, webrtc.RTPCodecTypeAudio); err != nil {
			return nil, fmt.Errorf("%w: register Opus: %v", ErrPeer, err)
		}
	}
	ir := &interceptor.Registry{}
	responder, err := nack.NewResponderInterceptor(nack.ResponderSize(nackHistory))
	if err != nil {
		return nil, fmt.Errorf("%w: NACK: %v", ErrPeer, err)
	}
	sender, err := report.NewSenderInterceptor()
	if err != nil {
		return nil, fmt.Errorf("%w: reports: %v", ErrPeer, err)
	}
	ir.Add(responder)
	ir.Add(sender)
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(settingEngine())), nil
}

// answer applies the offer to pc and returns the complete answer, with
// every candidate in it (WHIP and WHEP do not trickle here).
func answer(pc *webrtc.PeerConnection, o *offer) (string, error) {
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: o.raw}); err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadSDP, err)
	}
	return finishAnswer(pc)
}

func finishAnswer(pc *webrtc.PeerConnection) (string, error) {
	ans, err := pc.CreateAnswer(nil)
	if err != nil {
		return "", fmt.Errorf("%w: answer: %v", ErrBadSDP, err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(ans); err != nil {
		return "", fmt.Errorf("%w: answer: %v", ErrPeer, err)
	}
	select {
	case <-gathered:
	case <-time.After(gatherTimeout):
		return "", fmt.Errorf("%w: ICE gathering took over %v", ErrPeer, gatherTimeout)
	}
	return pc.LocalDescription().SDP, nil
}

// created answers a POST with 201, the answer and the session's Location.
func created(w http.ResponseWriter, location, sdpAnswer string) {
	w.Header().Set("Content-Type", mimeSDP)
	w.Header().Set("Location", location)
	w.Header().Set("ETag", `"`+location[strings.LastIndexByte(location, '/')+1:]+`"`)
	w.WriteHeader(http.StatusCreated)
	io.WriteString(w, sdpAnswer)
}
