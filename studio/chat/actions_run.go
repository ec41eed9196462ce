package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// DefaultTimeout is the length of a timeout taken with the T key: Twitch's
// and Chatterino's default, and one of YouTube's lengths.
const DefaultTimeout = 10 * time.Minute

// ActionsConfig wires the moderator actions to the show.
type ActionsConfig struct {
	// Pipeline enforces bans, timeouts and blocked terms locally and owns
	// the held queue. Required.
	Pipeline *Pipeline
	// Moderators are the connectors, by Message.Platform.
	Moderators map[string]Moderator
	// Audit keeps every action; nil keeps them in memory (MemoryAudit).
	Audit AuditLog
	// Cards reads users' history for the user card; nil shows only what
	// the pipeline knows.
	Cards Cards
	// OnEvent hears every action taken, after it was taken, on the
	// caller's goroutine: the engine draws and removes the pinned message
	// (ActPin, ActUnpin), the pane removes deleted messages and answered
	// questions. It must not block.
	OnEvent func(ActionEvent)
	Logger  *slog.Logger
	Now     func() time.Time
}

// Actions are the moderators' actions on a show's chat. Every action goes
// to its platform's connector, applies locally (the pipeline, the pane,
// the overlay), is written to the audit log with the moderator's name and
// the time, and can be undone when the platform allows. Safe for
// concurrent use by several moderators.
type Actions struct {
	cfg ActionsConfig
	log *slog.Logger
	now func() time.Time

	mu     sync.Mutex
	pinned *Pin
	undo   map[string][]int64 // per moderator, their undoable actions, newest last
}

// maxUndo bounds each moderator's undo history.
const maxUndo = 100

// NewActions builds the actions of a show.
func NewActions(cfg ActionsConfig) (*Actions, error) {
	if cfg.Pipeline == nil {
		return nil, fmt.Errorf("%w: actions need the pipeline", ErrBadAction)
	}
	a := &Actions{cfg: cfg, log: cfg.Logger, now: cfg.Now, undo: map[string][]int64{}}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.cfg.Audit == nil {
		a.cfg.Audit = &MemoryAudit{}
	}
	return a, nil
}

// step is one action in the making.
type step struct {
	entry AuditEntry
	ev    ActionEvent
	// platform is the connector's part; nil for actions that stay in the
	// studio (pin, answer, terms, held messages).
	platform func(ctx context.Context, m Moderator) error
	// local is the studio's part, applied whatever the platform said: a
	// user the platform could not ban is still kept out of the pane.
	local func()
	// needPlatform: without the platform the action did nothing at all
	// (a reply), so there is no local effect to report either.
	needPlatform bool
}

// run takes one action: the platform, the local effect, the audit log,
// the event. The error is the platform's (the action still applied
// locally, see ActionEvent.Local) or the audit log's.
func (a *Actions) run(ctx context.Context, s step) (ActionEvent, error) {
	e := &s.entry
	if strings.TrimSpace(e.Moderator) == "" {
		return ActionEvent{}, fmt.Errorf("%w: %s: the moderator's name is required", ErrBadAction, e.Action)
	}
	e.Time = a.now()
	var perr error
	if s.platform != nil {
		if m, ok := a.cfg.Moderators[e.Platform]; ok && m != nil {
			perr = s.platform(ctx, m)
		} else {
			perr = fmt.Errorf("%w: %q", ErrNoConnector, e.Platform)
		}
	}
	switch {
	case perr == nil && s.platform == nil:
		e.Result = "local"
	case perr == nil:
		e.Result = "ok"
	case errors.Is(perr, ErrUnsupported) || errors.Is(perr, ErrNoConnector):
		e.Result = "local: " + perr.Error()
	default:
		e.Result = "failed: " + perr.Error()
	}
	if perr != nil && s.needPlatform {
		// Nothing happened: log the attempt, publish nothing.
		a.append(ctx, e)
		return ActionEvent{}, fmt.Errorf("chat: %s on %s: %w", e.Action, e.Platform, perr)
	}
	if s.local != nil {
		s.local()
	}
	id, aerr := a.append(ctx, e)
	ev := s.ev
	ev.ID, ev.Kind, ev.Moderator, ev.Time, ev.Local = id, e.Action, e.Moderator, e.Time, s.platform == nil || perr != nil
	if aerr == nil && Undoable(e.Action) {
		a.pushUndo(e.Moderator, id)
	}
	if a.cfg.OnEvent != nil {
		a.cfg.OnEvent(ev)
	}
	a.log.Info("chat action", "action", string(e.Action), "moderator", e.Moderator, "platform", e.Platform,
		"user", e.User, "message", e.MessageID, "result", e.Result, "audit_id", id)
	switch {
	case perr != nil:
		return ev, fmt.Errorf("chat: %s on %s: %w", e.Action, e.Platform, perr)
	case aerr != nil:
		return ev, aerr
	}
	return ev, nil
}

func (a *Actions) append(ctx context.Context, e *AuditEntry) (int64, error) {
	id, err := a.cfg.Audit.Append(ctx, *e)
	if err != nil {
		// The action was taken; losing its record must be loud.
		a.log.Error("chat audit log failed", "action", string(e.Action), "moderator", e.Moderator, "err", err)
		return 0, fmt.Errorf("%w: %s by %s: %w", ErrAudit, e.Action, e.Moderator, err)
	}
	return id, nil
}

func (a *Actions) pushUndo(mod string, id int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	st := append(a.undo[mod], id)
	if len(st) > maxUndo {
		st = st[len(st)-maxUndo:]
	}
	a.undo[mod] = st
}

// popUndo takes the moderator's newest undoable action.
func (a *Actions) popUndo(mod string) (int64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	st := a.undo[mod]
	if len(st) == 0 {
		return 0, false
	}
	id := st[len(st)-1]
	a.undo[mod] = st[:len(st)-1]
	return id, true
}

func msgEntry(kind ActionKind, mod string, m Message) AuditEntry {
	return AuditEntry{Action: kind, Moderator: mod, Platform: m.Platform, User: m.User, MessageID: m.ID}
}

func userEntry(kind ActionKind, mod string, u UserRef) AuditEntry {
	return AuditEntry{Action: kind, Moderator: mod, Platform: u.Platform, User: u.User}
}
