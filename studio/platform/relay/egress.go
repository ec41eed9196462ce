package relay

import (
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"
)

// viewer is one WHEP session, bound to the room's shared tracks.
type viewer struct {
	id     string
	pc     *webrtc.PeerConnection
	rm     *room
	places []place // its seats on the video and audio shards
	once   sync.Once
	mu     sync.Mutex
	timer  *time.Timer // drops a viewer that never connects
}

type place struct {
	f *fanout
	s *shard
}

// close ends the session and forgets it; closing unbinds it from the
// shared tracks.
func (v *viewer) close() {
	v.once.Do(func() {
		v.mu.Lock()
		if v.timer != nil {
			v.timer.Stop() // it would keep the connection alive for its 30 s
		}
		v.mu.Unlock()
		v.rm.mu.Lock()
		delete(v.rm.viewers, v.id)
		v.rm.mu.Unlock()
		v.pc.Close()
		for _, p := range v.places {
			p.f.leave(p.s)
		}
	})
}

// whepPost takes a viewer's offer and answers with the room's stream.
func (s *Server) whepPost(rm *room, w http.ResponseWriter, r *http.Request) {
	rm.mu.Lock()
	video, audio, n, live := rm.video, rm.audio, len(rm.viewers), rm.pub != nil
	rm.mu.Unlock()
	// Not live (before the show, after it, or while the studio reconnects):
	// answer at once, so that a page waiting for the show asks again.
	if video == nil || !live {
		httpError(w, http.StatusNotFound, "%v: nothing is published on room %q now", ErrNoStream, rm.name)
		return
	}
	if n >= s.cfg.MaxViewers {
		w.Header().Set("Retry-After", "10")
		httpError(w, http.StatusServiceUnavailable, "%v: room %q has %d viewers, the limit", ErrFull, rm.name, n)
		return
	}
	o, code, err := readOffer(r)
	if err != nil {
		httpError(w, code, "%v", err)
		return
	}
	var audioCodec *webrtc.RTPCodecCapability
	if audio != nil && len(o.opus) > 0 {
		c := audio.codec
		audioCodec = &c
	}
	api, err := egressAPI(video.codec, audioCodec)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v: %v", ErrPeer, err)
		return
	}
	v := &viewer{id: newID(), pc: pc, rm: rm}
	pc.OnConnectionStateChange(func(st webrtc.PeerConnectionState) {
		switch st {
		case webrtc.PeerConnectionStateConnected:
			// A new viewer waits for a keyframe: ask for one now rather
			// than at the encoder's next scheduled one.
			rm.kf.request()
		case webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed:
			v.close()
		}
	})
	fail := func(err error) {
		pc.Close()
		code := http.StatusInternalServerError
		if errors.Is(err, ErrBadSDP) {
			code = http.StatusBadRequest
		}
		httpError(w, code, "%v", err)
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: o.raw}); err != nil {
		fail(errors.Join(ErrBadSDP, err))
		return
	}
	var senders []*webrtc.RTPSender
	outs := []*fanout{video}
	if audioCodec != nil {
		outs = append(outs, audio)
	}
	for _, f := range outs {
		sh, err := f.join()
		if err != nil {
			v.close()
			fail(errors.Join(ErrPeer, err))
			return
		}
		v.places = append(v.places, place{f, sh})
		snd, err := pc.AddTrack(sh.track)
		if err != nil {
			v.close()
			fail(errors.Join(ErrPeer, err))
			return
		}
		senders = append(senders, snd)
	}
	ans, err := finishAnswer(pc)
	if err != nil {
		v.close()
		fail(err)
		return
	}
	rm.mu.Lock()
	if rm.closed || len(rm.viewers) >= s.cfg.MaxViewers {
		rm.mu.Unlock()
		v.close()
		w.Header().Set("Retry-After", "10")
		httpError(w, http.StatusServiceUnavailable, "%v: room %q is full or closing", ErrFull, rm.name)
		return
	}
	rm.viewers[v.id] = v
	count := len(rm.viewers)
	rm.mu.Unlock()
	for _, snd := range senders {
		go readViewerRTCP(snd, rm.kf)
	}
	// A viewer that never completes ICE (a page closed mid-offer) is not
	// kept waiting for.
	v.mu.Lock()
	v.timer = time.AfterFunc(connectTimeout, func() {
		if pc.ConnectionState() != webrtc.PeerConnectionStateConnected {
			v.close()
		}
	})
	v.mu.Unlock()
	rm.log.Debug("relay: viewer joined", "viewer", v.id[:8], "viewers", count)
	w.Header().Set("X-Viewers", strconv.Itoa(count))
	created(w, "/"+rm.name+"/whep/"+v.id, ans)
}

func (s *Server) whepDelete(rm *room, w http.ResponseWriter, r *http.Request) {
	rm.mu.Lock()
	v := rm.viewers[r.PathValue("id")]
	rm.mu.Unlock()
	if v == nil {
		httpError(w, http.StatusNotFound, "no such WHEP session")
		return
	}
	v.close()
	w.WriteHeader(http.StatusOK)
}

// readViewerRTCP passes a viewer's keyframe requests upstream (through the
// room's limiter) and drains the rest for the interceptors; it ends with
// the connection.
func readViewerRTCP(s *webrtc.RTPSender, kf *keyframer) {
	for {
		pkts, _, err := s.ReadRTCP()
		if err != nil {
			return
		}
		for _, p := range pkts {
			switch p.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				kf.request()
			}
		}
	}
}

// viewerCount is how many WHEP sessions the room has.
func (rm *room) viewerCount() int {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	return len(rm.viewers)
}
