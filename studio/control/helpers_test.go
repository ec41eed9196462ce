package control

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// serveHandler serves s's handler, with a quiet logger, until the test ends.
func serveHandler(t *testing.T, s *Server) *httptest.Server {
	t.Helper()
	s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return hs
}

// httpDo sends method url with body, and with tok as the bearer token
// unless it is empty; it returns the answer's status and body.
func httpDo(t *testing.T, method, url, tok, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// requestJSON is httpDo with the answer read as a JSON object.
func requestJSON(t *testing.T, method, url, tok, body string) (int, map[string]any) {
	t.Helper()
	code, b := httpDo(t, method, url, tok, body)
	var out map[string]any
	json.Unmarshal(b, &out)
	return code, out
}

func eventsURL(hs *httptest.Server) string {
	return "ws" + strings.TrimPrefix(hs.URL, "http") + "/api/events"
}

// dialEvents opens hs's event stream with the token; the context it
// returns ends in 10 s.
func dialEvents(t *testing.T, hs *httptest.Server) (context.Context, *websocket.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	ws, _, err := websocket.Dial(ctx, eventsURL(hs), &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + token}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.CloseNow() })
	return ctx, ws
}

// readEvent reads the next event off ws: its JSON and the error decoding it.
func readEvent(t *testing.T, ctx context.Context, ws *websocket.Conn) (event, []byte, error) {
	t.Helper()
	_, b, err := ws.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var e event
	err = json.Unmarshal(b, &e)
	return e, b, err
}
