package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/control"
	"github.com/vitrina-live/vitrina/studio/show"
)

// youtubeFake answers the YouTube Data API calls a youtube [[chat]] makes,
// in the documented shapes: the video's live chat, one page of chat, and
// deletes.
type youtubeFake struct {
	mu      sync.Mutex
	auth    []string
	deleted []string
}

func (f *youtubeFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.mu.Unlock()
	q := r.URL.Query()
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/videos":
		if q.Get("id") != "dQw4w9WgXcQ" || q.Get("part") != "liveStreamingDetails" {
			w.Write([]byte(`{"items":[]}`))
			return
		}
		w.Write([]byte(`{"kind":"youtube#videoListResponse","items":[{"id":"dQw4w9WgXcQ","liveStreamingDetails":{"actualStartTime":"2026-11-23T12:00:00Z","activeLiveChatId":"chat42"}}]}`))
	case r.Method == http.MethodGet && r.URL.Path == "/liveChat/messages" && q.Get("liveChatId") == "chat42":
		if q.Get("pageToken") != "" {
			w.Write([]byte(`{"nextPageToken":"p1","pollingIntervalMillis":1000,"items":[]}`))
			return
		}
		w.Write([]byte(`{"nextPageToken":"p1","pollingIntervalMillis":1000,"items":[
		 {"id":"m1","snippet":{"type":"textMessageEvent","authorChannelId":"UCbuyer","publishedAt":"2026-11-23T12:00:01Z","displayMessage":"is it cotton?","textMessageDetails":{"messageText":"is it cotton?"}},
		  "authorDetails":{"channelId":"UCbuyer","displayName":"Līga"}}]}`))
	case r.Method == http.MethodDelete && r.URL.Path == "/liveChat/messages":
		f.mu.Lock()
		f.deleted = append(f.deleted, q.Get("id"))
		f.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	default:
		http.NotFound(w, r)
	}
}

// A youtube [[chat]] named by its video finds the live chat, moderates its
// messages with the others, and a delete through the control API's
// /api/moderate reaches YouTube, with the token from the environment.
func TestChatLinkYouTube(t *testing.T) {
	fake := &youtubeFake{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	old := youtubeAPI
	youtubeAPI = srv.URL
	t.Cleanup(func() { youtubeAPI = old })
	t.Setenv("VITRINA_DATA", t.TempDir())
	t.Setenv("TEST_YT_TOKEN", "ya29.test-token")

	cfg := studio.Config{Show: &show.File{Show: show.Meta{Title: "YouTube chat"},
		Chat: []show.Chat{{Kind: show.ChatYouTube, VideoID: "dQw4w9WgXcQ", TokenEnv: "TEST_YT_TOKEN"}}}}
	stores := &runStores{}
	defer stores.Close()
	var logged strings.Builder
	var logMu sync.Mutex
	log := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		logMu.Lock()
		defer logMu.Unlock()
		return logged.Write(p)
	}), nil))
	l, stop, err := startChatLink(&fakeCommentOverlay{pins: make(chan string, 4)}, cfg, "", stores, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var m control.ChatMessage
	for deadline := time.Now().Add(10 * time.Second); m.ID == ""; {
		msgs, _ := l.list(ctx, control.ChatQuery{Queue: "question", Limit: 10})
		if len(msgs) > 0 {
			m = msgs[0]
		} else if time.Now().After(deadline) {
			t.Fatal("the YouTube question never reached the queue")
		} else {
			time.Sleep(20 * time.Millisecond) // the connector polls; so does the test
		}
	}
	if m.ID != "m1" || m.Platform != "youtube" || m.User != "UCbuyer" || m.Display != "Līga" || m.Text != "is it cotton?" {
		t.Errorf("the message %+v", m)
	}
	if err := l.moderate(ctx, control.Moderation{Action: "delete", MessageID: "m1", Moderator: "mia"}); err != nil {
		t.Fatal(err)
	}
	stop()
	fake.mu.Lock()
	defer fake.mu.Unlock()
	if len(fake.deleted) != 1 || fake.deleted[0] != "m1" {
		t.Errorf("YouTube was asked to delete %q, want m1", fake.deleted)
	}
	for _, a := range fake.auth {
		if a != "Bearer ya29.test-token" {
			t.Errorf("Authorization %q", a)
		}
	}
	logMu.Lock()
	defer logMu.Unlock()
	if strings.Contains(logged.String(), "test-token") {
		t.Error("the log shows the token")
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

var _ io.Writer = writerFunc(nil)
