package sdphttp

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Kind says how an exchange failed short of a final status, so that each
// caller can pick its own sentinel and say whether retrying helps.
type Kind int

const (
	// BadRequest: the request could not be made (a malformed URL).
	BadRequest Kind = iota + 1
	// Unreachable: no HTTP answer (refused, timed out, TLS).
	Unreachable
	// BadLocation: a 201 whose Location is missing or unparsable.
	BadLocation
	// BadRedirect: a 307/308 whose Location is missing or unparsable.
	BadRedirect
	// TooManyRedirects: more than MaxRedirects hops.
	TooManyRedirects
)

// Error is a failed exchange. Both URLs are redacted and Err is scrubbed of
// the token, so any of it can be shown.
type Error struct {
	Kind     Kind
	URL      string // the URL the failing request went to
	Endpoint string // the URL first asked, before any redirect
	Err      error  // the cause; nil for TooManyRedirects
}

func (e *Error) Error() string {
	switch e.Kind {
	case BadLocation:
		return fmt.Sprintf("%s: 201 with a bad Location: %v", e.URL, e.Err)
	case BadRedirect:
		return fmt.Sprintf("%s: redirect with a bad Location: %v", e.URL, e.Err)
	case TooManyRedirects:
		return fmt.Sprintf("%s: more than %d redirects", e.Endpoint, MaxRedirects)
	default:
		return fmt.Sprintf("%s: %v", e.URL, e.Err)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// StatusError is a final answer other than the one hoped for. URL is
// redacted and Detail scrubbed of the token.
type StatusError struct {
	URL        string
	Code       int
	Detail     string        // the start of the body, at most 200 bytes and "…"
	RetryAfter time.Duration // from Retry-After in seconds; 0 if none
}

func (e *StatusError) Error() string { return e.Explain("") }

// Explain words the refusal with a caller's hint between the status and
// the server's own detail, e.g. " (check --token-env)".
func (e *StatusError) Explain(hint string) string {
	detail := ""
	if e.Detail != "" {
		detail = ": " + e.Detail
	}
	return fmt.Sprintf("%s answered %d %s%s%s", e.URL, e.Code, http.StatusText(e.Code), hint, detail)
}

// statusError keeps what a caller needs to explain a refusal: the body's
// start (MediaMTX explains a 404 as "no stream is available on path"),
// without the token, and how long the server asked to wait.
func (c *Client) statusError(target string, resp *http.Response, body []byte) *StatusError {
	detail := c.scrubText(strings.TrimSpace(string(bytes.ToValidUTF8(body, nil))))
	if len(detail) > 200 {
		detail = detail[:200] + "…"
	}
	e := &StatusError{URL: media.RedactURL(target), Code: resp.StatusCode, Detail: detail}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		e.RetryAfter = time.Duration(secs) * time.Second
	}
	return e
}

// scrub drops the url.Error wrapper, which quotes the raw URL (callers name
// it redacted themselves), and any trace of the token.
func (c *Client) scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return errors.New(c.scrubText(err.Error()))
}

func (c *Client) scrubText(t string) string {
	if c.token != "" {
		t = strings.ReplaceAll(t, c.token, "<token>")
	}
	return t
}
