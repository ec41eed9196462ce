package relay

import (
	"encoding/json"
	"net/http"
	"time"
)

// Status is what GET /{room}/status answers: whether the room is on air,
// and if not, whether its show has not started, has ended or was cut. The
// viewer page waits on it rather than on WHEP, so that waiting for the
// show is a 200, never an error in the browser's console.
type Status struct {
	Live bool `json:"live"`
	// State is "before" (nothing published yet), "live", "ended" (the
	// studio ended its session with a WHIP DELETE) or "interrupted" (its
	// connection failed or was replaced by none: it may come back).
	State     string `json:"state"`
	StartedAt int64  `json:"started_at,omitempty"` // unix ms: the latest session's start
	EndedAt   int64  `json:"ended_at,omitempty"`   // unix ms: when it ended or was cut
}

// The states of Status.State.
const (
	StateBefore      = "before"
	StateLive        = "live"
	StateEnded       = "ended"
	StateInterrupted = "interrupted"
)

// onAir is a room's record of its sessions, kept under the room's lock.
type onAir struct {
	started, ended time.Time // zero: never
	cut            bool      // the latest session ended without a DELETE
}

// began notes a publish; a publish that replaces a live one keeps the
// session's start.
func (a *onAir) began(now time.Time, wasLive bool) {
	if !wasLive {
		a.started = now
	}
	a.ended, a.cut = time.Time{}, false
}

func (a *onAir) stopped(now time.Time, cut bool) {
	a.ended, a.cut = now, cut
}

// status is the room's Status now.
func (rm *room) status() Status {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	if rm.pub != nil && rm.video != nil {
		return Status{Live: true, State: StateLive, StartedAt: rm.air.started.UnixMilli()}
	}
	switch {
	case rm.air.ended.IsZero():
		return Status{State: StateBefore}
	case rm.air.cut:
		return Status{State: StateInterrupted, StartedAt: rm.air.started.UnixMilli(), EndedAt: rm.air.ended.UnixMilli()}
	}
	return Status{State: StateEnded, StartedAt: rm.air.started.UnixMilli(), EndedAt: rm.air.ended.UnixMilli()}
}

// statusGet answers the room's Status, always 200 for a valid room name.
// It does not open a room: asking about one nobody published to is
// "before".
func (s *Server) statusGet(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("room")
	if !validRoom(w, name) {
		return
	}
	st := Status{State: StateBefore}
	s.mu.Lock()
	rm := s.rooms[name]
	s.mu.Unlock()
	if rm != nil {
		st = rm.status()
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	json.NewEncoder(w).Encode(st)
}
