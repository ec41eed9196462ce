package chat

import "errors"

// Sentinel errors; callers test them with errors.Is.
var (
	// ErrBadRules is a rules file (or Config.Rules) that cannot be used: bad
	// TOML, an unknown key, a bad action or duration, a malformed term.
	ErrBadRules = errors.New("bad chat rules")
	// ErrBadProducts is a product list that cannot be used.
	ErrBadProducts = errors.New("bad product list")
	// ErrNotHeld is an approve or deny for a message that is not (or no
	// longer) in the held queue.
	ErrNotHeld = errors.New("message is not held")

	// ErrNoConnector is an action on a message or user of a platform no
	// connector was registered for.
	ErrNoConnector = errors.New("no chat connector for the platform")
	// ErrUnsupported is an action the platform cannot take (deleting a
	// message on plain IRC, unbanning on the relay's protocol v1).
	ErrUnsupported = errors.New("the platform cannot do that")
	// ErrNotUndoable is an undo of an action that cannot be taken back
	// (a delete, a reply) or that was undone already.
	ErrNotUndoable = errors.New("action cannot be undone")
	// ErrBadAction is an action with a missing or impossible argument (no
	// moderator, a zero timeout, an empty term or reply).
	ErrBadAction = errors.New("bad moderation action")
	// ErrRuleOff is a blocked term added while the blocked_terms rule is
	// off: it would silently do nothing.
	ErrRuleOff = errors.New("the rule is off")
	// ErrAudit is an action that was taken but could not be written to the
	// audit log.
	ErrAudit = errors.New("audit log failed")
	// ErrNotFound is an audit entry (or a stored message) that does not
	// exist.
	ErrNotFound = errors.New("not found")
)
