package control

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
)

// event is an engine event as the API sends it.
type event struct {
	Time    time.Time `json:"time"`
	Kind    string    `json:"kind"`
	Subject string    `json:"subject,omitempty"`
	Canvas  string    `json:"canvas,omitempty"`
	State   string    `json:"state,omitempty"`
	Error   string    `json:"error,omitempty"`
	Path    string    `json:"path,omitempty"`    // a recording's file
	Viewers *int      `json:"viewers,omitempty"` // the viewer count, on a viewers event (0 included)
	Origin  string    `json:"origin,omitempty"`  // what set the stock, on a stock event
}

func fromEngine(e studio.Event) event {
	out := event{Time: e.Time, Kind: string(e.Kind), Subject: e.Subject, Canvas: e.Canvas, State: e.State, Path: e.Path, Origin: e.Origin}
	if e.Kind == studio.EventViewers {
		n := e.Viewers
		out.Viewers = &n
	}
	if e.Err != nil {
		out.Error = e.Err.Error() // engine errors carry redacted URLs only
	}
	return out
}

// destination is one destination's status as the API shows it.
type destination struct {
	ID      string  `json:"id"`
	State   string  `json:"state"`
	Kbps    int     `json:"kbps"`
	Bytes   int64   `json:"bytes"`
	Dropped int64   `json:"dropped"`
	RTTms   float64 `json:"rtt_ms,omitempty"`
	Error   string  `json:"error,omitempty"`
}

func fromStatus(st output.Status) destination {
	d := destination{ID: st.Name, State: string(st.State), Kbps: st.BitrateKbps, Bytes: st.Bytes, Dropped: st.Dropped,
		RTTms: float64(st.RTT) / float64(time.Millisecond)}
	if st.Err != nil {
		d.Error = st.Err.Error()
	}
	return d
}

// state answers GET /api/state: the counters and the destinations now.
func (s *Server) state(w http.ResponseWriter, _ *http.Request) {
	st := s.Engine.Stats()
	ds := []destination{}
	for _, d := range s.Engine.Destinations() {
		ds = append(ds, fromStatus(d))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"frames": st.Frames, "skipped_frames": st.SkippedFrames, "dropped": st.Dropped, "destinations": ds})
}

// events streams the engine's events over a WebSocket, one JSON object
// per message, until the client goes or the server closes. A client too
// slow to read loses events (the engine never waits for it) and is told
// so by a "lagging" message.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer ws.CloseNow()
	evs, unsubscribe := s.Engine.Subscribe()
	defer unsubscribe()
	ctx := ws.CloseRead(r.Context())
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-evs:
			if !ok {
				ws.Close(websocket.StatusNormalClosure, "the show ended")
				return
			}
			b, _ := json.Marshal(fromEngine(e))
			wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := ws.Write(wctx, websocket.MessageText, b)
			cancel()
			if err != nil {
				return
			}
		}
	}
}
