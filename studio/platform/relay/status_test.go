package relay

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func getStatus(t testing.TB, url string) Status {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %s, want 200 JSON", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var st Status
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return st
}

// GET /{room}/status tells a page waiting for the show, with a 200 each
// time, whether the show has not started, is live, has ended (and when),
// or was cut; asking does not open a room.
func TestStatusTellsBeforeLiveEnded(t *testing.T) {
	srv, base := startRelay(t, Config{MaxRooms: 2})
	url := base + "/show/status"
	if st := getStatus(t, url); st != (Status{State: StateBefore}) {
		t.Errorf("before any publish: %+v, want before", st)
	}
	for _, room := range []string{"a", "b", "c", "d"} {
		if st := getStatus(t, base+"/"+room+"/status"); st.State != StateBefore {
			t.Errorf("room %s nobody published to: %+v", room, st)
		}
	}
	if r := do(t, http.MethodGet, base+"/no%20room/status", ""); r.StatusCode != http.StatusNotFound {
		t.Errorf("a bad room name: %d, want 404", r.StatusCode)
	}
	srv.mu.Lock()
	n := len(srv.rooms)
	srv.mu.Unlock()
	if n != 0 {
		t.Errorf("asking the status opened %d rooms", n)
	}

	start := time.Now()
	pub := publish(t, base, 0x1234, 100)
	st := getStatus(t, url)
	if !st.Live || st.State != StateLive || st.StartedAt < start.UnixMilli()-1 || st.EndedAt != 0 {
		t.Errorf("live: %+v", st)
	}
	began := st.StartedAt
	// A new publish over the live one (a studio reconnecting) is the same
	// session.
	pub2 := publish(t, base, 0x5678, 100)
	pub.close()
	if st := getStatus(t, url); !st.Live || st.StartedAt != began {
		t.Errorf("after a publish that replaced the live one: %+v, want live since %d", st, began)
	}

	if r := do(t, http.MethodDelete, pub2.resource, testToken); r.StatusCode != http.StatusOK {
		t.Fatalf("WHIP DELETE: %d", r.StatusCode)
	}
	ended := time.Now()
	pub2.close()
	st = getStatus(t, url)
	if st.Live || st.State != StateEnded || st.StartedAt != began || st.EndedAt < began || st.EndedAt > ended.UnixMilli()+1 {
		t.Errorf("after the studio ended the session: %+v", st)
	}

	// A studio whose connection goes without a DELETE was cut: it may come
	// back.
	cut := publish(t, base, 0x9abc, 100)
	if st := getStatus(t, url); !st.Live || st.StartedAt < st.EndedAt {
		t.Errorf("live again: %+v, want a new session", st)
	}
	cut.pc.Close()
	eventually(t, 30*time.Second, "the relay to see the studio's connection go", func() bool {
		return getStatus(t, url).State == StateInterrupted
	})
	if st := getStatus(t, url); st.Live || st.EndedAt == 0 {
		t.Errorf("cut: %+v", st)
	}
}
