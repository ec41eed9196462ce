package relay

import (
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// tickEvery is how often reaction totals and the viewer count go out.
const tickEvery = 500 * time.Millisecond

// maxSessions bounds the viewer sessions a room remembers for resume.
const maxSessions = 20000

// hub is a room's event exchange: it takes events from the host and the
// viewers, checks and orders them (each gets the room's next seq), folds
// them into the room's state, keeps them in the replay log and fans them
// out. One lock guards it all; fan-out only queues frames, so no client
// can hold the others up.
type hub struct {
	room  string
	cfg   Config
	log   *slog.Logger
	epoch string
	stop  chan struct{}
	done  chan struct{}

	mu         sync.Mutex
	events     *platform.Log[entry]
	state      platform.State
	host       *client
	hostSeen   platform.Dedup
	clients    map[*client]struct{}
	sessions   map[string]*session // by secret
	byViewer   map[string]*session
	nextViewer int
	mod        moderation
	reactions  map[string]int
	claims     claimants // who made each claim, for its claim.result (claims.go)
	lastCount  int
	closed     bool
}

// entry is one logged event, encoded once for everyone it goes to, and
// once more for each older version that reads it otherwise (a coupon with
// a watch condition, for version 1): nil for most events.
type entry struct {
	to    platform.Audience
	frame []byte
	older map[string][]byte // by version
}

// frameFor is the entry's frame for a connection of version.
func (e entry) frameFor(version string) []byte {
	if f, ok := e.older[version]; ok {
		return f
	}
	return e.frame
}

// session is a viewer across reconnects: its id, nickname and the ids of
// its own it has sent.
type session struct {
	viewer, secret, nick string
	seen                 platform.Dedup
	lastChat             time.Time
	conn                 *client
}

func newHub(room string, cfg Config, log *slog.Logger) *hub {
	h := &hub{room: room, cfg: cfg, log: log, epoch: newID()[:12],
		stop: make(chan struct{}), done: make(chan struct{}),
		events: platform.NewLog[entry](cfg.ReplayLog), clients: map[*client]struct{}{},
		sessions: map[string]*session{}, byViewer: map[string]*session{},
		mod: newModeration(cfg.SlowMode), reactions: map[string]int{}}
	h.state.SlowModeS = int(cfg.SlowMode / time.Second)
	go h.run()
	return h
}

// join registers a client after its hello and queues its welcome, then
// either the replay it asked for or nothing (the welcome has the state).
// It returns the refusal when the hello cannot be granted.
func (h *hub) join(c *client, hello platform.Hello, version string, authed bool) (*platform.ErrorData, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return &platform.ErrorData{Code: platform.CodeInternal, Message: "the relay is shutting down"}, platform.CloseGoingAway
	}
	w := platform.Welcome{Version: version, Role: hello.Role, Epoch: h.epoch, Head: h.events.Head(),
		Limits: platform.Limits{MaxFrame: platform.MaxViewerFrame, MaxChatRunes: platform.MaxChatRunes,
			SlowModeS: int(h.mod.slow / time.Second), RatePerS: h.cfg.ViewerRate}}
	c.role = hello.Role
	switch hello.Role {
	case platform.RoleHost:
		if !authed {
			return &platform.ErrorData{Code: platform.CodeAuth, Message: "the host role needs the token (Authorization: Bearer on the upgrade)"}, platform.CloseAuth
		}
		if old := h.host; old != nil {
			old.refuse(0, platform.ErrorData{Code: platform.CodeReplaced, Message: "another host connection took over"})
			old.shut(platform.CloseReplaced, "replaced by a newer host connection")
		}
		h.host = c
		w.LastID = h.hostSeen.Last()
		w.Limits.MaxFrame, w.Limits.RatePerS = platform.MaxHostFrame, 0
	case platform.RoleViewer:
		s := h.session(hello)
		if s.conn != nil {
			s.conn.refuse(0, platform.ErrorData{Code: platform.CodeReplaced, Message: "this session connected again"})
			s.conn.shut(platform.CloseReplaced, "replaced by a newer connection of this session")
		}
		s.conn, c.sess = c, s
		w.Viewer, w.Nick, w.Session, w.LastID = s.viewer, s.nick, s.secret, s.seen.Last()
	}
	var replay []entry
	if hello.ResumeAfter > 0 && hello.Epoch == h.epoch {
		replay, w.Resumed = h.events.After(hello.ResumeAfter)
	}
	if !w.Resumed {
		st := h.state.ForVersion(version)
		w.State = &st
	}
	frame, err := platform.Frame(0, w)
	if err != nil {
		return &platform.ErrorData{Code: platform.CodeInternal, Message: err.Error()}, platform.ClosePolicy
	}
	c.send(frame)
	for _, e := range replay {
		if reaches(e.to, c.role) {
			c.send(e.frameFor(c.version))
		}
	}
	h.clients[c] = struct{}{}
	h.log.Info("relay: joined", "role", string(c.role), "viewer", w.Viewer, "resumed", w.Resumed, "replayed", len(replay))
	return nil, 0
}

