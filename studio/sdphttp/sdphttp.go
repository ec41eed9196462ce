// Package sdphttp is the HTTP half of WHIP and WHEP (RFC 9725 and its
// playback twin): POST an SDP offer, follow redirects, take the answer and
// the session's Location from the 201, DELETE that Location at the end.
// The WHIP output and the WHEP latency probe both speak it; each maps this
// package's errors to its own sentinels and words.
package sdphttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// MaxRedirects bounds how many 307/308 hops an offer follows.
const MaxRedirects = 5

// Client speaks to one endpoint's HTTP side with one token.
type Client struct {
	http  *http.Client
	token string
}

// New returns a client sending token as a Bearer. A nil hc gets a 10 s
// timeout on the default transport. Redirects are followed by hand: the
// offer must be POSTed again with its token, and a relative Location
// resolves against the URL that sent it, not the first one.
func New(token string, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	c := *hc // a copy: the caller's client keeps its own redirect policy
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Client{http: &c, token: token}
}

// Authorize adds the Bearer token; with no token there is no header at
// all, since some endpoints refuse an empty one.
func (c *Client) Authorize(req *http.Request) {
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
}

// Answer is what a 201 to an offer brought.
type Answer struct {
	SDP      string
	Resource string   // absolute URL of the session, from Location
	Links    []string // Link header values, where ICE servers ride
}

// Offer POSTs the SDP offer, following redirects, and returns the session
// the endpoint created. Errors are an *Error or a *StatusError.
func (c *Client) Offer(ctx context.Context, endpoint, sdp string) (*Answer, error) {
	target := endpoint
	for hop := 0; ; hop++ {
		fail := func(k Kind, err error) error {
			return &Error{Kind: k, URL: media.RedactURL(target), Endpoint: media.RedactURL(endpoint), Err: err}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(sdp))
		if err != nil {
			return nil, fail(BadRequest, c.scrub(err))
		}
		req.Header.Set("Content-Type", "application/sdp")
		c.Authorize(req)
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, fail(Unreachable, c.scrub(err))
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		drain(resp)
		switch resp.StatusCode {
		case http.StatusCreated:
			loc, err := resolve(target, resp.Header.Get("Location"))
			if err != nil {
				return nil, fail(BadLocation, err)
			}
			return &Answer{SDP: string(body), Resource: loc, Links: resp.Header.Values("Link")}, nil
		case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			if hop >= MaxRedirects {
				return nil, fail(TooManyRedirects, nil)
			}
			next, err := resolve(target, resp.Header.Get("Location"))
			if err != nil {
				return nil, fail(BadRedirect, err)
			}
			target = next
		default:
			return nil, c.statusError(target, resp, body)
		}
	}
}

// Options asks the endpoint for its Link headers before the offer, the way
// earlier WHIP drafts gave ICE servers. Errors are an *Error or, for any
// non-2xx answer, a *StatusError: whether that matters is the caller's call.
func (c *Client) Options(ctx context.Context, endpoint string) ([]string, error) {
	fail := func(k Kind, err error) error {
		return &Error{Kind: k, URL: media.RedactURL(endpoint), Endpoint: media.RedactURL(endpoint), Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodOptions, endpoint, nil)
	if err != nil {
		return nil, fail(BadRequest, c.scrub(err))
	}
	c.Authorize(req)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fail(Unreachable, c.scrub(err))
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	drain(resp)
	if resp.StatusCode/100 != 2 {
		return nil, c.statusError(endpoint, resp, body)
	}
	return resp.Header.Values("Link"), nil
}

// Delete ends the session so the endpoint frees it at once instead of
// waiting for ICE to time out. A 404 is fine: the session is gone already.
// It has its own short deadline, since it runs when the caller's context
// is usually done.
func (c *Client) Delete(resource string) error {
	if resource == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	fail := func(why any) error { return fmt.Errorf("DELETE %s: %v", media.RedactURL(resource), why) }
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, resource, nil)
	if err != nil {
		return fail(c.scrub(err))
	}
	c.Authorize(req)
	resp, err := c.http.Do(req)
	if err != nil {
		return fail(c.scrub(err))
	}
	drain(resp)
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotFound {
		return fail(fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
	}
	return nil
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

// Loopback tells whether an endpoint URL names this machine, where ICE
// needs loopback candidates (rehearsals with `vitrina relay`, tests).
func Loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// drain reads what is left of a body, up to a bound, so the connection can
// be kept alive, and closes it.
func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}
