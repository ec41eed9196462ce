package relay

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pion/webrtc/v4"
)

// The studio's RTP goes through to every viewer as it came: no transcode,
// a keyframe request upstream when viewers join (at most one a second),
// and continuity when the studio reconnects.
func TestWHIPForwardsToWHEPViewers(t *testing.T) {
	srv, base := startRelay(t, Config{})
	pub := publish(t, base, 0x1234, 100)
	rm, _ := srv.room("show")

	var viewers []*testViewer
	for range 5 { // five join at once
		viewers = append(viewers, watch(t, base))
	}
	for i, v := range viewers {
		eventually(t, 10*time.Second, "video and audio reach every viewer", func() bool {
			return v.video.Load() >= 30 && v.audio.Load() >= 10
		})
		// The counters come in order: forwarded, not re-made.
		first := <-v.counters
		for range 20 {
			next := <-v.counters
			if next != first+1 {
				t.Fatalf("viewer %d: counter %d after %d", i, next, first)
			}
			first = next
		}
	}
	eventually(t, 5*time.Second, "a keyframe request for the new viewers", func() bool { return pub.plis.Load() >= 1 })
	// Five joins within a moment are at most two requests: one at once, one
	// when the second's window ends.
	if n := rm.n.keyframeRequests.Load(); n > 3 {
		t.Errorf("%d keyframe requests upstream for five joins, want at most 3", n)
	}
	if n := rm.viewerCount(); n != 5 {
		t.Errorf("%d viewers, want 5", n)
	}

	// A viewer leaves with DELETE.
	if r := do(t, http.MethodDelete, viewers[0].resource, ""); r.StatusCode != http.StatusOK {
		t.Errorf("WHEP DELETE: %d", r.StatusCode)
	}
	eventually(t, 5*time.Second, "the viewer is gone", func() bool { return rm.viewerCount() == 4 })

	// The studio reconnects: a new session with another SSRC and sequence
	// numbers far away. Viewers see one stream going on.
	if r := do(t, http.MethodDelete, pub.resource, "wrong"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("WHIP DELETE with a wrong token: %d", r.StatusCode)
	}
	pub.close()
	if r := do(t, http.MethodDelete, pub.resource, testToken); r.StatusCode != http.StatusOK && r.StatusCode != http.StatusNotFound {
		t.Errorf("WHIP DELETE: %d", r.StatusCode)
	}
	v := viewers[1]
	before := v.video.Load()
	jumps := v.jumps.Load()
	publish(t, base, 0x9999, 50000)
	eventually(t, 10*time.Second, "the second publisher's video", func() bool { return v.video.Load() >= before+50 })
	if j := v.jumps.Load() - jumps; j != 0 {
		t.Errorf("%d sequence jumps across the reconnect, want 0", j)
	}
}

func TestWHIPAndWHEPRefusals(t *testing.T) {
	_, base := startRelay(t, Config{})
	whip := base + "/show/whip"
	offer := vp8Offer(t)

	for _, c := range []struct {
		name, token, ctype, body string
		code                     int
		says                     string
	}{
		{"no token", "", "application/sdp", offer, 401, "token is missing or wrong"},
		{"wrong token", "nope", "application/sdp", offer, 401, "token is missing or wrong"},
		{"not SDP", testToken, "application/sdp", "hello relay", 400, "not SDP"},
		{"wrong type", testToken, "text/plain", offer, 415, "want application/sdp"},
		{"no H.264", testToken, "application/sdp", offer, 400, "no H.264 video with packetization-mode=1"},
		{"SDP without ICE", testToken, "application/sdp", h264OfferWithoutICE, 400, "bad SDP offer"},
	} {
		resp, body := post(t, whip, c.token, c.ctype, c.body)
		if resp.StatusCode != c.code || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d %q, want %d saying %q", c.name, resp.StatusCode, body, c.code, c.says)
		}
		if c.code == 401 && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: no WWW-Authenticate", c.name)
		}
		if strings.Contains(body, testToken) {
			t.Errorf("%s: the answer shows the token", c.name)
		}
	}
	if r := do(t, http.MethodOptions, whip, "nope"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("OPTIONS with a wrong token: %d", r.StatusCode)
	}
	if r := do(t, http.MethodOptions, whip, testToken); r.StatusCode != http.StatusNoContent || r.Header.Get("Accept-Post") != "application/sdp" {
		t.Errorf("OPTIONS: %d %v", r.StatusCode, r.Header)
	}
	if r := do(t, http.MethodPatch, whip+"/abc", testToken); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PATCH (trickle): %d", r.StatusCode)
	}
	if r := do(t, http.MethodDelete, whip+"/abc", testToken); r.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE of no session: %d", r.StatusCode)
	}
	if r := do(t, http.MethodPost, base+"/bad.room/whip", testToken); r.StatusCode != http.StatusNotFound {
		t.Errorf("a bad room name: %d", r.StatusCode)
	}

	// WHEP: nothing to play yet, then a bad offer once there is.
	if _, err := tryWatch(t, base, watchOpts{}); err == nil || !strings.Contains(err.Error(), "nothing is published") {
		t.Errorf("WHEP before any publish: %v", err)
	}
	publish(t, base, 1, 1)
	resp, body := post(t, base+"/show/whep", "", "application/sdp", "v=0\r\nthis is not sdp")
	if resp.StatusCode != 400 || !strings.Contains(body, "not SDP") {
		t.Errorf("WHEP with a bad offer: %d %q", resp.StatusCode, body)
	}
	resp, body = post(t, base+"/show/whep", "", "application/sdp", offer)
	if resp.StatusCode != 400 || !strings.Contains(body, "no H.264") {
		t.Errorf("WHEP offering VP8 only: %d %q", resp.StatusCode, body)
	}
}

// vp8Offer is a complete offer for VP8 video only.
func vp8Offer(t *testing.T) string {
	t.Helper()
	me := &webrtc.MediaEngine{}
	me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, PayloadType: 96}, webrtc.RTPCodecTypeVideo)
	pc, err := webrtc.NewAPI(webrtc.WithMediaEngine(me)).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly})
	o, err := pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	return o.SDP
}

// h264OfferWithoutICE parses as SDP and offers H.264, but has no ICE
// credentials or DTLS fingerprint: pion refuses it.
const h264OfferWithoutICE = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" +
	"m=video 9 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\n" +
	"a=rtpmap:102 H264/90000\r\na=fmtp:102 packetization-mode=1;profile-level-id=42e01f\r\n"

func TestViewerPage(t *testing.T) {
	_, base := startRelay(t, Config{})
	for _, c := range []struct {
		path, ctype, has string
		code             int
	}{
		{"/show/", "text/html", `src="assets/app.js"`, 200},
		{"/show/assets/app.js", "text/javascript", "/events", 200},
		{"/show/assets/player.js", "text/javascript", "/whep", 200},
		{"/show/assets/style.css", "text/css", ".pinned", 200},
		{"/show/assets/nope.js", "", "", 404},
		{"/show/assets/index.html", "", "", 404},
	} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b := string(raw)
		if resp.StatusCode != c.code || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ctype) || !strings.Contains(b, c.has) {
			t.Errorf("GET %s: %d %s, want %d %s containing %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.code, c.ctype, c.has)
		}
		if c.code == 200 && (strings.Contains(b, "http://") || strings.Contains(b, "https://")) {
			t.Errorf("%s refers to another site", c.path)
		}
	}
	if csp := do(t, http.MethodGet, base+"/show/", "").Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}
