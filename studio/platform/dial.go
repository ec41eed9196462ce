package platform

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/coder/websocket"

	"github.com/vitrina-live/vitrina/studio/media"
)

// DialOptions says who connects.
type DialOptions struct {
	// Token is the host's Bearer token, sent on the upgrade; empty for a
	// viewer. It is never logged or put in errors.
	Token string
	// Hello is sent as is, except that empty Versions become Versions and
	// an empty Role becomes host with a token, viewer without.
	Hello      Hello
	HTTPClient *http.Client
	// ReadLimit bounds one frame from the relay; default 4 MiB (a welcome
	// carries the whole state).
	ReadLimit int64
}

// Conn is one socket to a relay after the hello: the transport a client's
// outbox, reconnect and resume are built on. Read and Send may be called
// from two goroutines at once; Send is safe for several.
type Conn struct {
	ws      *websocket.Conn
	Welcome Welcome
}

// Dial opens the event socket at url (ws:// or wss://, such as
// ws://127.0.0.1:8080/show/events), says hello and waits for the welcome.
// The events a resumed welcome promises follow through Read. A refused
// token is ErrUnauthorized; a refused hello is a *RefusedError.
func Dial(ctx context.Context, url string, o DialOptions) (*Conn, error) {
	h := o.Hello
	if len(h.Versions) == 0 {
		h.Versions = Versions
	}
	if h.Role == "" {
		h.Role = RoleViewer
		if o.Token != "" {
			h.Role = RoleHost
		}
	}
	hello, err := Frame(0, h)
	if err != nil {
		return nil, err
	}
	hdr := http.Header{}
	if o.Token != "" {
		hdr.Set("Authorization", "Bearer "+o.Token)
	}
	ws, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: hdr, HTTPClient: o.HTTPClient})
	if err != nil {
		if resp != nil && resp.StatusCode == http.StatusUnauthorized {
			return nil, fmt.Errorf("%w: %s refused the host token (401)", ErrUnauthorized, media.RedactURL(url))
		}
		if resp != nil {
			return nil, fmt.Errorf("%w: %s answered %d %s", ErrClosed, media.RedactURL(url), resp.StatusCode, http.StatusText(resp.StatusCode))
		}
		return nil, fmt.Errorf("%w: cannot connect to %s: %v", ErrClosed, media.RedactURL(url), err)
	}
	limit := o.ReadLimit
	if limit <= 0 {
		limit = 4 << 20
	}
	ws.SetReadLimit(limit)
	c := &Conn{ws: ws}
	if err := ws.Write(ctx, websocket.MessageText, hello); err != nil {
		ws.CloseNow()
		return nil, c.closed(err)
	}
	env, ev, err := c.Read(ctx)
	if err != nil {
		ws.CloseNow()
		return nil, err
	}
	switch e := ev.(type) {
	case Welcome:
		c.Welcome = e
		return c, nil
	case ErrorData:
		ws.CloseNow()
		if e.Code == CodeAuth {
			return nil, fmt.Errorf("%w: %s", ErrUnauthorized, e.Message)
		}
		return nil, &RefusedError{Data: e}
	}
	ws.CloseNow()
	return nil, fmt.Errorf("%w: the relay answered the hello with %q", ErrInvalid, env.Type)
}

// Send sends one event with the sender's id.
func (c *Conn) Send(ctx context.Context, id uint64, ev Event) error {
	b, err := Frame(id, ev)
	if err != nil {
		return err
	}
	return c.SendFrame(ctx, b)
}

// SendFrame sends an encoded frame as is (an outbox keeps them so).
func (c *Conn) SendFrame(ctx context.Context, frame []byte) error {
	if err := c.ws.Write(ctx, websocket.MessageText, frame); err != nil {
		return c.closed(err)
	}
	return nil
}

// Read returns the next message. A frame that does not decode is returned
// with its error (the envelope as far as it parsed) and the socket stays
// usable; a closed socket is ErrClosed, and CloseCode says why.
func (c *Conn) Read(ctx context.Context) (Envelope, Event, error) {
	_, b, err := c.ws.Read(ctx)
	if err != nil {
		return Envelope{}, nil, c.closed(err)
	}
	return Decode(b, 0)
}

// Close ends the socket normally.
func (c *Conn) Close() error {
	if err := c.ws.Close(websocket.StatusNormalClosure, ""); err != nil && !errors.Is(err, net.ErrClosed) {
		return c.closed(err)
	}
	return nil
}

// CloseNow drops the socket without the closing handshake (a test's
// network cut).
func (c *Conn) CloseNow() { c.ws.CloseNow() }

// closed wraps a socket error so that both errors.Is(err, ErrClosed) and
// CloseCode work on it.
func (c *Conn) closed(err error) error {
	return fmt.Errorf("%w: %w", ErrClosed, err)
}

// CloseCode is the WebSocket close code in an error from Conn, or -1.
func CloseCode(err error) int {
	return int(websocket.CloseStatus(err))
}
