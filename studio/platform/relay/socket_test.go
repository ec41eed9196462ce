package relay

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/vitrina-live/vitrina/studio/platform"
)

func TestEventSocketAuth(t *testing.T) {
	_, base := startRelay(t, Config{})
	ctx := t.Context()

	// A wrong token is refused before the upgrade.
	_, err := platform.Dial(ctx, wsURL(base, "show"), platform.DialOptions{Token: "wrong"})
	if !errors.Is(err, platform.ErrUnauthorized) || strings.Contains(err.Error(), "wrong") {
		t.Errorf("a wrong token: %v; want ErrUnauthorized, without the token in it", err)
	}
	req, _ := http.NewRequest("GET", base+"/show/events", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("a wrong token on the upgrade: %d %v, want 401 with WWW-Authenticate: Bearer", resp.StatusCode, resp.Header)
	}

	// No token at all is a viewer, who cannot ask to be the host.
	_, err = platform.Dial(ctx, wsURL(base, "show"), platform.DialOptions{Hello: platform.Hello{Role: platform.RoleHost}})
	if !errors.Is(err, platform.ErrUnauthorized) {
		t.Errorf("the host role without a token: %v", err)
	}

	// No common version: an error saying which, then close 4406.
	_, err = platform.Dial(ctx, wsURL(base, "show"), platform.DialOptions{Hello: platform.Hello{Versions: []string{"3"}}})
	var r *platform.RefusedError
	if !errors.As(err, &r) || r.Data.Code != platform.CodeVersion || !strings.Contains(r.Data.Message, `speaks ["2" "1"]`) {
		t.Errorf("version 3 only: %v", err)
	}
	// The first message must be a hello.
	ws := rawDial(t, base, "")
	ws.Write(ctx, websocket.MessageText, []byte(`{"type":"chat.message","id":1,"data":{"text":"hi"}}`))
	e, code := readError(t, ws)
	if e.Code != platform.CodeHello || code != platform.CloseBadHello {
		t.Errorf("no hello: %+v, close %d", e, code)
	}
	// The right token gets the host role.
	h := host(t, base)
	if h.c.Welcome.Role != platform.RoleHost || h.c.Welcome.Limits.MaxFrame != platform.MaxHostFrame {
		t.Errorf("host welcome %+v", h.c.Welcome)
	}
	// A second host connection takes over; the first is told and closed.
	h2 := host(t, base)
	h.expect(platform.TypeError, func(e platform.Envelope) bool {
		return payload[platform.ErrorData](t, e).Code == platform.CodeReplaced
	})
	if code := h.waitClosed(); code != platform.CloseReplaced {
		t.Errorf("the replaced host closed with %d, want %d", code, platform.CloseReplaced)
	}
	h2.send(platform.ProductPin{SKU: "A"})
}

// Bad messages get an error each and the socket stays open; a frame over
// the limit closes it with 1009, and so many errors that the budget runs
// out close it with 1008.
func TestEventSocketBadInput(t *testing.T) {
	_, base := startRelay(t, Config{ViewerRate: 1000})
	v := viewerNamed(t, base, "ann")
	ctx := t.Context()
	bad := []struct {
		frame string
		code  platform.Code
		ref   uint64
	}{
		{`{"type":"chat.message","id":1,"data":{"text":"hi"`, platform.CodeBadJSON, 0},
		{`{"type":"chat.shout","id":2,"data":{"text":"hi"}}`, platform.CodeUnknownType, 2},
		{`{"type":"chat.message","id":3,"data":{"text":""}}`, platform.CodeInvalid, 3},
		{`{"type":"chat.message","data":{"text":"no id"}}`, platform.CodeInvalid, 0},
		{`{"type":"hello","data":{"versions":["1"],"role":"viewer"}}`, platform.CodeInvalid, 0},
	}
	for _, b := range bad {
		if err := v.c.SendFrame(ctx, []byte(b.frame)); err != nil {
			t.Fatal(err)
		}
		e := payload[platform.ErrorData](t, v.expect(platform.TypeError, nil))
		if e.Code != b.code || e.Ref != b.ref || e.Message == "" {
			t.Errorf("%s: error %+v, want %s (ref %d) with a message", b.frame, e, b.code, b.ref)
		}
	}
	// Still open, and the id refused as malformed may be used again.
	v.id = 0
	v.expect(platform.TypeAck, ackFor(v.send(platform.ChatMessage{Text: "still here"})))

	// A frame over the viewer limit closes with 1009.
	big := `{"type":"chat.message","id":9,"data":{"text":"` + strings.Repeat("x", platform.MaxViewerFrame) + `"}}`
	v.c.SendFrame(ctx, []byte(big))
	if code := v.waitClosed(); code != int(websocket.StatusMessageTooBig) {
		t.Errorf("an oversized frame closed with %d, want 1009", code)
	}

	// Twenty errors are tolerated; the twenty-first closes with 1008.
	w := viewerNamed(t, base, "bob")
	for i := range errorBudget + 1 {
		w.c.SendFrame(ctx, []byte(`{"type":"nope","id":`+itoa(i+1)+`}`))
	}
	w.expect(platform.TypeError, func(e platform.Envelope) bool {
		return payload[platform.ErrorData](t, e).Code == platform.CodeTooMany
	})
	if code := w.waitClosed(); code != platform.ClosePolicy {
		t.Errorf("past the error budget: close %d, want 1008", code)
	}
}

func TestViewerRateLimit(t *testing.T) {
	_, base := startRelay(t, Config{ViewerRate: 1})
	v := viewerNamed(t, base, "ann")
	// Six at once against a burst of two: the first two pass, and the
	// rest are refused (unless seconds pass between them), not dropped
	// silently.
	for range 6 {
		v.send(platform.Reaction{Kind: "fire"})
	}
	v.expect(platform.TypeAck, ackFor(1))
	v.expect(platform.TypeAck, ackFor(2))
	e := payload[platform.ErrorData](t, v.expect(platform.TypeError, nil))
	if e.Code != platform.CodeRateLimited || e.RetryAfterMS <= 0 || e.Ref < 3 || !strings.Contains(e.Message, "more than 1 messages a second") {
		t.Errorf("past the rate: %+v", e)
	}
}

func rawDial(t *testing.T, base, token string) *websocket.Conn {
	t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	ws, _, err := websocket.Dial(t.Context(), wsURL(base, "show"), &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.CloseNow() })
	return ws
}

// readError reads the error message a refused socket gets, then its close.
func readError(t *testing.T, ws *websocket.Conn) (platform.ErrorData, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, b, err := ws.Read(ctx)
	if err != nil {
		t.Fatalf("no error message: %v", err)
	}
	_, ev, err := platform.Decode(b, 0)
	e, ok := ev.(platform.ErrorData)
	if err != nil || !ok {
		t.Fatalf("got %s, want an error message", b)
	}
	_, _, err = ws.Read(ctx)
	return e, int(websocket.CloseStatus(err))
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
