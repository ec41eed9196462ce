package control

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func getChat(t *testing.T, hs *httptest.Server, query string) (int, map[string]any) {
	t.Helper()
	return requestJSON(t, http.MethodGet, hs.URL+"/api/chat"+query, token, "")
}

// GET /api/chat lists what the chat's lister gives for the queue asked,
// refuses a queue or limit it does not know, and answers 501 without chat.
func TestChatListing(t *testing.T) {
	_, plain, _ := serve(t)
	if code, out := getChat(t, plain, ""); code != http.StatusNotImplemented || out["error"] != "no_chat" {
		t.Errorf("without chat: %d %v", code, out)
	}

	var asked []ChatQuery
	eng, _, _ := serve(t)
	hs := serveHandler(t, &Server{Engine: eng, Token: token,
		Chat: func(_ context.Context, q ChatQuery) ([]ChatMessage, error) {
			asked = append(asked, q)
			return []ChatMessage{{ID: "e1:7", Platform: "relay", User: "v3", Display: "anna", Text: "cheap followers",
				Time: time.UnixMilli(1767225600000).UTC(), Action: "hold", Queues: []string{"held"}, Rules: []string{"self_promo"}}}, nil
		}})
	code, out := getChat(t, hs, "?queue=held&limit=5")
	msgs, _ := out["messages"].([]any)
	if code != http.StatusOK || len(msgs) != 1 {
		t.Fatalf("held: %d %v", code, out)
	}
	m := msgs[0].(map[string]any)
	if m["id"] != "e1:7" || m["action"] != "hold" || m["display"] != "anna" || m["time"] != "2026-01-01T00:00:00Z" {
		t.Errorf("message %v", m)
	}
	if len(asked) != 1 || asked[0] != (ChatQuery{Queue: "held", Limit: 5}) {
		t.Errorf("asked %+v", asked)
	}
	for _, q := range []string{"?queue=spam", "?limit=0", "?limit=5000", "?limit=x"} {
		if code, out := getChat(t, hs, q); code != http.StatusBadRequest || out["error"] != "bad_input" {
			t.Errorf("%s: %d %v", q, code, out)
		}
	}
}
