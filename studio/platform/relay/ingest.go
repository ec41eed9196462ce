package relay

import (
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v4"
)

// publisher is the studio's WHIP session: one peer connection whose
// incoming tracks are forwarded to the room's shared tracks.
type publisher struct {
	id        string
	pc        *webrtc.PeerConnection
	videoSSRC atomic.Uint32
	wg        sync.WaitGroup // the forwarders

	mu     sync.Mutex
	closed bool
	timer  *time.Timer // drops a publisher that never connects
}

// start runs f as one of p's goroutines, unless p is closing.
func (p *publisher) start(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.wg.Add(1)
	go func() { defer p.wg.Done(); f() }()
}

// close ends the session and waits for its forwarders, so that the next
// publisher's packets never interleave with its last ones.
func (p *publisher) close() {
	p.mu.Lock()
	p.closed = true
	if p.timer != nil {
		p.timer.Stop()
	}
	p.mu.Unlock()
	p.pc.Close()
	p.wg.Wait()
}

func (s *Server) whipOptions(_ *room, w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Accept-Post", mimeSDP)
	w.Header().Set("Allow", "OPTIONS, POST")
	w.WriteHeader(http.StatusNoContent)
}

// whipPost takes the studio's offer. A new publish replaces the room's
// current publisher: a studio that reconnects after a network cut must not
// wait for the old session's ICE timeout.
func (s *Server) whipPost(rm *room, w http.ResponseWriter, r *http.Request) {
	o, code, err := readOffer(r)
	if err != nil {
		rm.log.Warn("relay: WHIP offer refused", "error", err)
		httpError(w, code, "%v", err)
		return
	}
	api, err := ingestAPI(o)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v: %v", ErrPeer, err)
		return
	}
	p := &publisher{id: newID(), pc: pc}
	log := rm.log.With("publisher", p.id[:8])
	pc.OnTrack(func(t *webrtc.TrackRemote, rcv *webrtc.RTPReceiver) {
		out, err := rm.outTrack(t.Codec().RTPCodecCapability)
		if err != nil {
			log.Error("relay: no outgoing track", "error", err)
			return
		}
		if t.Kind() == webrtc.RTPCodecTypeVideo {
			p.videoSSRC.Store(uint32(t.SSRC()))
			// Viewers that joined before this publisher need a keyframe now.
			rm.kf.request()
		}
		log.Info("relay: publishing", "kind", t.Kind().String(), "codec", t.Codec().MimeType, "fmtp", t.Codec().SDPFmtpLine)
		p.start(func() { forward(t, out, &rm.n) })
		p.start(func() { drainRTCP(rcv) })
	})
	pc.OnConnectionStateChange(func(st webrtc.PeerConnectionState) {
		log.Info("relay: publisher connection", "state", st.String())
		if st == webrtc.PeerConnectionStateFailed || st == webrtc.PeerConnectionStateClosed {
			rm.dropPublisher(p)
		}
	})
	ans, err := answer(pc, o)
	if err != nil {
		pc.Close()
		code := http.StatusInternalServerError
		if errors.Is(err, ErrBadSDP) {
			code = http.StatusBadRequest
		}
		log.Warn("relay: WHIP offer refused", "error", err)
		httpError(w, code, "%v", err)
		return
	}
	// The viewers' tracks exist from now on, in the codec the answer
	// settled on (the offer's first, as every one of its H.264 formats was
	// taken): a viewer may join before the first packet.
	if _, err := rm.outTrack(o.h264[0].RTPCodecCapability); err != nil {
		log.Error("relay: no outgoing video track", "error", err)
	}
	if len(o.opus) > 0 {
		if _, err := rm.outTrack(o.opus[0].RTPCodecCapability); err != nil {
			log.Error("relay: no outgoing audio track", "error", err)
		}
	}
	rm.mu.Lock()
	if rm.closed {
		rm.mu.Unlock()
		pc.Close()
		httpError(w, http.StatusServiceUnavailable, "the relay is shutting down")
		return
	}
	old := rm.pub
	rm.pub = p
	rm.air.began(time.Now(), old != nil)
	rm.mu.Unlock()
	if old != nil {
		log.Info("relay: a new publish replaces the old one", "old", old.id[:8])
		go old.close()
	}
	p.mu.Lock()
	if !p.closed {
		p.timer = time.AfterFunc(connectTimeout, func() {
			if pc.ConnectionState() != webrtc.PeerConnectionStateConnected {
				rm.dropPublisher(p)
			}
		})
	}
	p.mu.Unlock()
	created(w, "/"+rm.name+"/whip/"+p.id, ans)
}

func (s *Server) whipDelete(rm *room, w http.ResponseWriter, r *http.Request) {
	rm.mu.Lock()
	p := rm.pub
	if p == nil || p.id != r.PathValue("id") {
		rm.mu.Unlock()
		httpError(w, http.StatusNotFound, "no such WHIP session")
		return
	}
	rm.pub = nil
	rm.air.stopped(time.Now(), false)
	rm.mu.Unlock()
	p.close()
	rm.log.Info("relay: publisher left", "publisher", p.id[:8], "packets", rm.n.packetsIn.Load(), "bytes", rm.n.bytesIn.Load())
	w.WriteHeader(http.StatusOK)
}

// dropPublisher forgets p if it is still the room's publisher.
func (rm *room) dropPublisher(p *publisher) {
	rm.mu.Lock()
	if rm.pub == p {
		rm.pub = nil
		rm.air.stopped(time.Now(), true)
	}
	rm.mu.Unlock()
	go p.close()
}

// drainRTCP reads a receiver's RTCP so the interceptors see it; it ends
// with the connection.
func drainRTCP(r *webrtc.RTPReceiver) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := r.Read(buf); err != nil {
			return
		}
	}
}
