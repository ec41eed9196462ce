package whip

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pion/webrtc/v4"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// maxRedirects bounds how many 307/308 hops an offer follows.
const maxRedirects = 5

// session is one WHIP resource: where to DELETE it, and what the endpoint
// said about ICE servers.
type session struct {
	answer   string
	resource string // absolute URL of the session, from Location
	ice      []webrtc.ICEServer
}

// signaler speaks WHIP's HTTP side for one endpoint.
type signaler struct {
	client *http.Client
	token  string
}

func newSignaler(token string, client *http.Client) *signaler {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	// Redirects are followed by hand: the offer must be POSTed again with
	// its token, and a relative Location is resolved against the URL that
	// answered, not the first one.
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &signaler{client: &c, token: token}
}

// iceServers asks the endpoint for its ICE servers before the offer, the
// way earlier WHIP drafts did with OPTIONS. It is best effort (endpoints
// that do not answer it still give them with the 201), except that a 401
// or 403 is an answer about the token: the offer would be refused too.
func (s *signaler) iceServers(ctx context.Context, endpoint string) ([]webrtc.ICEServer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodOptions, endpoint, nil)
	if err != nil {
		return nil, nil
	}
	s.authorize(req)
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	drain(resp)
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, s.statusError(endpoint, resp, body)
	case resp.StatusCode/100 != 2:
		return nil, nil
	}
	return iceServersFromLinks(resp.Header.Values("Link")), nil
}

// offer POSTs the SDP offer and returns the session the endpoint created.
func (s *signaler) offer(ctx context.Context, endpoint, sdp string) (*session, error) {
	target := endpoint
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(sdp))
		if err != nil {
			return nil, output.Permanent(fmt.Errorf("%w: %s: %v", ErrRejected, media.RedactURL(target), err))
		}
		req.Header.Set("Content-Type", "application/sdp")
		s.authorize(req)
		resp, err := s.client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, media.RedactURL(target), s.scrub(err))
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		drain(resp)
		switch {
		case resp.StatusCode == http.StatusCreated:
			loc, err := resolve(target, resp.Header.Get("Location"))
			if err != nil {
				return nil, fmt.Errorf("%w: %s: 201 with a bad Location: %v", ErrRejected, media.RedactURL(target), err)
			}
			return &session{answer: string(body), resource: loc, ice: iceServersFromLinks(resp.Header.Values("Link"))}, nil
		case resp.StatusCode == http.StatusTemporaryRedirect || resp.StatusCode == http.StatusPermanentRedirect:
			if hop >= maxRedirects {
				return nil, output.Permanent(fmt.Errorf("%w: %s: more than %d redirects", ErrRejected, media.RedactURL(endpoint), maxRedirects))
			}
			next, err := resolve(target, resp.Header.Get("Location"))
			if err != nil {
				return nil, fmt.Errorf("%w: %s: redirect with a bad Location: %v", ErrRejected, media.RedactURL(target), err)
			}
			target = next
		default:
			return nil, s.statusError(target, resp, body)
		}
	}
}

// statusError turns a refusal into a reason a host can act on. 401 and 403
// are permanent (a wrong token); 5xx are worth retrying, 503 after the wait
// the server asked for.
func (s *signaler) statusError(target string, resp *http.Response, body []byte) error {
	where := media.RedactURL(target)
	detail := s.scrubText(strings.TrimSpace(string(bytes.ToValidUTF8(body, nil))))
	if len(detail) > 200 {
		detail = detail[:200] + "…"
	}
	if detail != "" {
		detail = ": " + detail
	}
	code := resp.StatusCode
	switch {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return output.Permanent(fmt.Errorf("%w: %s answered %d %s: check the destination's token%s",
			ErrRejected, where, code, http.StatusText(code), detail))
	case code == http.StatusServiceUnavailable:
		err := fmt.Errorf("%w: %s answered 503 Service Unavailable%s", ErrUnavailable, where, detail)
		if secs, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && secs > 0 {
			return output.RetryAfter(err, time.Duration(secs)*time.Second)
		}
		return err
	case code >= 500 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests:
		return fmt.Errorf("%w: %s answered %d %s%s", ErrUnavailable, where, code, http.StatusText(code), detail)
	default:
		return output.Permanent(fmt.Errorf("%w: %s answered %d %s%s", ErrRejected, where, code, http.StatusText(code), detail))
	}
}

// end DELETEs the session so the endpoint frees it at once instead of
// waiting for ICE to time out.
func (s *signaler) end(resource string) error {
	if resource == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, resource, nil)
	if err != nil {
		return err
	}
	s.authorize(req)
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("whip: DELETE %s: %v", media.RedactURL(resource), s.scrub(err))
	}
	drain(resp)
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotFound {
		return fmt.Errorf("whip: DELETE %s: %d %s", media.RedactURL(resource), resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return nil
}

// authorize adds the Bearer token; with no token there is no header at all,
// since some endpoints refuse an empty one.
func (s *signaler) authorize(req *http.Request) {
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
}

// scrub keeps the token out of errors from the HTTP client, which quote
// URLs (and a token may ride in one).
func (s *signaler) scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return errors.New(s.scrubText(err.Error()))
}

func (s *signaler) scrubText(t string) string {
	if s.token != "" {
		t = strings.ReplaceAll(t, s.token, "<token>")
	}
	return t
}

// resolve makes a Location absolute against the URL that sent it.
func resolve(base, loc string) (string, error) {
	if loc == "" {
		return "", errors.New("no Location header")
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	l, err := url.Parse(loc)
	if err != nil {
		return "", errors.New("unparsable Location")
	}
	return b.ResolveReference(l).String(), nil
}

func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}
