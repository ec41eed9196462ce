package platform

import (
	"errors"
	"fmt"
)

// Sentinels; every error this package returns wraps one of them, so a
// caller can tell them apart with errors.Is.
var (
	// ErrTooBig: a frame is over its sender's limit.
	ErrTooBig = errors.New("frame too big")
	// ErrMalformed: a frame is not one JSON object.
	ErrMalformed = errors.New("malformed JSON")
	// ErrUnknownType: the message names a type version 1 does not have.
	ErrUnknownType = errors.New("unknown message type")
	// ErrInvalid: the message is JSON of a known type but a field is
	// missing, of the wrong kind or out of range.
	ErrInvalid = errors.New("invalid message")
	// ErrVersion: the two sides share no protocol version.
	ErrVersion = errors.New("unsupported protocol version")
	// ErrUnauthorized: the relay refused the token (HTTP 401 on the
	// upgrade, or a hello asking for the host role without it).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrRefused: the relay answered a message with an error message; the
	// error is a *RefusedError with its code.
	ErrRefused = errors.New("refused by the relay")
	// ErrClosed: the socket is closed; CloseCode tells why.
	ErrClosed = errors.New("connection closed")
)

// Code is an error message's machine-readable reason.
type Code string

// Error codes of version 1. Those marked "closes" end the connection after
// the error message; the others refuse one message and keep it open.
const (
	CodeBadJSON     Code = "bad_json"            // the frame is not one JSON object
	CodeUnknownType Code = "unknown_type"        // a type the negotiated version does not have
	CodeInvalid     Code = "invalid"             // a field missing, mistyped or out of range
	CodeNotAllowed  Code = "not_allowed"         // this role may not send this type
	CodeBanned      Code = "banned"              // the viewer is banned from chat
	CodeTimedOut    Code = "timed_out"           // the viewer is timed out; retry_after_ms says for how long
	CodeSlowMode    Code = "slow_mode"           // too soon after this viewer's last chat message
	CodeRateLimited Code = "rate_limited"        // more messages than the rate limit
	CodeSoldOut     Code = "sold_out"            // a claim on a product with no stock left
	CodeTooBig      Code = "too_big"             // closes (1009): a frame over the limit
	CodeVersion     Code = "unsupported_version" // closes (4406): no common version
	CodeHello       Code = "hello_required"      // closes (4400): the first message was not a valid hello
	CodeAuth        Code = "unauthorized"        // closes (4401): the host role without the token
	CodeReplaced    Code = "replaced"            // closes (4409): a newer host connection took over
	CodeTooSlow     Code = "too_slow"            // closes (1013): the client does not read fast enough
	CodeTooMany     Code = "too_many_errors"     // closes (1008): errors past the budget
	CodeInternal    Code = "internal"
)

// WebSocket close codes the relay uses besides the standard ones (1000
// normal, 1001 going away, 1008 policy, 1009 too big, 1013 try again later).
const (
	CloseBadHello  = 4400
	CloseAuth      = 4401
	CloseVersion   = 4406
	CloseReplaced  = 4409
	CloseTooBig    = 1009
	ClosePolicy    = 1008
	CloseTryLater  = 1013
	CloseGoingAway = 1001
)

// CodeOf maps a validation error to the code the relay answers it with.
func CodeOf(err error) Code {
	switch {
	case errors.Is(err, ErrTooBig):
		return CodeTooBig
	case errors.Is(err, ErrMalformed):
		return CodeBadJSON
	case errors.Is(err, ErrUnknownType):
		return CodeUnknownType
	case errors.Is(err, ErrInvalid):
		return CodeInvalid
	case errors.Is(err, ErrVersion):
		return CodeVersion
	case errors.Is(err, ErrUnauthorized):
		return CodeAuth
	}
	var r *RefusedError
	if errors.As(err, &r) {
		return r.Data.Code
	}
	return CodeInternal
}

// RefusedError is an error message from the relay, as a Go error.
type RefusedError struct{ Data ErrorData }

func (e *RefusedError) Error() string {
	msg := fmt.Sprintf("%s: %s: %s", ErrRefused, e.Data.Code, e.Data.Message)
	if e.Data.Ref != 0 {
		msg += fmt.Sprintf(" (id %d)", e.Data.Ref)
	}
	return msg
}

func (e *RefusedError) Unwrap() error { return ErrRefused }

func wrapf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
