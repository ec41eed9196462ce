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
)
