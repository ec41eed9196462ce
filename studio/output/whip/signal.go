package whip

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/pion/webrtc/v4"

	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/sdphttp"
)

// session is one WHIP resource: where to DELETE it, and what the endpoint
// said about ICE servers.
type session struct {
	answer   string
	resource string // absolute URL of the session, from Location
	ice      []webrtc.ICEServer
}

// signaler speaks WHIP's HTTP side for one endpoint through sdphttp, and
// turns what goes wrong into reasons the output handler acts on: retry,
// retry after a wait, or stop (output.Permanent).
type signaler struct {
	c *sdphttp.Client
}

func newSignaler(token string, client *http.Client) *signaler {
	return &signaler{c: sdphttp.New(token, client)}
}

// iceServers asks the endpoint for its ICE servers before the offer, the
// way earlier WHIP drafts did with OPTIONS. It is best effort (endpoints
// that do not answer it still give them with the 201), except that a 401
// or 403 is an answer about the token: the offer would be refused too.
func (s *signaler) iceServers(ctx context.Context, endpoint string) ([]webrtc.ICEServer, error) {
	links, err := s.c.Options(ctx, endpoint)
	var se *sdphttp.StatusError
	if errors.As(err, &se) && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden) {
		return nil, statusError(se)
	}
	if err != nil {
		return nil, nil
	}
	return iceServersFromLinks(links), nil
}

// offer POSTs the SDP offer and returns the session the endpoint created.
func (s *signaler) offer(ctx context.Context, endpoint, sdp string) (*session, error) {
	a, err := s.c.Offer(ctx, endpoint, sdp)
	if err != nil {
		return nil, offerError(err)
	}
	return &session{answer: a.SDP, resource: a.Resource, ice: iceServersFromLinks(a.Links)}, nil
}

// offerError says whether retrying can help: not for a URL that cannot be
// requested or a redirect loop; yes for a network failure, and for a bad
// Location, which a restarted edge may well fix.
func offerError(err error) error {
	var se *sdphttp.StatusError
	if errors.As(err, &se) {
		return statusError(se)
	}
	var e *sdphttp.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Kind {
	case sdphttp.Unreachable:
		return fmt.Errorf("%w: %v", ErrUnavailable, e)
	case sdphttp.BadLocation, sdphttp.BadRedirect:
		return fmt.Errorf("%w: %v", ErrRejected, e)
	default:
		return output.Permanent(fmt.Errorf("%w: %v", ErrRejected, e))
	}
}

// statusError turns a refusal into a reason a host can act on. 401 and 403
// are permanent (a wrong token); 5xx are worth retrying, 503 after the wait
// the server asked for.
func statusError(se *sdphttp.StatusError) error {
	switch code := se.Code; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return output.Permanent(fmt.Errorf("%w: %s", ErrRejected, se.Explain(": check the destination's token")))
	case code == http.StatusServiceUnavailable:
		err := fmt.Errorf("%w: %s", ErrUnavailable, se.Explain(""))
		if se.RetryAfter > 0 {
			return output.RetryAfter(err, se.RetryAfter)
		}
		return err
	case code >= 500 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests:
		return fmt.Errorf("%w: %s", ErrUnavailable, se.Explain(""))
	default:
		return output.Permanent(fmt.Errorf("%w: %s", ErrRejected, se.Explain("")))
	}
}

// end DELETEs the session so the endpoint frees it at once instead of
// waiting for ICE to time out.
func (s *signaler) end(resource string) error {
	if err := s.c.Delete(resource); err != nil {
		return fmt.Errorf("whip: %w", err)
	}
	return nil
}