// session finds a viewer's session by its secret or opens a new one.
func (h *hub) session(hello platform.Hello) *session {
	if s, ok := h.sessions[hello.Session]; ok && hello.Session != "" {
		if hello.Nick != "" {
			s.nick = hello.Nick
		}
		return s
	}
	if len(h.sessions) >= maxSessions {
		for k, s := range h.sessions {
			if s.conn == nil {
				delete(h.sessions, k)
				delete(h.byViewer, s.viewer)
				break
			}
		}
	}
	h.nextViewer++
	s := &session{viewer: fmt.Sprintf("v%d", h.nextViewer), secret: newID(), nick: hello.Nick}
	if s.nick == "" {
		s.nick = fmt.Sprintf("guest-%d", h.nextViewer)
	}
	h.sessions[s.secret] = s
	h.byViewer[s.viewer] = s
	return s
}

// leave forgets a client whose socket ended.
func (h *hub) leave(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
	if h.host == c {
		h.host = nil
	}
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
	}
}

func (h *hub) nickOf(viewer string) string {
	if s, ok := h.byViewer[viewer]; ok {
		return s.nick
	}
	return ""
}

// reaches says whether an audience includes a role.
func reaches(to platform.Audience, role platform.Role) bool {
	switch to {
	case platform.ToAll:
		return true
	case platform.ToViewers:
		return role == platform.RoleViewer
	case platform.ToHost:
		return role == platform.RoleHost
	}
	return false
}

// fanout queues an entry's frame for every client its audience includes,
// in the client's version. The lock is held.
func (h *hub) fanout(e entry) {
	for c := range h.clients {
		if reaches(e.to, c.role) {
			c.send(e.frameFor(c.version))
		}
	}
}

// run sends the ephemeral events: reaction totals and the viewer count,
// at most every tickEvery.
func (h *hub) run() {
	defer close(h.done)
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
			h.tick()
		}
	}
}

func (h *hub) tick() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for kind, n := range h.reactions {
		h.ephemeral(platform.Reaction{Kind: kind, Count: n})
		delete(h.reactions, kind)
	}
	n := 0
	for c := range h.clients {
		if c.role == platform.RoleViewer {
			n++
		}
	}
	if n != h.lastCount {
		h.lastCount = n
		h.state.Viewers = n
		h.ephemeral(platform.ViewersCount{Count: n})
	}
}

// ephemeral fans out a relay event that has no id and is not logged.
func (h *hub) ephemeral(ev platform.Event) {
	env, err := platform.NewEnvelope(0, ev)
	if err != nil {
		h.log.Error("relay: ephemeral event", "error", err)
		return
	}
	env.From = &platform.Sender{Role: platform.RoleRelay}
	frame, _ := platform.Encode(env)
	h.fanout(entry{to: platform.ToAll, frame: frame})
}

// close shuts every socket with 1001 and stops the ticker.
func (h *hub) close() {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.closed = true
	for c := range h.clients {
		c.shut(platform.CloseGoingAway, "the relay is shutting down")
	}
	h.mu.Unlock()
	close(h.stop)
	<-h.done
}
