package probe

import "errors"

// Sentinels callers can test with errors.Is; every error Run returns wraps
// one of them.
var (
	// ErrBadURL: the endpoint is not an http(s) URL. It is the caller's
	// input that is wrong, not the network.
	ErrBadURL = errors.New("probe: bad WHEP URL")
	// ErrRejected: the WHEP endpoint refused the offer (a 4xx: a wrong
	// token, or no stream on that path).
	ErrRejected = errors.New("probe: offer rejected")
	// ErrUnavailable: the endpoint could not be reached or failed (5xx).
	ErrUnavailable = errors.New("probe: endpoint unavailable")
	// ErrConnection: the WebRTC connection could not be set up or was lost.
	ErrConnection = errors.New("probe: connection")
	// ErrNoVideo: the connection came up but no picture was decoded, or no
	// picture carried a readable timecode strip.
	ErrNoVideo = errors.New("probe: no video")
)
