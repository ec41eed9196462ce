package relay

import (
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// testPublisher is a WHIP sender made of pion parts: it sends RTP packets
// whose payload carries a counter and the time it was sent, and counts
// the keyframe requests it gets.
type testPublisher struct {
	pc       *webrtc.PeerConnection
	video    *webrtc.TrackLocalStaticRTP
	audio    *webrtc.TrackLocalStaticRTP
	resource string
	plis     atomic.Int64
	sent     atomic.Int64 // video packets
	stop     chan struct{}
	wg       sync.WaitGroup
}

const testPLID = "42e01f"

func h264Cap(plid string) webrtc.RTPCodecCapability {
	return webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeH264, ClockRate: 90000,
		SDPFmtpLine:  "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=" + plid,
		RTCPFeedback: []webrtc.RTCPFeedback{{Type: "nack"}, {Type: "nack", Parameter: "pli"}}}
}

var opusCap = webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2, SDPFmtpLine: "minptime=10;useinbandfec=1"}

func testAPI(t testing.TB, video []webrtc.RTPCodecCapability) *webrtc.API {
	return testAPIWith(t, video, true)
}

// testAPIWith makes the pion API of a test peer; without interceptors it
// is a light viewer that sends no reports or NACKs (the load test's).
func testAPIWith(t testing.TB, video []webrtc.RTPCodecCapability, interceptors bool) *webrtc.API {
	t.Helper()
	me := &webrtc.MediaEngine{}
	for i, c := range video {
		if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: c, PayloadType: webrtc.PayloadType(102 + 2*i)}, webrtc.RTPCodecTypeVideo); err != nil {
			t.Fatal(err)
		}
	}
	if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: opusCap, PayloadType: 111}, webrtc.RTPCodecTypeAudio); err != nil {
		t.Fatal(err)
	}
	ir := &interceptor.Registry{}
	if interceptors {
		if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
			t.Fatal(err)
		}
	}
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se))
}

// publish connects a test publisher to base's room over WHIP and starts
// sending: small video packets every 10 ms, audio every 20 ms.
func publish(t testing.TB, base string, ssrc uint32, seq uint16) *testPublisher {
	t.Helper()
	return publishAt(t, base, ssrc, seq, 10*time.Millisecond, 13, 1)
}

// publishAt sends burst video packets of size bytes every interval (and
// an audio packet every other interval).
func publishAt(t testing.TB, base string, ssrc uint32, seq uint16, interval time.Duration, size, burst int) *testPublisher {
	t.Helper()
	pc, err := testAPI(t, []webrtc.RTPCodecCapability{h264Cap(testPLID)}).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	p := &testPublisher{pc: pc, stop: make(chan struct{})}
	p.video, _ = webrtc.NewTrackLocalStaticRTP(h264Cap(testPLID), "video", "test")
	p.audio, _ = webrtc.NewTrackLocalStaticRTP(opusCap, "audio", "test")
	send := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly}
	vt, err := pc.AddTransceiverFromTrack(p.video, send)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pc.AddTransceiverFromTrack(p.audio, send); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			pkts, _, err := vt.Sender().ReadRTCP()
			if err != nil {
				return
			}
			for _, pkt := range pkts {
				if _, ok := pkt.(*rtcp.PictureLossIndication); ok {
					p.plis.Add(1)
				}
			}
		}
	}()
	connected := make(chan struct{})
	var once sync.Once
	pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		if s == webrtc.PeerConnectionStateConnected {
			once.Do(func() { close(connected) })
		}
	})
	resp, body := postOffer(t, pc, base+"/show/whip", testToken)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("WHIP: %d %s", resp.StatusCode, body)
	}
	p.resource = resolveLocation(base, resp)
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: body}); err != nil {
		t.Fatal(err)
	}
	waitChan(t, connected, "the publisher to connect")
	p.wg.Add(1)
	go p.send(ssrc, seq, interval, max(size, 13), max(burst, 1))
	t.Cleanup(p.close)
	return p
}

func (p *testPublisher) send(ssrc uint32, seq uint16, interval time.Duration, size, burst int) {
	defer p.wg.Done()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var n uint32
	ts := uint32(1000)
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
		n++
		for b := range burst {
			payload := make([]byte, size)
			payload[0] = 0x41 // a non-IDR slice NAL: the relay never looks inside
			binary.BigEndian.PutUint64(payload[1:], uint64(time.Now().UnixNano()))
			binary.BigEndian.PutUint32(payload[9:], n*uint32(burst)+uint32(b))
			p.video.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 102, SequenceNumber: seq, Timestamp: ts,
				SSRC: ssrc, Marker: b == burst-1}, Payload: payload})
			seq++
			p.sent.Add(1)
		}
		if n%2 == 0 {
			p.audio.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: uint16(n / 2), Timestamp: ts, SSRC: ssrc + 1}, Payload: []byte{0xfc, 0xff, 0xfe}})
		}
		if burst > 1 || n%8 == 0 {
			ts += 3000 // a frame per burst, or one every 8 small packets
		}
	}
}

func (p *testPublisher) close() {
	select {
	case <-p.stop:
		return
	default:
	}
	close(p.stop)
	p.wg.Wait()
	p.pc.Close()
}

type httpStatus struct {
	code int
	body string
}

func (e *httpStatus) Error() string { return http.StatusText(e.code) + ": " + e.body }

// postOffer makes pc's complete offer and POSTs it.
func postOffer(t testing.TB, pc *webrtc.PeerConnection, url, token string) (*http.Response, string) {
	t.Helper()
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	<-gathered
	return post(t, url, token, "application/sdp", pc.LocalDescription().SDP)
}

func post(t testing.TB, url, token, ctype, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func resolveLocation(base string, resp *http.Response) string {
	loc := resp.Header.Get("Location")
	if strings.HasPrefix(loc, "/") {
		return base + loc
	}
	return loc
}

func do(t testing.TB, method, url, token string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func waitChan(t testing.TB, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(15 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

// eventually waits for cond, checking it as things change.
func eventually(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("not within %v: %s", within, what)
		case <-tick.C:
		}
	}
}
