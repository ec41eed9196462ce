package relay

import (
	"log/slog"
	"strings"
	"sync"

	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"
)

// room is one show: its publisher, its viewers and its event hub.
type room struct {
	name string
	cfg  Config
	log  *slog.Logger
	hub  *hub
	kf   *keyframer
	n    counters

	mu      sync.Mutex
	video   *fanout // nil until a publish
	audio   *fanout
	pub     *publisher
	viewers map[string]*viewer
	air     onAir // its sessions, for GET /{room}/status
	closed  bool
}

func newRoom(name string, cfg Config) *room {
	log := cfg.Logger.With("room", name)
	r := &room{name: name, cfg: cfg, log: log, viewers: map[string]*viewer{}}
	r.kf = &keyframer{send: r.sendPLI}
	r.hub = newHub(name, cfg, log)
	return r
}

// sendPLI asks the current publisher for a keyframe.
func (r *room) sendPLI() {
	r.mu.Lock()
	p := r.pub
	r.mu.Unlock()
	if p == nil {
		return
	}
	if ssrc := p.videoSSRC.Load(); ssrc != 0 {
		r.n.keyframeRequests.Add(1)
		_ = p.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: ssrc}})
	}
}

// outTrack returns the outgoing stream for an incoming codec, making it
// at the first publish. A publisher whose codec differs from the one the
// viewers negotiated (another H.264 profile) gets a new one, and the
// viewers of the old one are let go: their pages reconnect and negotiate
// again.
func (r *room) outTrack(c webrtc.RTPCodecCapability) (*fanout, error) {
	c.RTCPFeedback = nil
	video := c.MimeType == webrtc.MimeTypeH264
	kind := "audio"
	if video {
		kind = "video"
	}
	r.mu.Lock()
	cur := r.audio
	if video {
		cur = r.video
	}
	if cur != nil && sameCodec(cur.codec, c) {
		r.mu.Unlock()
		return cur, nil
	}
	if r.closed {
		r.mu.Unlock()
		return nil, ErrNoStream
	}
	f := newFanout(c, kind, "vitrina-"+r.name, &r.n.fanoutNanos)
	var gone []*viewer
	if cur != nil {
		for _, v := range r.viewers {
			gone = append(gone, v)
		}
		r.log.Info("relay: the stream's codec changed; viewers reconnect", "kind", kind, "fmtp", c.SDPFmtpLine)
	}
	if video {
		r.video = f
	} else {
		r.audio = f
	}
	r.mu.Unlock()
	for _, v := range gone {
		v.close()
	}
	if cur != nil {
		cur.close()
	}
	return f, nil
}

// sameCodec: the same MIME type and, for H.264, the same packetization
// mode and profile. The level may change without renegotiation.
func sameCodec(a, b webrtc.RTPCodecCapability) bool {
	if !strings.EqualFold(a.MimeType, b.MimeType) || a.ClockRate != b.ClockRate {
		return false
	}
	if strings.EqualFold(a.MimeType, webrtc.MimeTypeH264) {
		return profile(a.SDPFmtpLine) == profile(b.SDPFmtpLine)
	}
	return true
}

// close ends the publisher, the viewers and the hub.
func (r *room) close() {
	r.mu.Lock()
	r.closed = true
	p := r.pub
	r.pub = nil
	outs := []*fanout{r.video, r.audio}
	vs := make([]*viewer, 0, len(r.viewers))
	for _, v := range r.viewers {
		vs = append(vs, v)
	}
	r.mu.Unlock()
	r.kf.stop()
	if p != nil {
		p.close()
	}
	for _, v := range vs {
		v.close()
	}
	for _, f := range outs {
		if f != nil {
			f.close()
		}
	}
	r.hub.close()
}
