package irc

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"
)

// Errors a connection ends with.
var (
	ErrRejected    = errors.New("irc: server refused us")
	ErrLost        = errors.New("irc: connection lost")
	ErrNotJoined   = errors.New("irc: not in the channel")
	ErrUnsupported = errors.New("irc: not possible on this server")
)

// Timing of the connection's health checks.
const (
	pingEvery  = 30 * time.Second
	idleLimit  = 90 * time.Second // no line at all for this long: the link is dead
	joinLimit  = 20 * time.Second
	writeLimit = 10 * time.Second
)

// Client is one IRC connection to one channel. Run is an output-style
// connection attempt (it returns why it ended and never retries); wrap it in
// an output.Handler for reconnects. Actions may be called from any
// goroutine while it is live.
type Client struct {
	Addr    string // host:port
	TLS     bool
	Nick    string
	Pass    string // server password, Twitch's "oauth:…"; never logged
	Channel string // "#shop"
	// OnEvent receives every chat event, on Run's goroutine, in order.
	OnEvent func(Event)
	Logger  *slog.Logger

	mu   sync.Mutex
	conn net.Conn
	w    *bufio.Writer
	nick string // the nick the server gave us
}

// Run connects, registers, joins, calls live once in the channel, and
// reads until ctx is done (nil) or the connection fails (its error).
func (c *Client) Run(ctx context.Context, live func()) error {
	log := c.Logger
	if log == nil {
		log = slog.Default()
	}
	d := net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	var err error
	if c.TLS {
		conn, err = (&tls.Dialer{NetDialer: &d}).DialContext(ctx, "tcp", c.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", c.Addr)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("irc %s: %w", c.Addr, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.Close()
	c.mu.Lock()
	c.conn, c.w, c.nick = conn, bufio.NewWriter(conn), c.Nick
	c.mu.Unlock()
	defer func() { c.mu.Lock(); c.conn = nil; c.mu.Unlock() }()

	if c.Pass != "" {
		c.send("PASS " + c.Pass)
	}
	// Twitch's capabilities; plain servers NAK them and nothing changes.
	c.send("CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership")
	c.send("NICK " + c.Nick)
	c.send("USER " + c.Nick + " 0 * :Vitrina")
	c.send("CAP END")
	err = c.read(ctx, conn, live, log)
	if ctx.Err() != nil {
		c.send("QUIT :show over")
		return nil
	}
	return err
}

func (c *Client) read(ctx context.Context, conn net.Conn, live func(), log *slog.Logger) error {
	r := bufio.NewReaderSize(conn, 16<<10)
	joined := false
	joinBy := time.Now().Add(joinLimit)
	lastPing := time.Now()
	for {
		deadline := time.Now().Add(pingEvery)
		if !joined && joinBy.Before(deadline) {
			deadline = joinBy
		}
		conn.SetReadDeadline(deadline)
		raw, err := r.ReadString('\n')
		if err != nil {
			var ne net.Error
			switch {
			case ctx.Err() != nil:
				return nil
			case errors.As(err, &ne) && ne.Timeout() && !joined && time.Now().After(joinBy):
				return fmt.Errorf("%w: %s not joined after %v", ErrNotJoined, c.Channel, joinLimit)
			case errors.As(err, &ne) && ne.Timeout() && time.Since(lastPing) < idleLimit:
				c.send("PING :vitrina") // quiet channel: make the server answer
				continue
			}
			return fmt.Errorf("%w: %s: %v", ErrLost, c.Addr, err)
		}
		lastPing = time.Now()
		l := Parse(strings.TrimRight(raw, "\r\n"))
		switch l.Command {
		case "PING":
			c.send("PONG :" + l.Param(0))
		case "001": // welcome: registered
			c.mu.Lock()
			c.nick = l.Param(0)
			c.mu.Unlock()
			c.send("JOIN " + c.Channel)
		case "433": // nick in use, e.g. our old session not yet timed out
			c.mu.Lock()
			c.nick += "_"
			nick := c.nick
			c.mu.Unlock()
			c.send("NICK " + nick)
		case "464", "465", "474", "473", "475":
			return fmt.Errorf("%w: %s %s", ErrRejected, l.Command, l.Param(len(l.Params)-1))
		case "JOIN":
			if !joined && strings.EqualFold(l.Nick(), c.currentNick()) {
				joined = true
				log.Info("chat connected", "platform", "irc", "server", c.Addr, "channel", c.Channel)
				live()
			}
		}
		if e, ok := Interpret(l, time.Now()); ok && c.OnEvent != nil {
			if e.Kind == Reconnect {
				return fmt.Errorf("%w: the server asked to reconnect", ErrLost)
			}
			c.OnEvent(e)
		}
	}
}

func (c *Client) currentNick() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nick
}

// send writes one line. IRC forbids CR and LF inside a line: they are
// replaced, so text from a user can never smuggle a second command.
func (c *Client) send(line string) error {
	line = strings.NewReplacer("\r", " ", "\n", " ").Replace(line)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		return fmt.Errorf("%w: not connected", ErrLost)
	}
	c.conn.SetWriteDeadline(time.Now().Add(writeLimit))
	if _, err := c.w.WriteString(line + "\r\n"); err != nil {
		return fmt.Errorf("%w: %v", ErrLost, err)
	}
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("%w: %v", ErrLost, err)
	}
	return nil
}
