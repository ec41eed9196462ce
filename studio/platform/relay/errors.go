package relay

import "errors"

// Sentinels; the HTTP answers and logged errors wrap them.
var (
	// ErrConfig: the relay's configuration is unusable (no token).
	ErrConfig = errors.New("relay: bad configuration")
	// ErrBadSDP: an offer that is not SDP, or offers nothing the relay can
	// take or send (400).
	ErrBadSDP = errors.New("relay: bad SDP offer")
	// ErrNoStream: nothing is published on the room yet (404 to WHEP).
	ErrNoStream = errors.New("relay: nothing published")
	// ErrFull: the room has as many viewers, or the relay as many rooms,
	// as it takes (503).
	ErrFull = errors.New("relay: full")
	// ErrPeer: pion could not set up the peer connection (500).
	ErrPeer = errors.New("relay: peer connection")
)
