package control

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
)

// SetRecording records "record on" or "record off", with the canvas when
// one is named.
func (f *fakeEngine) SetRecording(_ context.Context, canvas string, on bool) error {
	state := "off"
	if on {
		state = "on"
	}
	if canvas != "" {
		state += " " + canvas
	}
	return f.recording(state)
}

// POST /api/record stops the recording and starts a new file, every
// canvas's or the one named; "on" must be given (a missing one is not
// taken for false), and a show without a recording answers 400 with the
// engine's reason.
func TestRecordCommand(t *testing.T) {
	eng, hs, _ := serve(t)
	for _, c := range []struct {
		body string
		code int
		call string
		msg  string // in the error's message
	}{
		{`{"on":false}`, 200, "record off", ""},
		{`{"on":true}`, 200, "record on", ""},
		{`{"on":false,"canvas":"vertical"}`, 200, "record off vertical", ""},
		{`{"on":true,"canvas":"vertical"}`, 200, "record on vertical", ""},
		{`{"canvas":"vertical"}`, 400, "", `"on"`},
		{``, 400, "", `"on"`},
		{`{}`, 400, "", `"on"`},
		{`{"on":"yes"}`, 400, "", "bool"},
		{`{"of":true}`, 400, "", "of"},
	} {
		before := len(eng.calls)
		code, out := post(t, hs, token, "/api/record", c.body)
		if code != c.code {
			t.Errorf("POST /api/record %s: %d %v, want %d", c.body, code, out, c.code)
		}
		if c.call != "" && (len(eng.calls) != before+1 || eng.calls[before] != c.call) {
			t.Errorf("POST /api/record %s: engine got %v, want %q", c.body, eng.calls[before:], c.call)
		}
		if c.call == "" && len(eng.calls) != before {
			t.Errorf("POST /api/record %s: bad input reached the engine: %v", c.body, eng.calls[before:])
		}
		if msg, _ := out["message"].(string); c.msg != "" && !strings.Contains(msg, c.msg) {
			t.Errorf("POST /api/record %s: message %q, want it to name %s", c.body, msg, c.msg)
		}
	}
	eng.noRecording = true
	if code, out := post(t, hs, token, "/api/record", `{"on":true}`); code != 400 || !strings.Contains(out["message"].(string), "does not record") {
		t.Errorf("a show without a recording: %d %v, want 400 saying so", code, out)
	}
	if code, out := post(t, hs, token, "/api/pin", `{"product":"SKU-1","canvas":"vertical"}`); code != 400 || !strings.Contains(out["message"].(string), `"canvas"`) {
		t.Errorf("a pin for one canvas: %d %v, want 400 saying pins reach every canvas", code, out)
	}
	if code, _ := post(t, hs, "", "/api/record", `{"on":false}`); code != 401 {
		t.Errorf("no token: %d, want 401", code)
	}
}

// The event stream names the recording's new file.
func TestRecordEventCarriesThePath(t *testing.T) {
	eng, hs, _ := serve(t)
	ctx, ws := dialEvents(t, hs)
	eng.events <- studio.Event{Kind: studio.EventOutputState, Subject: "record", Canvas: "main", State: "recording",
		Path: "/shows/show-2.mkv", Time: time.Now()}
	if e, b, err := readEvent(t, ctx, ws); err != nil || e.Subject != "record" || e.State != "recording" || e.Path != "/shows/show-2.mkv" {
		t.Errorf("event %s (%v), want the recording's new file", b, err)
	}
}
