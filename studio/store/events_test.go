package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestAppendAndReadEventsInTimelineOrder(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	t0 := time.UnixMilli(1_700_000_000_000)
	id := startShow(t, db, "s", t0)
	in := []ShowEvent{
		{ShowID: id, At: t0.Add(5 * time.Second), Offset: 5*time.Second + 250*time.Microsecond, Kind: KindUnpin, SKU: "A"},
		{ShowID: id, At: t0.Add(2 * time.Second), Offset: 2 * time.Second, Kind: KindPin, SKU: "A",
			Data: json.RawMessage(`{"title":"Худи","price_minor":4900}`)},
		{ShowID: id, At: t0.Add(3 * time.Second), Offset: 3 * time.Second, Kind: KindPromo, Data: json.RawMessage(`{"code":"GZHEL10"}`)},
	}
	if err := db.AppendEvents(ctx, in...); err != nil {
		t.Fatal(err)
	}
	if err := db.AppendEvents(ctx, ShowEvent{ShowID: id, Offset: 2 * time.Second, Kind: KindViewers, Data: json.RawMessage(`{"count":12}`)}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Events(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind string
		off  time.Duration
	}{{KindPin, 2 * time.Second}, {KindViewers, 2 * time.Second}, {KindPromo, 3 * time.Second}, {KindUnpin, 5 * time.Second}}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Kind != w.kind || got[i].Offset != w.off || got[i].ShowID != id || got[i].ID == 0 {
			t.Errorf("event %d = %+v, want %s at %v (offset, then stored order; ms precision)", i, got[i], w.kind, w.off)
		}
	}
	if !got[0].At.Equal(t0.Add(2*time.Second)) || got[0].SKU != "A" || string(got[0].Data) != `{"title":"Худи","price_minor":4900}` {
		t.Errorf("pin event = %+v", got[0])
	}
	if got[3].Data != nil {
		t.Errorf("an event without data reads back %q, want nil", got[3].Data)
	}
	if got[1].At.IsZero() || time.Since(got[1].At) > time.Minute {
		t.Errorf("an event without a time got %v, want now", got[1].At)
	}
}

// A batch is one transaction: one bad event keeps all of them out.
func TestAppendEventsRefusesBadEventsAndWritesNone(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	id := startShow(t, db, "s", time.Now())
	good := ShowEvent{ShowID: id, Kind: KindPin, SKU: "A"}
	for name, bad := range map[string]ShowEvent{
		"unknown kind": {ShowID: id, Kind: "teleport"},
		"bad json":     {ShowID: id, Kind: KindPromo, Data: json.RawMessage(`{"code":`)},
		"no show id":   {Kind: KindPin},
		"missing show": {ShowID: id + 100, Kind: KindPin},
	} {
		if err := db.AppendEvents(ctx, good, bad); !errors.Is(err, ErrBadEvent) {
			t.Errorf("%s: %v, want ErrBadEvent", name, err)
		}
	}
	if evs, err := db.Events(ctx, id); err != nil || len(evs) != 0 {
		t.Errorf("after refused batches: %d events (%v), want none", len(evs), err)
	}
	if _, err := db.Events(ctx, id+100); !errors.Is(err, ErrNoShow) {
		t.Errorf("events of a missing show: %v, want ErrNoShow", err)
	}
}
