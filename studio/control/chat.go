package control

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// ChatMessage is one chat message as GET /api/chat lists it: what the
// moderation pipeline decided, and whether a moderator has since removed
// it.
type ChatMessage struct {
	ID       string    `json:"id"` // what /api/moderate's message_id takes
	Platform string    `json:"platform"`
	User     string    `json:"user"`
	Display  string    `json:"display,omitempty"`
	Text     string    `json:"text"` // made safe for display
	Time     time.Time `json:"time"`
	Action   string    `json:"action"` // allow | hold | block
	Queues   []string  `json:"queues"`
	Rules    []string  `json:"rules"`
	Products []string  `json:"products,omitempty"`
	Deleted  bool      `json:"deleted,omitempty"`
}

// ChatQuery is what GET /api/chat asks for.
type ChatQuery struct {
	// Queue is question, want, mention or held (the messages held for
	// review now); empty lists every recent message.
	Queue string
	Limit int // the newest Limit, 1 to 1000
}

// chatQueues are the queues GET /api/chat takes.
var chatQueues = map[string]bool{"": true, "question": true, "want": true, "mention": true, "held": true}

// chatList answers GET /api/chat?queue=Q&limit=N: the show's recent chat
// (or one triage queue), oldest first.
func (s *Server) chatList(w http.ResponseWriter, r *http.Request) {
	if s.Chat == nil {
		writeError(w, http.StatusNotImplemented, "no_chat", "the show has no [[chat]]")
		return
	}
	q := ChatQuery{Queue: r.URL.Query().Get("queue"), Limit: 100}
	if !chatQueues[q.Queue] {
		writeError(w, http.StatusBadRequest, "bad_input", "queue "+strconv.Quote(q.Queue)+": want question, want, mention or held")
		return
	}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			writeError(w, http.StatusBadRequest, "bad_input", "limit "+strconv.Quote(v)+": want 1 to 1000")
			return
		}
		q.Limit = n
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	msgs, err := s.Chat(ctx, q)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "failed", err.Error())
		return
	}
	if msgs == nil {
		msgs = []ChatMessage{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"messages": msgs})
}
