package control

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

const token = "0123456789abcdef0123"

// fakeEngine records the commands it gets, as the engine's loop would
// receive them.
type fakeEngine struct {
	mu     sync.Mutex
	calls  []string
	events chan studio.Event
	// noRecording makes the recording commands fail as on a show
	// without a recording.
	noRecording bool
}

func (f *fakeEngine) record(format string, args ...any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
	return nil
}

func (f *fakeEngine) Pin(_ context.Context, ref string) error {
	if ref == "NOPE" {
		return fmt.Errorf("%w: product %q: not in the catalog", studio.ErrBadInput, ref)
	}
	return f.record("pin %s", ref)
}
func (f *fakeEngine) Unpin(context.Context) error { return f.record("unpin") }
func (f *fakeEngine) StartFlashSale(_ context.Context, ref string, p int64, stock int, d time.Duration) error {
	return f.record("sale %s %d %d %v", ref, p, stock, d)
}
func (f *fakeEngine) SetStock(_ context.Context, ref string, n int) error {
	return f.record("stock %s %d", ref, n)
}
func (f *fakeEngine) DropPromo(_ context.Context, code, disc string, valid, showFor time.Duration) error {
	return f.record("promo %s %s %v %v", code, disc, valid, showFor)
}
func (f *fakeEngine) SetLayout(_ context.Context, l show.Layout, tr string) error {
	return f.record("layout %s %s %s", l.Kind, l.Main, tr)
}
func (f *fakeEngine) SetMain(_ context.Context, id, tr string) error {
	return f.record("main %s %s", id, tr)
}
func (f *fakeEngine) SetMute(_ context.Context, id string, m bool) error {
	return f.record("mute %s %v", id, m)
}
func (f *fakeEngine) StartDestination(_ context.Context, id string) error {
	return f.record("start %s", id)
}
func (f *fakeEngine) StopDestination(context.Context, string) error { return studio.ErrEnded }

// recording fails as the engine does for a show without a recording.
func (f *fakeEngine) recording(on string) error {
	if f.noRecording {
		return fmt.Errorf("%w: this show does not record", studio.ErrBadInput)
	}
	return f.record("record %s", on)
}
func (f *fakeEngine) Destinations() []output.Status {
	return []output.Status{{Name: "youtube", State: output.Live, Counters: output.Counters{BitrateKbps: 3500}}}
}
func (f *fakeEngine) Stats() studio.Stats                      { return studio.Stats{Frames: 42} }
func (f *fakeEngine) Subscribe() (<-chan studio.Event, func()) { return f.events, func() {} }

func serve(t *testing.T) (*fakeEngine, *httptest.Server, *[]Moderation) {
	t.Helper()
	eng := &fakeEngine{events: make(chan studio.Event, 4)}
	var mods []Moderation
	hs := serveHandler(t, &Server{Engine: eng, Token: token,
		Moderate: func(_ context.Context, m Moderation) error { mods = append(mods, m); return nil }})
	return eng, hs, &mods
}

func post(t *testing.T, hs *httptest.Server, tok, path, body string) (int, map[string]any) {
	t.Helper()
	return requestJSON(t, http.MethodPost, hs.URL+path, tok, body)
}

