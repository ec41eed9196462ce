package probe

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// maxRedirects bounds how many 307/308 hops an offer follows.
const maxRedirects = 5

// whepClient speaks the HTTP side of WHEP, the playback twin of WHIP: POST
// an SDP offer, get 201 with the answer and a Location for the session,
// DELETE that Location at the end.
type whepClient struct {
	client *http.Client
	token  string
	own    *http.Transport // ours to close, when the caller gave no client
}

func newWHEPClient(token string, client *http.Client) *whepClient {
	var own *http.Transport
	if client == nil {
		own = http.DefaultTransport.(*http.Transport).Clone()
		client = &http.Client{Timeout: 10 * time.Second, Transport: own}
	}
	// Redirects are followed by hand: the offer is POSTed again with its
	// token, and a relative Location resolves against the URL that sent it.
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &whepClient{client: &c, token: token, own: own}
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
	target := endpoint
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(sdp))
		if err != nil {
			return "", "", fmt.Errorf("%w: %s: %v", ErrBadURL, media.RedactURL(target), err)
		}
		req.Header.Set("Content-Type", "application/sdp")
		c.authorize(req)
		resp, err := c.client.Do(req)
		if err != nil {
			return "", "", fmt.Errorf("%w: cannot connect to %s: %v", ErrUnavailable, media.RedactURL(target), c.scrub(err))
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		drain(resp)
		switch resp.StatusCode {
		case http.StatusCreated:
			loc, err := resolve(target, resp.Header.Get("Location"))
			if err != nil {
				return "", "", fmt.Errorf("%w: %s: 201 with a bad Location: %v", ErrRejected, media.RedactURL(target), err)
			}
			return string(body), loc, nil
		case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			if hop >= maxRedirects {
				return "", "", fmt.Errorf("%w: %s: more than %d redirects", ErrRejected, media.RedactURL(endpoint), maxRedirects)
			}
			if target, err = resolve(target, resp.Header.Get("Location")); err != nil {
				return "", "", fmt.Errorf("%w: %s: redirect with a bad Location: %v", ErrRejected, media.RedactURL(endpoint), err)
			}
		default:
			return "", "", c.statusError(target, resp.StatusCode, body)
		}
	}
}

// statusError says why the endpoint refused, with the start of its reply
// (MediaMTX explains a 404 as "no stream is available on path").
func (c *whepClient) statusError(target string, code int, body []byte) error {
	detail := c.scrubText(strings.TrimSpace(string(bytes.ToValidUTF8(body, nil))))
	if len(detail) > 200 {
		detail = detail[:200] + "…"
	}
	if detail != "" {
		detail = ": " + detail
	}
	sentinel := ErrRejected
	if code >= 500 {
		sentinel = ErrUnavailable
	}
	hint := ""
	if code == http.StatusUnauthorized || code == http.StatusForbidden {
		hint = " (check --token-env)"
	}
	return fmt.Errorf("%w: %s answered %d %s%s%s", sentinel, media.RedactURL(target), code, http.StatusText(code), hint, detail)
}

// end DELETEs the session so the server frees it at once rather than
// after an ICE timeout.
func (c *whepClient) end(resource string) error {
	if resource == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, resource, nil)
	if err != nil {
		return err
	}
	c.authorize(req)
	resp, err := c.client.Do(req)
	if err != nil {
		return fmt.Errorf("probe: DELETE %s: %v", media.RedactURL(resource), c.scrub(err))
	}
	drain(resp)
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotFound {
		return fmt.Errorf("probe: DELETE %s: %d %s", media.RedactURL(resource), resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return nil
}

// authorize adds the Bearer token, and no header at all without one.
func (c *whepClient) authorize(req *http.Request) {
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
}

// scrub drops the URL the HTTP client quotes in its errors (we name the
// endpoint redacted ourselves) and any trace of the token.
func (c *whepClient) scrub(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return c.scrubText(err.Error())
}

func (c *whepClient) scrubText(t string) string {
	if c.token != "" {
		t = strings.ReplaceAll(t, c.token, "<token>")
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
