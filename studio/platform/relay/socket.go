package relay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/vitrina-live/vitrina/studio/platform"
)

const (
	helloTimeout = 10 * time.Second // from the upgrade to the hello
	writeTimeout = 10 * time.Second // one frame to a client
	pingEvery    = 20 * time.Second // a silent client is pinged, and dropped if it does not answer
)

// client is one event socket after its hello.
type client struct {
	ws      *websocket.Conn
	role    platform.Role
	version string   // negotiated in the hello: what it may send and get
	sess    *session // viewers
	out     chan []byte
	rate    bucket
	errs    budget

	once    sync.Once
	done    chan struct{} // closed by shut
	code    websocket.StatusCode
	why     string
	flush   bool // write what is queued before closing
	written chan struct{}
}

// events upgrades to the event socket. A request with an Authorization
// header must carry the host token (401 otherwise, before any upgrade);
// one without is a viewer.
func (s *Server) events(rm *room, w http.ResponseWriter, r *http.Request) {
	_, sent := bearer(r)
	authed := sent && s.authorized(r)
	if sent && !authed {
		unauthorized(w)
		return
	}
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionDisabled})
	if err != nil {
		return // Accept has answered
	}
	limit := platform.MaxViewerFrame
	if authed {
		limit = platform.MaxHostFrame
	}
	ws.SetReadLimit(int64(limit))
	c := &client{ws: ws, out: make(chan []byte, s.cfg.ReplayLog+256), rate: newBucket(s.cfg.ViewerRate),
		done: make(chan struct{}), written: make(chan struct{})}

	hello, version, ok := readHello(ws)
	if !ok {
		return
	}
	c.version = version
	go c.writeLoop()
	if refusal, code := rm.hub.join(c, hello, version, authed); refusal != nil {
		c.refuse(0, *refusal)
		c.shut(websocket.StatusCode(code), string(refusal.Code))
		<-c.written
		return
	}
	if c.role == platform.RoleHost {
		c.rate = bucket{} // the host is not rate limited
	}
	c.readLoop(rm.hub)
	c.shut(websocket.StatusNormalClosure, "")
	<-c.written
	rm.hub.leave(c)
	rm.log.Info("relay: left", "role", string(c.role), "viewer", viewerOf(c), "close", int(c.code), "reason", c.why)
}

// readHello reads the first message, which must be a hello in a version
// the relay speaks; otherwise it explains and closes.
func readHello(ws *websocket.Conn) (platform.Hello, string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), helloTimeout)
	defer cancel()
	_, b, err := ws.Read(ctx)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			ws.Close(platform.CloseBadHello, "no hello within 10 s")
		}
		ws.CloseNow()
		return platform.Hello{}, "", false
	}
	fail := func(code platform.Code, close int, msg string) (platform.Hello, string, bool) {
		if frame, err := platform.Frame(0, platform.ErrorData{Code: code, Message: msg}); err == nil {
			wctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
			ws.Write(wctx, websocket.MessageText, frame)
			cancel()
		}
		ws.Close(websocket.StatusCode(close), string(code))
		return platform.Hello{}, "", false
	}
	_, ev, err := platform.Decode(b, 0)
	if err != nil {
		return fail(platform.CodeHello, platform.CloseBadHello, "the first message must be a valid hello: "+err.Error())
	}
	hello, ok := ev.(platform.Hello)
	if !ok {
		return fail(platform.CodeHello, platform.CloseBadHello, fmt.Sprintf("the first message must be a hello, not %s", ev.Type()))
	}
	version, err := platform.Negotiate(hello.Versions)
	if err != nil {
		return fail(platform.CodeVersion, platform.CloseVersion, err.Error())
	}
	return hello, version, true
}

