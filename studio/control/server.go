// Package control is the studio's remote control: an authenticated local
// HTTP and WebSocket API through which a second moderator's machine, a
// Stream Deck-style panel or a script pins products, drops codes, switches
// scenes, starts destinations and moderates, with the same commands the
// window and the show file's cues send. It is documented in
// docs/control-api.md.
package control

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Engine is what the API drives: *studio.Studio.
type Engine interface {
	Pin(ctx context.Context, ref string) error
	Unpin(ctx context.Context) error
	StartFlashSale(ctx context.Context, ref string, priceMinor int64, stock int, d time.Duration) error
	SetStock(ctx context.Context, ref string, stock int) error
	DropPromo(ctx context.Context, code, discount string, valid, showFor time.Duration) error
	SetLayout(ctx context.Context, l show.Layout, transition string) error
	SetMain(ctx context.Context, id, transition string) error
	SetMute(ctx context.Context, id string, mute bool) error
	StartDestination(ctx context.Context, id string) error
	StopDestination(ctx context.Context, id string) error
	// SetRecording stops or starts one canvas's recording, every
	// canvas's with canvas "".
	SetRecording(ctx context.Context, canvas string, on bool) error
	Destinations() []output.Status
	Stats() studio.Stats
	Subscribe() (<-chan studio.Event, func())
}

// Moderation is one moderator action, routed to the chat engine.
type Moderation struct {
	Action    string        `json:"action"` // delete | timeout | ban | unban | approve | deny | pin | answered
	MessageID string        `json:"message_id,omitempty"`
	User      string        `json:"user,omitempty"`
	Duration  time.Duration `json:"-"`
	Reason    string        `json:"reason,omitempty"`
	Moderator string        `json:"-"` // the caller's name, for the audit log
}

// Server serves the API. Every request needs "Authorization: Bearer
// TOKEN": browsers cannot send that header to another origin without a
// CORS preflight, which the server never grants, so a web page cannot
// drive the studio behind the host's back.
type Server struct {
	Engine Engine
	Token  string
	// Moderate carries out a moderation action; nil answers 501 until the
	// show has chat.
	Moderate func(ctx context.Context, m Moderation) error
	// Chat lists the show's recent chat for GET /api/chat (chat.go); nil
	// answers 501 until the show has chat.
	Chat func(ctx context.Context, q ChatQuery) ([]ChatMessage, error)
	// Rundown is what GET /api/rundown lists; nil lists nothing.
	Rundown Rundown
	Logger  *slog.Logger

	mux *http.ServeMux
}

// ErrNoToken: a server without a token would let anyone on the network in.
var ErrNoToken = errors.New("control: no token")

// Handler checks the configuration and returns the API's handler.
func (s *Server) Handler() (http.Handler, error) {
	if len(s.Token) < 16 {
		return nil, ErrNoToken
	}
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	s.mux = http.NewServeMux()
	s.routes()
	return http.HandlerFunc(s.serve), nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vitrina"`)
		writeError(w, http.StatusUnauthorized, "unauthorized", "send Authorization: Bearer TOKEN (see docs/control-api.md)")
		return
	}
	s.mux.ServeHTTP(w, r)
}
