package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/output"
)

// Replies in the documented shapes of liveChatMessages.list.
var pages = []string{
	`{"kind":"youtube#liveChatMessageListResponse","nextPageToken":"p1","pollingIntervalMillis":1200,"pageInfo":{"totalResults":2,"resultsPerPage":2},
	  "items":[
	   {"kind":"youtube#liveChatMessage","id":"m1","snippet":{"type":"textMessageEvent","liveChatId":"chat42","authorChannelId":"UCbuyer","publishedAt":"2026-11-23T12:00:01.5Z","hasDisplayContent":true,"displayMessage":"is it cotton?","textMessageDetails":{"messageText":"is it cotton?"}},
	    "authorDetails":{"channelId":"UCbuyer","displayName":"Līga","isVerified":false,"isChatOwner":false,"isChatSponsor":true,"isChatModerator":false}},
	   {"kind":"youtube#liveChatMessage","id":"m2","snippet":{"type":"pollEvent","publishedAt":"2026-11-23T12:00:02Z"},"authorDetails":{"channelId":"UCowner","displayName":"Shop","isChatOwner":true}}
	  ]}`,
	`{"nextPageToken":"p2","pollingIntervalMillis":1200,
	  "items":[
	   {"id":"m3","snippet":{"type":"messageDeletedEvent","publishedAt":"2026-11-23T12:00:03Z","messageDeletedDetails":{"deletedMessageId":"m0"}},"authorDetails":{"channelId":"UCmod","displayName":"Mod","isChatModerator":true}},
	   {"id":"m4","snippet":{"type":"userBannedEvent","publishedAt":"2026-11-23T12:00:04Z","userBannedDetails":{"bannedUserDetails":{"channelId":"UCspam","displayName":"spammer"},"banType":"temporary","banDurationSeconds":300}},"authorDetails":{"channelId":"UCmod","displayName":"Mod","isChatModerator":true}}
	  ]}`,
	`{"error":{"code":403,"message":"The live chat is no longer live.","errors":[{"message":"The live chat is no longer live.","domain":"youtube.liveChat","reason":"liveChatEnded"}]}}`,
}

type fakeAPI struct {
	mu     sync.Mutex
	polls  []time.Time
	tokens []string
	auth   []string
	posts  []map[string]any
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/liveChat/messages":
		if r.URL.Query().Get("liveChatId") != "chat42" || !strings.Contains(r.URL.Query().Get("part"), "authorDetails") {
			http.Error(w, `{"error":{"code":400,"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		n := len(f.polls)
		f.polls = append(f.polls, time.Now())
		f.tokens = append(f.tokens, r.URL.Query().Get("pageToken"))
		if n >= 2 {
			w.WriteHeader(http.StatusForbidden)
		}
		w.Write([]byte(pages[min(n, 2)]))
	case r.Method == http.MethodPost && r.URL.Path == "/liveChat/bans":
		var body map[string]any
		json.NewDecoder(r.Body).Decode(&body)
		f.posts = append(f.posts, body)
		w.Write([]byte(`{"kind":"youtube#liveChatBan","id":"ban-7"}`))
	default:
		http.NotFound(w, r)
	}
}

// The connector follows the pages at the pace the API asks, hands on chat,
// deletions and bans, and stops for good when the chat ends.
func TestPollsAtTheAPIsPace(t *testing.T) {
	api := &fakeAPI{}
	srv := httptest.NewServer(api)
	defer srv.Close()
	var events []Event
	c := &Client{Base: srv.URL, LiveChatID: "chat42", Token: "ya29.secret-token", OnEvent: func(e Event) { events = append(events, e) }}
	var last output.Status
	h := &output.Handler{Name: "youtube", Output: c, OnChange: func(s output.Status) { last = s }}
	h.Run(context.Background())

	if last.State != output.Failed || !errors.Is(last.Err, ErrChatGone) {
		t.Fatalf("ended %s (%v), want failed: the chat ended", last.State, last.Err)
	}
	if strings.Contains(last.Err.Error(), "secret-token") {
		t.Error("the error shows the token")
	}
	if len(api.polls) != 3 || api.tokens[0] != "" || api.tokens[1] != "p1" || api.tokens[2] != "p2" {
		t.Fatalf("polls with page tokens %q", api.tokens)
	}
	for i := 1; i < len(api.polls); i++ {
		if gap := api.polls[i].Sub(api.polls[i-1]); gap < 1200*time.Millisecond {
			t.Errorf("poll %d came %v after the last, before pollingIntervalMillis (1200 ms)", i, gap)
		}
	}
	for _, a := range api.auth {
		if a != "Bearer ya29.secret-token" {
			t.Errorf("Authorization %q", a)
		}
	}
	if len(events) != 3 {
		t.Fatalf("events %+v, want chat, delete, ban (the poll is not chat)", events)
	}
	if e := events[0]; e.Kind != Chat || e.Text != "is it cotton?" || e.Display != "Līga" || !e.Sponsor || e.Time.IsZero() {
		t.Errorf("chat %+v", e)
	}
	if e := events[1]; e.Kind != Delete || e.TargetID != "m0" {
		t.Errorf("delete %+v", e)
	}
	if e := events[2]; e.Kind != Ban || e.ChannelID != "UCspam" || e.Duration != 5*time.Minute {
		t.Errorf("ban %+v", e)
	}
}

// Timeouts are only the lengths YouTube offers; a ban posts the documented
// body; a refused token is permanent.
func TestActions(t *testing.T) {
	api := &fakeAPI{}
	srv := httptest.NewServer(api)
	defer srv.Close()
	c := &Client{Base: srv.URL, LiveChatID: "chat42", Token: "tok"}
	ctx := context.Background()
	if _, err := c.Ban(ctx, "UCspam", 2*time.Minute); !errors.Is(err, ErrTimeout) {
		t.Errorf("a 2 min timeout: %v", err)
	}
	id, err := c.Ban(ctx, "UCspam", 5*time.Minute)
	if err != nil || id != "ban-7" {
		t.Fatalf("Ban = %q, %v", id, err)
	}
	sn := api.posts[0]["snippet"].(map[string]any)
	if sn["type"] != "temporary" || sn["banDurationSeconds"] != float64(300) || sn["liveChatId"] != "chat42" ||
		sn["bannedUserDetails"].(map[string]any)["channelId"] != "UCspam" {
		t.Errorf("ban body %v", sn)
	}

	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":{"code":401,"message":"Request had invalid authentication credentials.","errors":[{"reason":"authError"}]}}`))
	}))
	defer bad.Close()
	c = &Client{Base: bad.URL, LiveChatID: "chat42", Token: "expired"}
	err = c.Run(ctx, func() { t.Error("live with a refused token") })
	if !errors.Is(err, ErrAuth) || !errors.Is(err, output.ErrPermanent) {
		t.Errorf("401: %v, want a permanent auth error", err)
	}
}
