package platform

// Hello is a client's first message: the versions it speaks, the role it
// asks for and, after a reconnect, where to resume.
type Hello struct {
	Versions []string `json:"versions"`
	Role     Role     `json:"role"`
	// Nick is a viewer's nickname; empty asks the relay to pick one.
	Nick string `json:"nick,omitempty"`
	// Session is the secret a viewer got in an earlier welcome: it keeps
	// its viewer id, and with it the ids the relay has already taken.
	Session string `json:"session,omitempty"`
	// Epoch and ResumeAfter ask for a replay: every event after seq
	// ResumeAfter, if the relay still runs the epoch they came from.
	Epoch       string `json:"epoch,omitempty"`
	ResumeAfter uint64 `json:"resume_after,omitempty"`
}

func (Hello) Type() Type { return TypeHello }

func (h Hello) Validate() error {
	if len(h.Versions) == 0 || len(h.Versions) > 16 {
		return invalid(TypeHello, "versions", "list 1 to 16 versions, such as [\"1\"]")
	}
	if h.Role != RoleHost && h.Role != RoleViewer {
		return invalid(TypeHello, "role", "%q: want \"host\" or \"viewer\"", h.Role)
	}
	if h.Nick != "" {
		if err := CheckNick(h.Nick); err != nil {
			return err
		}
	}
	if len(h.Session) > 64 || len(h.Epoch) > 64 {
		return invalid(TypeHello, "session", "session and epoch are at most 64 bytes")
	}
	return nil
}

// Welcome answers a hello. Either Resumed is true and the events after
// the hello's ResumeAfter follow it, or State holds the show as it is now.
type Welcome struct {
	Version string `json:"version"`
	Role    Role   `json:"role"`
	Viewer  string `json:"viewer,omitempty"` // the viewer's id, for moderation
	Nick    string `json:"nick,omitempty"`
	Session string `json:"session,omitempty"` // keep it to resume as the same viewer
	// Epoch names this run of the relay; seqs from another epoch mean
	// nothing here (the relay restarted).
	Epoch string `json:"epoch"`
	// LastID is the highest id of this sender the relay has taken: resend
	// what came after it.
	LastID  uint64 `json:"last_id"`
	Head    uint64 `json:"head"` // the relay's latest seq
	Resumed bool   `json:"resumed"`
	State   *State `json:"state,omitempty"`
	Limits  Limits `json:"limits"`
}

func (Welcome) Type() Type { return TypeWelcome }

func (w Welcome) Validate() error {
	if w.Version == "" {
		return invalid(TypeWelcome, "version", "required")
	}
	if w.Resumed == (w.State != nil) {
		return invalid(TypeWelcome, "state", "a welcome carries the state exactly when it does not resume")
	}
	return nil
}

// Limits tells a client what the relay enforces, so a page can say so
// before a message is refused.
type Limits struct {
	MaxFrame     int `json:"max_frame"`
	MaxChatRunes int `json:"max_chat_runes"`
	SlowModeS    int `json:"slow_mode_s"`
	RatePerS     int `json:"rate_per_s"` // messages per second, sustained
}

// Ack takes one event: ID is the sender's id, Seq the relay's (0 for an
// ephemeral event). Duplicate says the id had been taken before and was
// not applied again.
type Ack struct {
	ID        uint64 `json:"id"`
	Seq       uint64 `json:"seq,omitempty"`
	Duplicate bool   `json:"duplicate,omitempty"`
}

func (Ack) Type() Type { return TypeAck }

func (a Ack) Validate() error {
	if a.ID == 0 {
		return invalid(TypeAck, "id", "required")
	}
	return nil
}

// ErrorData refuses one message (Ref is its id, when it had one) or, for
// the codes that close, says why the socket is about to close.
type ErrorData struct {
	Code         Code   `json:"code"`
	Message      string `json:"message"`
	Ref          uint64 `json:"ref,omitempty"`
	RetryAfterMS int64  `json:"retry_after_ms,omitempty"`
}

func (ErrorData) Type() Type { return TypeError }

func (e ErrorData) Validate() error {
	if e.Code == "" {
		return invalid(TypeError, "code", "required")
	}
	return nil
}
