package whip

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
)

func TestICEServersFromLinkHeaders(t *testing.T) {
	got := iceServersFromLinks([]string{
		`<stun:stun.example.net:3478>; rel="ice-server"`,
		`<turn:turn.example.net?transport=udp>; rel="ice-server"; username="user1"; credential="pa,ss"; credential-type="password", <https://example.net/x>; rel="next"`,
	})
	want := []webrtc.ICEServer{
		{URLs: []string{"stun:stun.example.net:3478"}},
		{URLs: []string{"turn:turn.example.net?transport=udp"}, Username: "user1", Credential: "pa,ss", CredentialType: webrtc.ICECredentialTypePassword},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d servers %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].URLs[0] != want[i].URLs[0] || got[i].Username != want[i].Username || got[i].Credential != want[i].Credential {
			t.Errorf("server %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// request is what the front saw.
type request struct {
	method, path string
	auth         bool
}

// front stands between the output and MediaMTX like a platform's edge: it
// redirects the first URL with a 307 and a relative Location, adds ICE
// servers as Link headers to the 201, and passes everything else on.
type front struct {
	mu   sync.Mutex
	seen []request
}

func (f *front) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.seen...)
}

func startFront(t *testing.T, mtx *mediatest.MediaMTX) (*front, *httptest.Server) {
	f := &front{}
	target, _ := url.Parse(mtx.HTTP)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		if r.StatusCode == http.StatusCreated {
			r.Header.Add("Link", `<turn:127.0.0.1:3478?transport=udp>; rel="ice-server"; username="edge"; credential="edge-pass"; credential-type="password"`)
		}
		return nil
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.seen = append(f.seen, request{r.Method, r.URL.Path, r.Header.Get("Authorization") != ""})
		f.mu.Unlock()
		if r.URL.Path == "/old/whip" && r.Method == http.MethodPost {
			w.Header().Set("Location", "../shop/whip")
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

// Through a redirect, the output publishes H.264 and Opus to a real WHIP
// server, counts what it sends and the round trip, keeps the Link ICE
// servers for its next connection, and DELETEs its session when stopped.
func TestPublishesToMediaMTXThroughARedirect(t *testing.T) {
	mtx := mediatest.StartMediaMTX(t)
	f, srv := startFront(t, mtx)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var fan output.Fanout
	q := fan.SubscribeFor("whip", 300, media.Opus)
	video, venc := feed(t, ctx, &fan)
	opusInfo := media.StreamInfo{Kind: media.Audio, Codec: media.Opus, SampleRate: 48000, Channels: 2}
	o := &Output{URL: srv.URL + "/old/whip", Token: mtx.PublishToken, Video: video, Audio: &opusInfo, Queue: q, RequestKeyframe: venc.RequestKeyframe}
	live := make(chan struct{})
	runErr := make(chan error, 1)
	go func() { runErr <- o.Run(ctx, func() { close(live) }) }()
	select {
	case <-live:
	case err := <-runErr:
		t.Fatalf("Run ended before going live: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("not live after 20 s")
	}
	p := mtx.WaitReady(t, "shop", 10*time.Second)
	if got := strings.Join(p.Tracks, ","); !strings.Contains(got, "H264") || !strings.Contains(got, "Opus") {
		t.Errorf("MediaMTX has tracks %q, want H264 and Opus", got)
	}
	deadline := time.Now().Add(10 * time.Second)
	for o.Counters().RTT == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond) // RTCP reports come every second or so
	}
	c := o.Counters()
	t.Logf("counters after going live: %+v", c)
	if c.Bytes == 0 || c.RTT <= 0 || c.RTT > time.Second {
		t.Errorf("counters %+v: want bytes sent and a loopback RTT", c)
	}
	cancel()
	if err := <-runErr; err != nil {
		t.Errorf("Run after stop: %v", err)
	}
	reqs := f.requests()
	var posts, deletes int
	for _, r := range reqs {
		switch {
		case r.method == http.MethodPost:
			posts++
			if !r.auth {
				t.Errorf("POST %s without the Bearer token", r.path)
			}
		case r.method == http.MethodDelete && strings.HasPrefix(r.path, "/shop/whip/") && r.auth:
			deletes++
		}
	}
	if posts != 2 || deletes != 1 {
		t.Errorf("requests %+v: want the POST redirected once (2 POSTs) and one authorized DELETE of the session", reqs)
	}
	ice := o.iceServers()
	if len(ice) != 1 || ice[0].Username != "edge" || ice[0].Credential != "edge-pass" {
		t.Errorf("ICE servers kept for the next connection: %+v", ice)
	}
	for _, p := range mtx.Paths(t) {
		if p.Name == "shop" && p.Ready {
			t.Error("MediaMTX still has the session after the DELETE")
		}
	}
}

// A 503 with Retry-After makes the handler wait at least that long, and an
// output with no token sends no Authorization header at all.
func TestBusyEndpointIsRetriedAfterItsRetryAfter(t *testing.T) {
	var sawAuth bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Header["Authorization"]; ok {
			sawAuth = true
		}
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var fan output.Fanout
	q := fan.SubscribeFor("whip", 300, media.Opus)
	video, _ := feed(t, ctx, &fan)
	var waits []time.Duration
	var last output.Status
	h := &output.Handler{Name: "relay", Queue: q, Output: &Output{URL: srv.URL + "/whip", Video: video, Queue: q},
		After: func(d time.Duration) <-chan time.Time {
			waits = append(waits, d)
			cancel()
			return make(chan time.Time)
		},
		OnChange: func(s output.Status) {
			if s.State == output.Reconnecting {
				last = s
			}
		}}
	h.Run(ctx)
	if len(waits) != 1 || waits[0] < 7*time.Second {
		t.Errorf("the handler waited %v after a 503 with Retry-After: 7", waits)
	}
	if !errors.Is(last.Err, ErrUnavailable) || !strings.Contains(last.Err.Error(), "503") {
		t.Errorf("reconnecting reason %v, want the 503", last.Err)
	}
	if sawAuth {
		t.Error("an output without a token sent an Authorization header")
	}
}

// The round trip from a receiver report: our sender report left at LSR, the
// far end held it DLSR, and the report arrives now.
func TestRoundTripFromReceiverReport(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	sent := now.Add(-250 * time.Millisecond)
	r := rtcp.ReceptionReport{
		LastSenderReport: uint32(ntpTime(sent) >> 16),
		Delay:            13107, // held 200 ms, in 1/65536 s
	}
	rtt, ok := roundTrip(r, now)
	if !ok || rtt < 49*time.Millisecond || rtt > 51*time.Millisecond {
		t.Errorf("roundTrip = %v, %v; want 50 ms", rtt, ok)
	}
	if _, ok := roundTrip(rtcp.ReceptionReport{}, now); ok {
		t.Error("a report before any sender report gave a round trip")
	}
}
