package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/platform/relay/viewertest"
)

// hostSide is the test's host client: it collects what the relay sends.
type hostSide struct {
	t   *testing.T
	c   *platform.Conn
	id  uint64
	got chan platform.Envelope
}

// dialHost connects to the event socket at events as the host, and reads
// what the relay sends; close its c when done.
func dialHost(t *testing.T, events string) *hostSide {
	t.Helper()
	c, err := platform.Dial(t.Context(), events, platform.DialOptions{Token: relayToken})
	if err != nil {
		t.Fatal(err)
	}
	h := &hostSide{t: t, c: c, got: make(chan platform.Envelope, 1024)}
	go h.read()
	return h
}

func (h *hostSide) read() {
	for {
		env, _, err := h.c.Read(context.Background())
		if errors.Is(err, platform.ErrClosed) {
			close(h.got)
			return
		}
		h.got <- env
	}
}

func (h *hostSide) send(ev platform.Event) {
	h.t.Helper()
	h.id++
	if err := h.c.Send(h.t.Context(), h.id, ev); err != nil {
		h.t.Fatalf("host: %v", err)
	}
}

// expect returns the next message of a type, skipping the others.
func (h *hostSide) expect(typ platform.Type) platform.Envelope {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case env, ok := <-h.got:
			if !ok {
				h.t.Fatalf("host: the socket closed while waiting for %s", typ)
			}
			if env.Type == platform.TypeError {
				h.t.Errorf("host: refused: %s", env.Data)
			}
			if env.Type == typ {
				return env
			}
		case <-deadline:
			h.t.Fatalf("host: no %s within 10 s", typ)
		}
	}
}

func relayPayload[T platform.Event](t *testing.T, env platform.Envelope) T {
	t.Helper()
	v, err := platform.Payload[T](env)
	if err != nil {
		t.Fatalf("%s: %v", env.Type, err)
	}
	return v
}

// browserPage is the viewer page in headless Chromium (viewertest).
type browserPage struct{ *viewertest.Page }

func openViewer(t *testing.T, url string) *browserPage {
	t.Helper()
	return &browserPage{viewertest.Open(t, repoPath("scripts/browser"), url)}
}

// do sends one command and fails the test if the page could not do it.
func (b *browserPage) do(cmd map[string]any) map[string]any {
	b.T.Helper()
	return b.Do(cmd)
}

// close ends the browser, failing the test on anything the page threw; its
// console errors are only logged (a page waiting out a reconnect logs some).
func (b *browserPage) close() {
	b.T.Helper()
	thrown, console := b.Close()
	if len(thrown) > 0 {
		b.T.Errorf("the page threw: %v", thrown)
	}
	if len(console) > 0 {
		b.T.Logf("the page logged errors: %v", console)
	}
}

type relayResponse struct {
	code int
	body string
}

func relayDo(t *testing.T, req *http.Request) relayResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return relayResponse{resp.StatusCode, string(b)}
}

// eventsURL is the event socket of the show room of the relay at base.
func eventsURL(base string) string {
	return "ws" + strings.TrimPrefix(base, "http") + "/show/events"
}

// singleCam is a show's layout with the one camera, cam.
const singleCam = `
[layout]
kind = "single"
main = "cam"
`

// whipRelay is a show's destination "relay": WHIP to url, with its token in
// the environment variable tokenEnv.
func whipRelay(url, tokenEnv string) string {
	return fmt.Sprintf(`
[[destination]]
id = "relay"
kind = "whip"
url = %q
token_env = %q
`, url, tokenEnv)
}

// waitOnRelay waits for show's destination "relay" to go live, within
// within, and then for `vitrina relay` to publish its video.
func waitOnRelay(t *testing.T, show, relay *liveShow, within time.Duration) {
	t.Helper()
	show.waitFor(t, 0, within, "destination=relay", "state=live")
	relay.waitFor(t, 0, 10*time.Second, "relay: publishing", "kind=video")
}

// make run's demo names the rehearsal relay's WHIP URL; the show's event
// socket is the same room's.
func TestRelayEventsOfTheDemoRelay(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080/show/whip":   "ws://127.0.0.1:8080/show/events",
		"https://relay.example/spring/whip": "wss://relay.example/spring/events",
		"http://127.0.0.1:8080/show/whep":   "",
		"rtmp://127.0.0.1/live/whip":        "",
	} {
		if got := relayEvents(in); got != want {
			t.Errorf("relayEvents(%q) = %q, want %q", in, got, want)
		}
	}
}