// readLoop takes the client's messages until the socket ends. Bad messages
// are refused one by one; the socket closes only past the error budget (or
// on a frame over the limit, which the WebSocket library closes with 1009).
func (c *client) readLoop(h *hub) {
	ctx := context.Background()
	for {
		typ, b, err := c.ws.Read(ctx)
		if err != nil {
			if code := websocket.CloseStatus(err); code == websocket.StatusMessageTooBig {
				c.shut(code, "frame over the limit")
			}
			return
		}
		now := time.Now()
		if typ != websocket.MessageText {
			c.refuse(0, platform.ErrorData{Code: platform.CodeBadJSON, Message: "binary frame: send JSON in text frames"})
			continue
		}
		env, ev, err := platform.Decode(b, 0)
		if err != nil {
			c.refuse(env.ID, platform.ErrorData{Code: platform.CodeOf(err), Message: err.Error()})
			continue
		}
		if !c.rate.take(now) {
			c.refuse(env.ID, platform.ErrorData{Code: platform.CodeRateLimited, RetryAfterMS: 1000,
				Message: fmt.Sprintf("more than %g messages a second; send it again later", c.rate.rate)})
			continue
		}
		route, _ := platform.RouteOf(env.Type)
		verr := platform.CheckVersion(ev, c.version)
		switch {
		case env.Type == platform.TypeHello:
			c.refuse(env.ID, platform.ErrorData{Code: platform.CodeInvalid, Message: "hello: already said; it comes once, first"})
		case !route.In(c.version):
			c.refuse(env.ID, platform.ErrorData{Code: platform.CodeUnknownType,
				Message: fmt.Sprintf("%s: not in version %s, which this connection speaks (it came with version %s)", env.Type, c.version, route.Since)})
		case !route.MaySend(c.role):
			c.refuse(env.ID, platform.ErrorData{Code: platform.CodeNotAllowed, Message: fmt.Sprintf("a %s may not send %s", c.role, env.Type)})
		case verr != nil: // a field of a later version: a claim's code from a version 1 page
			c.refuse(env.ID, platform.ErrorData{Code: platform.CodeOf(verr), Message: verr.Error()})
		case env.ID == 0:
			c.refuse(0, platform.ErrorData{Code: platform.CodeInvalid, Message: fmt.Sprintf("%s: id: required, and above your last one", env.Type)})
		default:
			h.take(c, env, ev, now)
		}
	}
}

// send queues a frame; a client that lets its queue fill is too slow to
// follow the show and is closed (1013): it resumes when it reconnects.
func (c *client) send(frame []byte) {
	select {
	case c.out <- frame:
	default:
		c.shutNow(platform.CloseTryLater, string(platform.CodeTooSlow))
	}
}

func (c *client) ack(a platform.Ack) {
	if frame, err := platform.Frame(0, a); err == nil {
		c.send(frame)
	}
}

// refuse answers a message with an error. Protocol errors count against
// the budget; past it the socket closes with 1008.
func (c *client) refuse(ref uint64, e platform.ErrorData) {
	e.Ref = ref
	if frame, err := platform.Frame(0, e); err == nil {
		c.send(frame)
	}
	if countsAgainst(e.Code) && c.errs.spend(time.Now()) {
		if frame, err := platform.Frame(0, platform.ErrorData{Code: platform.CodeTooMany,
			Message: fmt.Sprintf("more than %d errors in %v", errorBudget, errorWindow)}); err == nil {
			c.send(frame)
		}
		c.shut(platform.ClosePolicy, string(platform.CodeTooMany))
	}
}

// shut closes the socket after what is queued; shutNow without it.
func (c *client) shut(code websocket.StatusCode, why string) { c.close(code, why, true) }

func (c *client) shutNow(code websocket.StatusCode, why string) { c.close(code, why, false) }

func (c *client) close(code websocket.StatusCode, why string, flush bool) {
	c.once.Do(func() {
		c.code, c.why, c.flush = code, why, flush
		close(c.done)
	})
}

// writeLoop writes queued frames, pings a quiet client, and closes the
// socket once shut.
func (c *client) writeLoop() {
	defer close(c.written)
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case b := <-c.out:
			if err := c.write(b); err != nil {
				c.shutNow(websocket.StatusGoingAway, "write failed")
				c.ws.CloseNow()
				return
			}
		case <-ping.C:
			ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
			err := c.ws.Ping(ctx)
			cancel()
			if err != nil {
				c.shutNow(websocket.StatusGoingAway, "no pong")
				c.ws.CloseNow()
				return
			}
		case <-c.done:
			if c.flush {
				c.drain()
			}
			c.ws.Close(c.code, c.why)
			return
		}
	}
}

// drain writes what is queued (the error that explains a close, say),
// stopping at the first failure.
func (c *client) drain() {
	for {
		select {
		case b := <-c.out:
			if c.write(b) != nil {
				return
			}
		default:
			return
		}
	}
}

func (c *client) write(b []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	return c.ws.Write(ctx, websocket.MessageText, b)
}

func viewerOf(c *client) string {
	if c.sess != nil {
		return c.sess.viewer
	}
	return ""
}
