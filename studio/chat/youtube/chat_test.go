package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
)

// modAPI answers the moderation calls in the documented shapes and
// records them.
type modAPI struct {
	mu    sync.Mutex
	calls []string
	bans  []map[string]any
	says  []string
}

func (a *modAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls = append(a.calls, r.Method+" "+r.URL.Path+" "+r.URL.Query().Get("id"))
	var body map[string]any
	json.NewDecoder(r.Body).Decode(&body)
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/liveChat/bans":
		a.bans = append(a.bans, body["snippet"].(map[string]any))
		w.Write([]byte(`{"kind":"youtube#liveChatBan","id":"ban-` + string(rune('0'+len(a.bans))) + `"}`))
	case r.Method == http.MethodPost && r.URL.Path == "/liveChat/messages":
		sn := body["snippet"].(map[string]any)
		a.says = append(a.says, sn["textMessageDetails"].(map[string]any)["messageText"].(string))
		w.Write([]byte(`{"id":"reply-1"}`))
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		http.NotFound(w, r)
	}
}

// The YouTube connector as the actions' Moderator: timeouts take YouTube's
// lengths, a ban is lifted by the id YouTube gave it, replies address the
// author.
func TestModerator(t *testing.T) {
	api := &modAPI{}
	srv := httptest.NewServer(api)
	defer srv.Close()
	m := &Moderator{C: &Client{Base: srv.URL, LiveChatID: "chat42", Token: "tok"}}
	p := chat.New(chat.Config{Logger: slog.New(slog.DiscardHandler)})
	acts, _ := chat.NewActions(chat.ActionsConfig{Pipeline: p, Logger: slog.New(slog.DiscardHandler),
		Moderators: map[string]chat.Moderator{chat.PlatformYouTube: m}})
	ctx := context.Background()
	msg := Event{Kind: Chat, ID: "m1", ChannelID: "UCbuyer", Display: "Līga", Text: "is it cotton?", Sponsor: true,
		Time: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}.Message()
	if msg.Platform != chat.PlatformYouTube || msg.User != "UCbuyer" || !msg.Badges.Subscriber || msg.Badges.Broadcaster {
		t.Errorf("message %+v", msg)
	}
	if _, err := acts.Timeout(ctx, "mia", chat.Author(msg), 2*time.Minute, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := acts.LiftTimeout(ctx, "mia", chat.Author(msg)); err != nil {
		t.Fatal(err)
	}
	if _, err := acts.Ban(ctx, "mia", chat.Author(msg), "spam"); err != nil {
		t.Fatal(err)
	}
	if _, err := acts.Unban(ctx, "mia", chat.Author(msg)); err != nil {
		t.Fatal(err)
	}
	if _, err := acts.Unban(ctx, "mia", chat.Author(msg)); !errors.Is(err, chat.ErrUnsupported) {
		t.Errorf("unbanning a ban made elsewhere: %v", err)
	}
	if _, err := acts.Delete(ctx, "mia", msg, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := acts.Reply(ctx, "mia", msg, "yes, cotton"); err != nil {
		t.Fatal(err)
	}
	want := []string{"POST /liveChat/bans ", "DELETE /liveChat/bans ban-1", "POST /liveChat/bans ", "DELETE /liveChat/bans ban-2",
		"DELETE /liveChat/messages m1", "POST /liveChat/messages "}
	if len(api.calls) != len(want) {
		t.Fatalf("calls %q, want %q", api.calls, want)
	}
	for i := range want {
		if api.calls[i] != want[i] {
			t.Errorf("call %d: %q, want %q", i, api.calls[i], want[i])
		}
	}
	if api.bans[0]["banDurationSeconds"] != float64(300) || api.bans[1]["type"] != "permanent" {
		t.Errorf("a 2 min timeout is YouTube's 5 min; bans %v", api.bans)
	}
	if api.says[0] != "@Līga yes, cotton" {
		t.Errorf("reply %q", api.says[0])
	}

	Enforce(p, Event{Kind: Ban, ChannelID: "UCspam", Time: msg.Time, Duration: 5 * time.Minute})
	if until, ok := p.Restricted(chat.PlatformYouTube, "UCspam", msg.Time); !ok || !until.Equal(msg.Time.Add(5*time.Minute)) {
		t.Errorf("a timeout seen in the chat: %v %v", until, ok)
	}
}
