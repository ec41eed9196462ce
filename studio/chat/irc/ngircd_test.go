package irc

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
)

// ngircd is a real IRC server (Debian's ngircd) on a loopback port.
type ngircd struct {
	port int
	conf string
	cmd  *exec.Cmd
}

func startNgircd(t *testing.T) *ngircd {
	t.Helper()
	dir := t.TempDir()
	os.Chmod(dir, 0o755) // it drops to "nobody"
	n := &ngircd{port: mediatest.FreePort(t), conf: filepath.Join(dir, "ngircd.conf")}
	conf := fmt.Sprintf(`[Global]
Name = irc.vitrina.test
Info = Vitrina test server
Listen = 127.0.0.1
Ports = %d
AdminInfo1 = Vitrina tests
AdminEMail = tests@vitrina.invalid
[Options]
PAM = no
Ident = no
DNS = no
`, n.port)
	if err := os.WriteFile(n.conf, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	n.start(t)
	t.Cleanup(n.stop)
	return n
}

func (n *ngircd) start(t *testing.T) {
	t.Helper()
	n.cmd = exec.Command("ngircd", "--nodaemon", "--config", n.conf)
	log := filepath.Join(filepath.Dir(n.conf), "ngircd.log")
	out, _ := os.OpenFile(log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	n.cmd.Stdout, n.cmd.Stderr = out, out
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("starting ngircd (install it with `make deps`): %v", err)
	}
	mediatest.WaitListening(t, n.port, n.cmd, log)
}

func (n *ngircd) stop() {
	if n.cmd != nil {
		n.cmd.Process.Kill()
		n.cmd.Wait()
		n.cmd = nil
	}
}

// viewer is a plain IRC user typing in the channel.
type viewer struct {
	conn  net.Conn
	lines chan string
}

func connectViewer(t *testing.T, port int, nick, channel string) *viewer {
	t.Helper()
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	v := &viewer{conn: c, lines: make(chan string, 256)}
	go func() {
		r := bufio.NewReader(c)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				close(v.lines)
				return
			}
			if strings.HasPrefix(l, "PING") {
				fmt.Fprintf(c, "PONG%s", l[4:])
			}
			v.lines <- strings.TrimSpace(l)
		}
	}()
	fmt.Fprintf(c, "NICK %s\r\nUSER %s 0 * :viewer\r\nJOIN %s\r\n", nick, nick, channel)
	v.expect(t, " 366 ") // end of NAMES: joined
	return v
}

func (v *viewer) say(channel, text string) { fmt.Fprintf(v.conn, "PRIVMSG %s :%s\r\n", channel, text) }

// expect waits for a line containing want.
func (v *viewer) expect(t *testing.T, want string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case l, ok := <-v.lines:
			if !ok {
				t.Fatalf("connection closed before %q", want)
			}
			if strings.Contains(l, want) {
				return l
			}
		case <-timeout:
			t.Fatalf("no line with %q", want)
		}
	}
}

// The connector against a real ngircd: messages arrive as events; a ban
// sends MODE +b and KICK, and the banned user's later messages never
// arrive; after the server restarts, the connector comes back by itself.
func TestConnectorAgainstNgircd(t *testing.T) {
	srv := startNgircd(t)
	events := make(chan Event, 256)
	c := &Client{Addr: fmt.Sprintf("127.0.0.1:%d", srv.port), Nick: "vitrina", Channel: "#shop",
		OnEvent: func(e Event) { events <- e }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	states := make(chan output.State, 64)
	h := &output.Handler{Name: "irc", Output: c, OnChange: func(s output.Status) { states <- s.State }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	t0 := time.Now()
	defer func() { t.Logf("total %v", time.Since(t0)) }()
	waitState(t, states, output.Live) // first in the channel: ngircd makes us its operator

	t.Logf("live %v", time.Since(t0))
	buyer := connectViewer(t, srv.port, "buyer", "#shop")
	spammer := connectViewer(t, srv.port, "spammer", "#shop")
	buyer.say("#shop", "is the blue one in size M?")
	spammer.say("#shop", "cheap followers at spam.example")
	waitChat(t, events, "buyer", "is the blue one in size M?")
	waitChat(t, events, "spammer", "cheap followers at spam.example")

	if err := c.Ban("spammer", "spam"); err != nil {
		t.Fatal(err)
	}
	spammer.expect(t, "KICK #shop spammer")
	fmt.Fprintf(spammer.conn, "JOIN #shop\r\n")
	spammer.expect(t, " 474 ") // cannot join: banned
	spammer.say("#shop", "I am back with more spam")
	spammer.expect(t, " 404 ") // cannot send to channel
	buyer.say("#shop", "I want it! +1")
	for _, e := range chatUntil(t, events, "buyer", "I want it! +1") {
		if e.User == "spammer" {
			t.Errorf("a banned user's message arrived: %q", e.Text)
		}
	}

	t.Logf("before restart %v", time.Since(t0))
	srv.stop()
	waitState(t, states, output.Reconnecting)
	srv.start(t)
	waitState(t, states, output.Live)
	t.Logf("live again %v", time.Since(t0))
	again := connectViewer(t, srv.port, "buyer2", "#shop")
	again.say("#shop", "hello after the restart")
	waitChat(t, events, "buyer2", "hello after the restart")
}

func waitState(t *testing.T, states <-chan output.State, want output.State) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case s := <-states:
			if s == want {
				return
			}
		case <-timeout:
			t.Fatalf("connector never %s", want)
		}
	}
}

func waitChat(t *testing.T, events <-chan Event, user, text string) Event {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Kind == Chat && e.User == user && e.Text == text {
				return e
			}
		case <-timeout:
			t.Fatalf("no message %q from %s", text, user)
		}
	}
}

// chatUntil returns the chat events up to and including text from user.
func chatUntil(t *testing.T, events <-chan Event, user, text string) []Event {
	t.Helper()
	var seen []Event
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Kind != Chat {
				continue
			}
			seen = append(seen, e)
			if e.User == user && e.Text == text {
				return seen
			}
		case <-timeout:
			t.Fatalf("no message %q from %s", text, user)
		}
	}
}
