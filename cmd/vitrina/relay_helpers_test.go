package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
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

// browserPage is scripts/browser/viewer.mjs driving Chromium.
type browserPage struct {
	t   *testing.T
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

func openViewer(t *testing.T, url string) *browserPage {
	t.Helper()
	dir := repoPath("scripts/browser")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		t.Fatalf("playwright-core is not installed in %s: run `make deps`", dir)
	}
	cmd := exec.Command("node", "viewer.mjs", url)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	b := &browserPage{t: t, cmd: cmd, in: in, out: bufio.NewScanner(out)}
	b.out.Buffer(make([]byte, 64<<10), 1<<20)
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); cmd.Wait() })
	return b
}

// do sends one command and fails the test if the page could not do it.
func (b *browserPage) do(cmd map[string]any) map[string]any {
	b.t.Helper()
	line, _ := json.Marshal(cmd)
	if _, err := fmt.Fprintf(b.in, "%s\n", line); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	if !b.out.Scan() {
		b.t.Fatalf("browser: no answer to %s (%v)", line, b.out.Err())
	}
	var r map[string]any
	if err := json.Unmarshal(b.out.Bytes(), &r); err != nil {
		b.t.Fatalf("browser: %q: %v", b.out.Text(), err)
	}
	if r["ok"] != true {
		b.t.Fatalf("browser: %s: %v (page errors %v)", line, r["error"], r["pageErrors"])
	}
	return r
}

func (b *browserPage) close() {
	b.t.Helper()
	r := b.do(map[string]any{"cmd": "close"})
	if errs, _ := r["pageErrors"].([]any); len(errs) > 0 {
		b.t.Errorf("the page threw: %v", errs)
	}
	if errs, _ := r["consoleErrors"].([]any); len(errs) > 0 {
		b.t.Logf("the page logged errors: %v", errs)
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
