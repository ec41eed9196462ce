package whip

import "errors"

var (
	// ErrRejected: the WHIP endpoint refused the offer (a 4xx other than a
	// redirect). 401/403 are also output.Permanent: a bad token does not
	// get better by retrying.
	ErrRejected = errors.New("whip: offer rejected")
	// ErrUnavailable: the endpoint is down or busy (5xx, 503 Retry-After).
	ErrUnavailable = errors.New("whip: endpoint unavailable")
	// ErrConnection: the media connection could not be set up or was lost.
	ErrConnection = errors.New("whip: connection")
	// ErrStream: what came from the encoder cannot be sent over WebRTC.
	ErrStream = errors.New("whip: stream")
)