// Each command reaches the engine with its arguments; bad input, a wrong
// token, an ended show and a misspelt field each get their own answer.
func TestCommandsReachTheEngine(t *testing.T) {
	eng, hs, mods := serve(t)
	for _, c := range []struct {
		path, body string
		code       int
		call       string
	}{
		{"/api/pin", `{"product":"MUG-BLU"}`, 200, "pin MUG-BLU"},
		{"/api/unpin", ``, 200, "unpin"},
		{"/api/flash-sale", `{"product":"KET-01","price":29.9,"stock":20,"duration":"5m"}`, 200, "sale KET-01 2990 20 5m0s"},
		{"/api/stock", `{"product":"KET-01","stock":7}`, 200, "stock KET-01 7"},
		{"/api/promo", `{"code":"SAVE20","discount":"-20%","valid":"10m"}`, 200, "promo SAVE20 -20% 10m0s 30s"},
		{"/api/layout", `{"kind":"grid","main":"wide","transition":"fade"}`, 200, "layout grid wide fade"},
		{"/api/main", `{"source":"closeup"}`, 200, "main closeup "},
		{"/api/mute", `{"source":"mic","mute":true}`, 200, "mute mic true"},
		{"/api/destinations/youtube/start", ``, 200, "start youtube"},
		{"/api/destinations/youtube/stop", ``, 409, ""},
		{"/api/pin", `{"product":"NOPE"}`, 400, ""},
		{"/api/pin", `{"prodcut":"MUG-BLU"}`, 400, ""},
		{"/api/flash-sale", `{"product":"KET-01","price":29.9,"stock":20,"duration":"soon"}`, 400, ""},
	} {
		before := len(eng.calls)
		code, out := post(t, hs, token, c.path, c.body)
		if code != c.code {
			t.Errorf("POST %s %s: %d %v, want %d", c.path, c.body, code, out, c.code)
		}
		if c.call != "" && (len(eng.calls) != before+1 || eng.calls[before] != c.call) {
			t.Errorf("POST %s: engine got %v, want %q", c.path, eng.calls[before:], c.call)
		}
		if c.code != 200 && out["message"] == "" {
			t.Errorf("POST %s: error without a message: %v", c.path, out)
		}
	}
	if code, _ := post(t, hs, "", "/api/pin", `{"product":"MUG-BLU"}`); code != 401 {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := post(t, hs, token+"x", "/api/unpin", ``); code != 401 {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if code, _ := post(t, hs, token, "/api/moderate", `{"action":"timeout","user":"spammer","duration":"10m","moderator":"anna"}`); code != 200 ||
		len(*mods) != 1 || (*mods)[0].Duration != 10*time.Minute || (*mods)[0].Moderator != "anna" {
		t.Errorf("moderate: %d %+v", code, *mods)
	}
}

// The event stream sends engine events as JSON, and refuses a socket
// without the token.
func TestEventsStream(t *testing.T) {
	eng, hs, _ := serve(t)
	ctx, ws := dialEvents(t, hs)
	if _, resp, err := websocket.Dial(ctx, eventsURL(hs), nil); err == nil || resp == nil || resp.StatusCode != 401 {
		t.Fatalf("a socket without the token: %v, want 401", err)
	}
	eng.events <- studio.Event{Kind: studio.EventSelling, Subject: "pin", State: "MUG-BLU", Time: time.Now()}
	if e, b, err := readEvent(t, ctx, ws); err != nil || e.Kind != string(studio.EventSelling) || e.State != "MUG-BLU" {
		t.Errorf("event %s (%v), want the pin", b, err)
	}
	// A stock change says what made it: a client can tell a viewer's
	// claim from the host's own change.
	eng.events <- studio.Event{Kind: studio.EventSelling, Subject: "stock", State: "MUG-BLU=3", Origin: studio.OriginClaim, Time: time.Now()}
	if e, b, err := readEvent(t, ctx, ws); err != nil || e.State != "MUG-BLU=3" || !strings.Contains(string(b), `"origin":"claim"`) {
		t.Errorf("event %s (%v), want the stock change with its origin", b, err)
	}
}

// A token too short to be secret is refused, and one is made and kept.
func TestToken(t *testing.T) {
	if _, err := (&Server{Token: "short"}).Handler(); err == nil {
		t.Error("a short token was accepted")
	}
	dir := t.TempDir()
	a, path, err := LoadOrCreateToken(dir)
	if err != nil || len(a) < 32 {
		t.Fatalf("token %q, %v", a, err)
	}
	b, _, err := LoadOrCreateToken(dir)
	if err != nil || a != b {
		t.Errorf("second load %q (%v), want the same token", b, err)
	}
	if st, _ := osStat(path); st&0o077 != 0 {
		t.Errorf("token file mode %o, want 0600", st)
	}
}

func osStat(path string) (fs.FileMode, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Mode().Perm(), nil
}
