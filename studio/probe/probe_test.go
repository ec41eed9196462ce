package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"
	pmedia "github.com/pion/webrtc/v4/pkg/media"
	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/media"
)

// whepServer is a WHEP endpoint made of a pion peer per viewer, sending
// test-pattern H.264 from the real encoder with the strip stamped with the
// time each frame is made: a small MediaMTX that lives in the test.
type whepServer struct {
	srv      *httptest.Server
	track    *webrtc.TrackLocalStaticSample
	enc      *encoder.VideoEncoder
	token    string
	auth     atomic.Value // the Authorization header of the last POST
	plis     atomic.Int32
	deleted  chan struct{}
	mu       sync.Mutex
	sessions map[string]*webrtc.PeerConnection
}

func startWHEPServer(t *testing.T, size media.Size, token string) *whepServer {
	t.Helper()
	enc, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: size.W, Height: size.H, FPS: 30, Encoder: "x264", BitrateKbps: 1200})
	if err != nil {
		t.Fatal(err)
	}
	// MediaMTX answers 42e01f whatever it relays; so does this server.
	track, err := webrtc.NewTrackLocalStaticSample(webrtc.RTPCodecCapability{
		MimeType: webrtc.MimeTypeH264, ClockRate: 90000,
		SDPFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
	}, "video", "test")
	if err != nil {
		t.Fatal(err)
	}
	s := &whepServer{track: track, enc: enc, token: token, deleted: make(chan struct{}, 4), sessions: map[string]*webrtc.PeerConnection{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.send(ctx, size) }()
	t.Cleanup(func() {
		s.srv.Close()
		cancel()
		<-done
		s.mu.Lock()
		for _, pc := range s.sessions {
			pc.Close()
		}
		s.mu.Unlock()
		enc.Close()
	})
	return s
}

// send makes and sends 30 frames a second until ctx ends.
func (s *whepServer) send(ctx context.Context, size media.Size) {
	tick := time.NewTicker(time.Second / 30)
	defer tick.Stop()
	for n := int64(0); ; n++ {
		f := media.NewFrame(size.W, size.H)
		for i := range f.Img.Y {
			f.Img.Y[i] = uint8(40 + (i+int(n)*5)%150)
		}
		f.PTS, f.Seq = time.Duration(n)*time.Second/30, n
		capture.DrawTimecode(f.Img, capture.TimecodeRect(size), time.Now().UnixMilli(), uint32(n))
		pkts, err := s.enc.Encode(f)
		if err != nil {
			return
		}
		for _, p := range pkts {
			s.track.WriteSample(pmedia.Sample{Data: p.Data, Duration: time.Second / 30})
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (s *whepServer) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/old/whep":
		w.Header().Set("Location", "/live/whep") // the probe must POST again, token and all
		w.WriteHeader(http.StatusTemporaryRedirect)
	case r.Method == http.MethodPost && r.URL.Path == "/live/whep":
		s.auth.Store(r.Header.Get("Authorization"))
		if s.token != "" && r.Header.Get("Authorization") != "Bearer "+s.token {
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		offer, _ := io.ReadAll(r.Body)
		answer, id, err := s.answer(string(offer))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/sdp")
		w.Header().Set("Location", "session/"+id) // relative, as MediaMTX's are
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, answer)
	case r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/live/session/"):
		s.mu.Lock()
		pc := s.sessions[strings.TrimPrefix(r.URL.Path, "/live/session/")]
		s.mu.Unlock()
		if pc == nil {
			http.NotFound(w, r)
			return
		}
		pc.Close()
		s.deleted <- struct{}{}
	case r.Method == http.MethodPost:
		http.Error(w, "no stream is available on path", http.StatusNotFound)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func (s *whepServer) answer(offer string) (string, string, error) {
	me := &webrtc.MediaEngine{}
	if err := me.RegisterDefaultCodecs(); err != nil {
		return "", "", err
	}
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
		return "", "", err
	}
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	pc, err := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se)).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return "", "", err
	}
	sender, err := pc.AddTrack(s.track)
	if err != nil {
		pc.Close()
		return "", "", err
	}
	go func() {
		for {
			pkts, _, err := sender.ReadRTCP()
			if err != nil {
				return
			}
			for _, p := range pkts {
				if _, ok := p.(*rtcp.PictureLossIndication); ok {
					s.plis.Add(1)
					s.enc.RequestKeyframe()
				}
			}
		}
	}()
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		pc.Close()
		return "", "", err
	}
	ans, err := pc.CreateAnswer(nil)
	if err != nil {
		pc.Close()
		return "", "", err
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(ans); err != nil {
		pc.Close()
		return "", "", err
	}
	<-gathered
	s.mu.Lock()
	id := fmt.Sprint(len(s.sessions) + 1)
	s.sessions[id] = pc
	s.mu.Unlock()
	return pc.LocalDescription().SDP, id, nil
}

// The probe plays a real WebRTC stream end to end: redirect, Bearer token,
// SDP, ICE, DTLS, RTP with H.264 from the encoder, PLI, decoding, the strip,
// and the DELETE at the end, leaving no goroutine behind.
func TestProbeMeasuresAWHEPStream(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // after the server's own cleanup
	size := media.Size{W: 640, H: 360}
	s := startWHEPServer(t, size, "reader-secret-42")
	p := &Probe{URL: s.srv.URL + "/old/whep", Token: "reader-secret-42", For: 2 * time.Second}
	res, err := p.Run(context.Background())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("%s (min %v, max %v)", res, res.Min, res.Max)
	if res.Size != size {
		t.Errorf("decoded %v, want %v", res.Size, size)
	}
	if res.Frames < 45 || res.Frames > 70 {
		t.Errorf("%d pictures in 2 s of a 30 fps stream", res.Frames)
	}
	if res.Unreadable > res.Frames/20 {
		t.Errorf("%d of %d strips unreadable", res.Unreadable, res.Frames)
	}
	if res.P50 < 0 || res.P50 > 500*time.Millisecond || res.P99 < res.P50 {
		t.Errorf("latency p50 %v p99 %v on loopback", res.P50, res.P99)
	}
	if got := s.auth.Load(); got != "Bearer reader-secret-42" {
		t.Errorf("Authorization %q after the redirect", got)
	}
	if s.plis.Load() == 0 {
		t.Error("the probe never asked for a keyframe")
	}
	select {
	case <-s.deleted:
	default:
		t.Error("the session was not DELETEd")
	}
}

func TestProbeErrorsSayWhy(t *testing.T) {
	s := startWHEPServer(t, media.Size{W: 320, H: 180}, "right")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().String()
	l.Close()
	for _, tc := range []struct {
		name, url, token string
		want             error
		text             string
	}{
		{"not http", "rtmp://127.0.0.1/live/whep", "", ErrBadURL, "not an http(s) URL"},
		{"no scheme", "127.0.0.1:8889/live/whep", "", ErrBadURL, "not an http(s) URL"},
		{"nothing listening", "http://" + closedPort + "/live/whep", "", ErrUnavailable, "connection refused"},
		{"no such stream", s.srv.URL + "/nope/whep", "", ErrRejected, "404 Not Found"},
		{"wrong token", s.srv.URL + "/live/whep", "wrong-token-77", ErrRejected, "401 Unauthorized (check --token-env)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := (&Probe{URL: tc.url, Token: tc.token, For: time.Second}).Run(context.Background())
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("error %v, want %v with %q", err, tc.want, tc.text)
			}
			if tc.token != "" && strings.Contains(err.Error(), tc.token) {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
}
