// Package relay is the rehearsal relay behind `vitrina relay`: a stand-in
// shopping platform on one machine. Per room (a name in the URL, such as
// "show") it takes the studio's video over WHIP, forwards the RTP to any
// number of WHEP viewers without transcoding, runs the event hub of
// docs/platform-protocol.md, and serves the viewer page.
//
//	POST   /{room}/whip         WHIP ingest (host token)     DELETE /{room}/whip/{id}
//	POST   /{room}/whep         WHEP playback (anyone)       DELETE /{room}/whep/{id}
//	GET    /{room}/events       the event WebSocket (host with the token, viewers without)
//	GET    /{room}/status       whether the room is on air, as JSON (anyone)
//	GET    /{room}/             the viewer page
package relay

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Config is the relay's settings. Token is required and is never logged.
type Config struct {
	Token  string
	Logger *slog.Logger // nil: slog.Default()
	// ReplayLog is how many events a room keeps for resume; default 1024.
	ReplayLog int
	// MaxViewers bounds the WHEP sessions of a room; default 500.
	MaxViewers int
	// MaxRooms bounds the rooms; default 16.
	MaxRooms int
	// SlowMode is each room's slow mode until the host sets one.
	SlowMode time.Duration
	// ViewerRate is the messages per second a viewer may send, sustained
	// (twice that in a burst); default 5.
	ViewerRate int
}

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.ReplayLog <= 0 {
		c.ReplayLog = 1024
	}
	if c.MaxViewers <= 0 {
		c.MaxViewers = 500
	}
	if c.MaxRooms <= 0 {
		c.MaxRooms = 16
	}
	if c.ViewerRate <= 0 {
		c.ViewerRate = 5
	}
}

// Server is the relay, an http.Handler.
type Server struct {
	cfg Config
	log *slog.Logger
	mux *http.ServeMux

	mu     sync.Mutex
	rooms  map[string]*room
	closed bool
}

// New checks cfg and makes the relay.
func New(cfg Config) (*Server, error) {
	if cfg.Token == "" {
		return nil, fmt.Errorf("%w: the host token is empty", ErrConfig)
	}
	cfg.defaults()
	s := &Server{cfg: cfg, log: cfg.Logger, rooms: map[string]*room{}}
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/show/", http.StatusFound)
	})
	m.HandleFunc("GET /{room}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/"+r.PathValue("room")+"/", http.StatusMovedPermanently)
	})
	m.HandleFunc("GET /{room}/{$}", servePage)
	m.HandleFunc("GET /{room}/assets/{file}", serveAsset)
	m.HandleFunc("OPTIONS /{room}/whip", s.withRoom(true, s.whipOptions))
	m.HandleFunc("POST /{room}/whip", s.withRoom(true, s.whipPost))
	m.HandleFunc("DELETE /{room}/whip/{id}", s.withRoom(true, s.whipDelete))
	m.HandleFunc("PATCH /{room}/whip/{id}", noTrickle)
	m.HandleFunc("POST /{room}/whep", s.withRoom(false, s.whepPost))
	m.HandleFunc("DELETE /{room}/whep/{id}", s.withRoom(false, s.whepDelete))
	m.HandleFunc("PATCH /{room}/whep/{id}", noTrickle)
	m.HandleFunc("GET /{room}/events", s.withRoom(false, s.events))
	m.HandleFunc("GET /{room}/status", s.statusGet)
	s.mux = m
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Close ends every session: the sockets close with 1001, the peer
// connections are closed. The relay answers 503 afterwards.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	rooms := s.rooms
	s.rooms = map[string]*room{}
	s.mu.Unlock()
	for _, r := range rooms {
		r.close()
	}
	return nil
}

var roomPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func validRoom(w http.ResponseWriter, name string) bool {
	if !roomPattern.MatchString(name) {
		httpError(w, http.StatusNotFound, "no room %q: room names are 1 to 64 letters, digits, '-' and '_'", name)
		return false
	}
	return true
}

// withRoom checks the room name and, where host is true, the Bearer token,
// then finds or opens the room.
func (s *Server) withRoom(host bool, h func(*room, http.ResponseWriter, *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("room")
		if !validRoom(w, name) {
			return
		}
		if host && !s.authorized(r) {
			unauthorized(w)
			return
		}
		rm, err := s.room(name)
		if err != nil {
			w.Header().Set("Retry-After", "10")
			httpError(w, http.StatusServiceUnavailable, "%v", err)
			return
		}
		h(rm, w, r)
	}
}

func (s *Server) room(name string) (*room, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("%w: the relay is shutting down", ErrFull)
	}
	if r, ok := s.rooms[name]; ok {
		return r, nil
	}
	if len(s.rooms) >= s.cfg.MaxRooms {
		return nil, fmt.Errorf("%w: %d rooms open, the limit", ErrFull, s.cfg.MaxRooms)
	}
	r := newRoom(name, s.cfg)
	s.rooms[name] = r
	return r, nil
}

// authorized checks "Authorization: Bearer TOKEN" in constant time.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := bearer(r)
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

// bearer returns the request's Bearer token and whether it sent an
// Authorization header at all.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false
	}
	scheme, tok, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true
	}
	return strings.TrimSpace(tok), true
}

func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="vitrina relay"`)
	httpError(w, http.StatusUnauthorized, "the host token is missing or wrong (send Authorization: Bearer TOKEN)")
}

// httpError answers with a one-line plain-text reason.
func httpError(w http.ResponseWriter, code int, format string, args ...any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	fmt.Fprintf(w, format+"\n", args...)
}

func noTrickle(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Allow", "DELETE")
	httpError(w, http.StatusMethodNotAllowed, "trickle ICE is not supported: send every candidate in the offer")
}

// newID is a random session id for a Location.
func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// shutdownTimeout bounds how long closing one session may take.
const shutdownTimeout = 5 * time.Second

func detached() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), shutdownTimeout)
}
