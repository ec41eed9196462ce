package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/store"
)

// What the show writes for the report between samples: the viewer count
// only when it changed, and its peak in between at its time; the chat rate with want-it messages given to the
// product they named or else the one on air, and moderation actions at the
// time they were taken; the last of it at the end of the show.
func TestOnAirSamplesForTheReport(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Now()
	id, err := db.StartShow(ctx, "s", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	was := sampleEvery
	sampleEvery = time.Hour // this test takes the samples itself
	defer func() { sampleEvery = was }()
	a := (&runStores{}).OnAir()
	a.chatSeen(true, nil) // before the show is in the store: not counted
	a.begin(db, id, t0, slog.New(slog.NewTextHandler(io.Discard, nil)))

	a.viewersNow(3, t0.Add(time.Second))
	a.pin("TOTE")
	a.chatSeen(true, nil)             // "I want it!": the tote on air
	a.chatSeen(true, []string{"MUG"}) // names the mug
	a.chatSeen(false, nil)            // a question
	a.moderation("ban", "anna", t0.Add(2*time.Second))
	a.sample(t0.Add(5 * time.Second))
	a.viewersNow(3, t0.Add(6*time.Second)) // unchanged: no event
	a.sample(t0.Add(10 * time.Second))
	a.viewersNow(12, t0.Add(10500*time.Millisecond)) // a peak between samples
	a.viewersNow(7, t0.Add(11*time.Second))
	a.chatSeen(false, nil)
	a.pin("")
	a.chatSeen(true, nil) // nothing on air: nobody's
	a.end(t0.Add(12 * time.Second))
	a.viewersNow(9, t0.Add(13*time.Second)) // after the end: nothing
	a.sample(t0.Add(15 * time.Second))

	evs, err := db.Events(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Offset.String()+" "+e.Kind+" "+string(e.Data))
	}
	want := []string{
		`2s moderation {"action":"ban","moderator":"anna"}`,
		`5s viewers {"count":3}`,
		`5s chat_rate {"messages":3,"per_min":36,"want":{"MUG":1,"TOTE":1},"window_s":5}`,
		`10s chat_rate {"messages":0,"per_min":0,"window_s":5}`,
		`10.5s viewers {"count":12}`,
		`12s viewers {"count":7}`,
		`12s chat_rate {"messages":2,"per_min":24,"window_s":2}`,
		`12s chat_rate {"want":1}`,
	}
	if len(got) != len(want) {
		t.Fatalf("events:\n%s\nwant:\n%s", js(got), js(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: %s, want %s", i, got[i], want[i])
		}
	}
}

func js(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}
