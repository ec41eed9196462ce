package probe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/sdphttp"
)

// whepClient speaks the HTTP side of WHEP, the playback twin of WHIP,
// through sdphttp: POST an SDP offer, get 201 with the answer and a
// Location for the session, DELETE that Location at the end.
type whepClient struct {
	c   *sdphttp.Client
	own *http.Transport // ours to close, when the caller gave no client
}

func newWHEPClient(token string, client *http.Client) *whepClient {
	var own *http.Transport
	if client == nil {
		// A transport of our own, so close can drop its connections and
		// a probe leaves no goroutine behind.
		own = http.DefaultTransport.(*http.Transport).Clone()
		client = &http.Client{Timeout: 10 * time.Second, Transport: own}
	}
	return &whepClient{c: sdphttp.New(token, client), own: own}
}

// close drops the kept-alive connections of a client the probe made.
func (c *whepClient) close() {
	if c.own != nil {
		c.own.CloseIdleConnections()
	}
}

// checkURL accepts absolute http(s) URLs only.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: %s is not an http(s) URL", ErrBadURL, media.RedactURL(raw))
	}
	return nil
}

// offer POSTs the SDP offer and returns the answer and the session's
// absolute URL.
func (c *whepClient) offer(ctx context.Context, endpoint, sdp string) (answer, resource string, err error) {
	a, err := c.c.Offer(ctx, endpoint, sdp)
	if err != nil {
		return "", "", offerError(err)
	}
	return a.SDP, a.Resource, nil
}

// offerError words a failed offer for someone at a terminal: 4xx are the
// request's fault (with a hint for the token), 5xx and silence the
// server's.
func offerError(err error) error {
	var se *sdphttp.StatusError
	if errors.As(err, &se) {
		sentinel := ErrRejected
		if se.Code >= 500 {
			sentinel = ErrUnavailable
		}
		hint := ""
		if se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden {
			hint = " (check --token-env)"
		}
		return fmt.Errorf("%w: %s", sentinel, se.Explain(hint))
	}
	var e *sdphttp.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Kind {
	case sdphttp.BadRequest:
		return fmt.Errorf("%w: %v", ErrBadURL, e)
	case sdphttp.Unreachable:
		return fmt.Errorf("%w: cannot connect to %s: %v", ErrUnavailable, e.URL, e.Err)
	case sdphttp.BadRedirect:
		// Named by the URL the user gave, not the hop that went wrong.
		return fmt.Errorf("%w: %s: redirect with a bad Location: %v", ErrRejected, e.Endpoint, e.Err)
	default:
		return fmt.Errorf("%w: %v", ErrRejected, e)
	}
}

// end DELETEs the session so the server frees it at once rather than
// after an ICE timeout.
func (c *whepClient) end(resource string) error {
	if err := c.c.Delete(resource); err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	return nil
}
